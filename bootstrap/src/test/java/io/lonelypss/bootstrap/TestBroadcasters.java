package io.lonelypss.bootstrap;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Starts real broadcasters (SQLite file, loopback, any free port) for integration tests. */
final class TestBroadcasters {
  private TestBroadcasters() {}

  static RunningBroadcaster start(Path dir, String... extraFlags) throws Exception {
    return start(dir, java.time.Instant::now, extraFlags);
  }

  /** As {@link #start(Path, String...)}, on another clock (signed vectors need their time). */
  static RunningBroadcaster start(
      Path dir, io.lonelypss.application.port.out.ClockPort clock, String... extraFlags)
      throws Exception {
    Map<String, String> env = new HashMap<>();
    List<String> flags =
        new java.util.ArrayList<>(
            List.of(
                "--port",
                "0",
                "--sqlite-path",
                dir.resolve("subscriptions.db").toString(),
                "--spool-dir",
                dir.toString(),
                "--shutdown-grace",
                "5"));
    flags.addAll(List.of(extraFlags));
    BroadcasterConfig config = ConfigLoader.load(flags, env, dir);
    return Broadcaster.start(config, clock).toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  static void stop(RunningBroadcaster b) throws Exception {
    if (b != null) {
      b.stop().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }
}
