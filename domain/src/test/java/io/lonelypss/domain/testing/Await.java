package io.lonelypss.domain.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * Waiting for a condition that another thread or process brings about (a file deleted, a row
 * updated): polls a few times a second and fails after a generous bound. It waits for the state,
 * never for a time.
 */
public final class Await {
  private Await() {}

  /** Something to poll; may throw, which ends the wait. */
  @FunctionalInterface
  public interface Condition {
    boolean holds() throws Exception;
  }

  /**
   * Returns once {@code condition} holds.
   *
   * @throws AssertionError naming {@code what} when it still does not hold after {@code timeout}
   */
  public static void until(String what, Duration timeout, Condition condition) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.holds()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting until " + what);
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
    }
  }

  /** The condition that {@code dir} holds exactly {@code count} entries. */
  public static Condition fileCount(Path dir, int count) {
    return () -> {
      try (Stream<Path> files = Files.list(dir)) {
        return files.count() == count;
      }
    };
  }
}
