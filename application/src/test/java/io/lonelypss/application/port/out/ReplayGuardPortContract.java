package io.lonelypss.application.port.out;

import static io.lonelypss.application.port.out.SubscriptionStorePortContract.TIMEOUT;
import static io.lonelypss.application.port.out.SubscriptionStorePortContract.assertFailsWith;
import static io.lonelypss.application.port.out.SubscriptionStorePortContract.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ReplayGuardPort} must do ({@code http.md} 8.5). Subclasses create a fresh guard
 * before each test and return it from {@link #guard()}. Every test uses its own random codes and
 * its own time base far in the future, so the tests also hold on a guard shared between them.
 */
public abstract class ReplayGuardPortContract {
  private static final SecureRandom RANDOM = new SecureRandom();

  /** Whole seconds since the epoch at which this test's clock starts; unique to this test. */
  private final long base = 4_000_000_000L + RANDOM.nextInt(1_000_000) * 1_000L;

  /** The guard under test, created by the subclass before each test. */
  protected abstract ReplayGuardPort guard();

  @Test
  public void theFirstRecordOfACodeIsAccepted() {
    assertTrue(await(guard().recordIfUnseen(code(), at(180), at(0))));
  }

  @Test
  public void theSameCodeAgainIsRefusedAsAReplay() {
    byte[] code = code();
    assertTrue(await(guard().recordIfUnseen(code, at(180), at(0))));

    assertFalse(await(guard().recordIfUnseen(code, at(181), at(1))));
    assertFalse(await(guard().recordIfUnseen(code.clone(), at(182), at(2))));
  }

  @Test
  public void aDifferentCodeIsAccepted() {
    byte[] code = code();
    byte[] lastByteDiffers = code.clone();
    lastByteDiffers[63] ^= 1;
    assertTrue(await(guard().recordIfUnseen(code, at(180), at(0))));

    assertTrue(await(guard().recordIfUnseen(code(), at(180), at(0))));
    assertTrue(await(guard().recordIfUnseen(lastByteDiffers, at(180), at(0))));
  }

  @Test
  public void aCodeWhoseRecordExpiredIsAcceptedAgainAndRecordedAnew() {
    byte[] code = code();
    assertTrue(await(guard().recordIfUnseen(code, at(10), at(0))));

    assertTrue(await(guard().recordIfUnseen(code, at(200), at(11))));

    assertFalse(await(guard().recordIfUnseen(code, at(300), at(12))), "re-recorded");
    assertFalse(await(guard().recordIfUnseen(code, at(300), at(200))), "until the new expiry");
    assertTrue(await(guard().recordIfUnseen(code, at(300), at(201))));
  }

  @Test
  public void aRefusedReplayDoesNotExtendTheRecord() {
    byte[] code = code();
    assertTrue(await(guard().recordIfUnseen(code, at(10), at(0))));
    assertFalse(await(guard().recordIfUnseen(code, at(1_000), at(5))));

    assertTrue(await(guard().recordIfUnseen(code, at(1_000), at(11))));
  }

  @Test
  public void aRecordIsLiveThroughTheWholeSecondOfItsExpiry() {
    byte[] code = code();
    assertTrue(await(guard().recordIfUnseen(code, at(10), at(0))));

    // expires_at == floor(now): still live
    assertFalse(await(guard().recordIfUnseen(code, at(500), at(10))));
    assertFalse(await(guard().recordIfUnseen(code, at(500), atMillis(10_999))));
    // expires_at < floor(now): expired
    assertTrue(await(guard().recordIfUnseen(code, at(500), at(11))));
  }

  @Test
  public void anExpiryWithinASecondIsRoundedUpToTheNextWholeSecond() {
    byte[] code = code();
    assertTrue(await(guard().recordIfUnseen(code, atMillis(10_001), at(0))));

    assertFalse(await(guard().recordIfUnseen(code, at(500), atMillis(11_999))));
    assertTrue(await(guard().recordIfUnseen(code, at(500), at(12))));
  }

  @Test
  public void purgeDeletesOnlyExpiredRecordsAndCountsThem() {
    await(guard().purgeExpired(at(0))); // anything older than this test's clock
    byte[] expiredLongAgo = code();
    byte[] expiredJustNow = code();
    byte[] expiresThisSecond = code();
    byte[] live = code();
    assertTrue(await(guard().recordIfUnseen(expiredLongAgo, at(1), at(0))));
    assertTrue(await(guard().recordIfUnseen(expiredJustNow, at(99), at(0))));
    assertTrue(await(guard().recordIfUnseen(expiresThisSecond, at(100), at(0))));
    assertTrue(await(guard().recordIfUnseen(live, at(180), at(0))));

    assertEquals(2, await(guard().purgeExpired(atMillis(100_500))));

    assertEquals(0, await(guard().purgeExpired(atMillis(100_500))), "nothing left to purge");
    // the survivors are still refused even by a clock that never saw them expire
    assertFalse(await(guard().recordIfUnseen(expiresThisSecond, at(500), at(0))));
    assertFalse(await(guard().recordIfUnseen(live, at(500), at(0))));
    // the purged ones are gone even to a clock that would still think them live
    assertTrue(await(guard().recordIfUnseen(expiredLongAgo, at(500), at(0))));
    assertTrue(await(guard().recordIfUnseen(expiredJustNow, at(500), at(0))));
  }

  @Test
  public void purgeWithNothingExpiredDeletesNothing() {
    await(guard().purgeExpired(at(0)));
    byte[] code = code();
    assertTrue(await(guard().recordIfUnseen(code, at(180), at(0))));

    assertEquals(0, await(guard().purgeExpired(at(180))));

    assertFalse(await(guard().recordIfUnseen(code, at(500), at(180))));
  }

  @Test
  public void concurrentRecordsOfTheSameCodeAcceptExactlyOne() throws Exception {
    byte[] code = code();

    List<CompletionStage<Boolean>> stages =
        concurrently(64, i -> guard().recordIfUnseen(code, at(180), at(0)));

    assertEquals(1, countTrue(stages));
  }

  @Test
  public void concurrentRecordsOfDistinctCodesAreAllAccepted() throws Exception {
    List<byte[]> codes = new ArrayList<>();
    for (int i = 0; i < 64; i++) {
      codes.add(code());
    }

    List<CompletionStage<Boolean>> stages =
        concurrently(64, i -> guard().recordIfUnseen(codes.get(i), at(180), at(0)));

    assertEquals(64, countTrue(stages));
  }

  @Test
  public void theCallersArrayMayBeReusedOnceTheCallReturns() {
    byte[] code = code();
    byte[] buffer = code.clone();
    CompletionStage<Boolean> first = guard().recordIfUnseen(buffer, at(180), at(0));
    buffer[0] ^= 1;

    assertTrue(await(first));
    assertFalse(await(guard().recordIfUnseen(code, at(180), at(0))));
  }

  @Test
  public void aCodeThatIsNot64BytesIsRejected() {
    byte[] code = code();
    byte[] tooShort = new byte[63];
    byte[] tooLong = new byte[65];
    System.arraycopy(code, 0, tooShort, 0, 63);
    System.arraycopy(code, 0, tooLong, 0, 64);

    assertFailsWith(
        IllegalArgumentException.class, guard().recordIfUnseen(tooShort, at(180), at(0)));
    assertFailsWith(
        IllegalArgumentException.class, guard().recordIfUnseen(tooLong, at(180), at(0)));
    assertFailsWith(
        IllegalArgumentException.class, guard().recordIfUnseen(new byte[0], at(180), at(0)));
    assertTrue(await(guard().recordIfUnseen(code, at(180), at(0))), "nothing was recorded");
  }

  @Test
  public void nullArgumentsAreRejectedAtOnce() {
    assertThrows(NullPointerException.class, () -> guard().recordIfUnseen(null, at(1), at(0)));
    assertThrows(NullPointerException.class, () -> guard().recordIfUnseen(code(), null, at(0)));
    assertThrows(NullPointerException.class, () -> guard().recordIfUnseen(code(), at(1), null));
    assertThrows(NullPointerException.class, () -> guard().purgeExpired(null));
  }

  // ---- helpers ------------------------------------------------------------------------------

  /** A fresh random 64-byte code. */
  public static byte[] code() {
    byte[] code = new byte[64];
    RANDOM.nextBytes(code);
    return code;
  }

  /** This test's clock, {@code seconds} after its start. */
  protected final Instant at(long seconds) {
    return Instant.ofEpochSecond(base + seconds);
  }

  /** This test's clock, {@code millis} after its start. */
  protected final Instant atMillis(long millis) {
    return Instant.ofEpochSecond(base).plusMillis(millis);
  }

  /** How many of {@code stages} complete with true (each awaited). */
  public static int countTrue(List<CompletionStage<Boolean>> stages) {
    int accepted = 0;
    for (CompletionStage<Boolean> stage : stages) {
      if (await(stage)) {
        accepted++;
      }
    }
    return accepted;
  }

  /**
   * Makes {@code calls} calls at once, each from a thread of its own released by one latch, and
   * returns their stages in call order.
   */
  public static <T> List<CompletionStage<T>> concurrently(
      int calls, IntFunction<CompletionStage<T>> call) throws Exception {
    ExecutorService callers = Executors.newFixedThreadPool(calls);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<CompletionStage<T>>> pending = new ArrayList<>();
      for (int i = 0; i < calls; i++) {
        int index = i;
        pending.add(
            callers.submit(
                () -> {
                  assertTrue(start.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS), "start");
                  return call.apply(index);
                }));
      }
      start.countDown();
      List<CompletionStage<T>> stages = new ArrayList<>();
      for (Future<CompletionStage<T>> each : pending) {
        stages.add(each.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
      }
      return stages;
    } finally {
      callers.shutdownNow();
      if (!callers.awaitTermination(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        fail("caller threads did not stop");
      }
    }
  }
}
