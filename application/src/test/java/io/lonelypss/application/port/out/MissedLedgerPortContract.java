package io.lonelypss.application.port.out;

import static io.lonelypss.application.port.out.ReplayGuardPortContract.concurrently;
import static io.lonelypss.application.port.out.SubscriptionStorePortContract.assertFailsWith;
import static io.lonelypss.application.port.out.SubscriptionStorePortContract.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lonelypss.domain.GlobPattern;
import io.lonelypss.domain.SubscriberUrl;
import io.lonelypss.domain.Subscription;
import io.lonelypss.domain.Topic;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/**
 * What every {@link MissedLedgerPort} must do ({@code http.md} 6.2 and 6.3, DECISIONS D5). The
 * ledger keeps its state on the rows of a subscription store, so subclasses create, before each
 * test, a fresh and empty store and the ledger on it, and return them from {@link #store()} and
 * {@link #ledger()}: {@link MissedLedgerPort#claimOverdue} sees every row of the store. Every test
 * uses its own URLs, topics and clock.
 *
 * <p>The semantics pinned here: times are kept in whole seconds, rounded up; a row is overdue once
 * its next retry is at or before {@code now}; a lock has expired once its (rounded up) expiry is
 * before {@code now}; of several overdue rows, the one with the earliest next retry is claimed
 * first (exact rows before glob rows on a tie).
 */
public abstract class MissedLedgerPortContract {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final String id = UUID.randomUUID().toString();

  /** Whole seconds since the epoch at which this test's clock starts; unique to this test. */
  private final long base = 4_000_000_000L + RANDOM.nextInt(1_000_000) * 1_000L;

  /** The store whose rows the ledger keeps, fresh and empty for each test. */
  protected abstract SubscriptionStorePort store();

  /** The ledger under test, on the rows of {@link #store()}. */
  protected abstract MissedLedgerPort ledger();

  // ---- recordFailure ------------------------------------------------------------------------

  @Test
  public void aFailureOnASubscriptionWithoutRecoveryIsNotRecordedAndNothingIsClaimable() {
    Subscription exact = Subscription.exact(url("a"), topic("t"), Optional.empty());
    Subscription globbed = Subscription.glob(url("a"), glob("*"), Optional.empty());
    await(store().add(exact));
    await(store().add(globbed));

    assertFalse(await(ledger().recordFailure(exact, topic("t"), at(10))));
    assertFalse(await(ledger().recordFailure(globbed, topic("x"), at(10))));

    assertNothingClaimableAt(at(1_000));
  }

  @Test
  public void aFailureOnASubscriptionThatIsNotStoredIsNotRecorded() {
    Subscription exact = withRecovery(url("a"), topic("t"));
    Subscription globbed = withRecovery(url("a"), glob("*"));

    assertFalse(await(ledger().recordFailure(exact, topic("t"), at(10))));
    assertFalse(await(ledger().recordFailure(globbed, topic("x"), at(10))));

    assertNothingClaimableAt(at(1_000));
  }

  @Test
  public void theRowsRecoveryCountsNotTheOneOfTheSubscriptionPassed() {
    await(store().add(Subscription.exact(url("a"), topic("t"), Optional.empty())));

    assertFalse(
        await(ledger().recordFailure(withRecovery(url("a"), topic("t")), topic("t"), at(1))));

    assertNothingClaimableAt(at(1_000));
  }

  @Test
  public void anExactFailureIsClaimableOnceItsRetryTimeHasCome() {
    Subscription exact = withRecovery(url("a"), topic("t"));
    await(store().add(exact));

    assertTrue(await(ledger().recordFailure(exact, topic("t"), at(10))));

    assertNothingClaimableAt(at(9));
    assertNothingClaimableAt(atMillis(9_999));
    MissedClaim claim = claim(at(10), 1, at(40));
    assertEquals(new MissedClaim(exact, topic("t"), 0, 1, at(10)), claim);
  }

  @Test
  public void aGlobFailureIsClaimableOnceItsRetryTimeHasComeWithTheFailedTopic() {
    Subscription globbed = withRecovery(url("a"), glob("news/*"));
    await(store().add(globbed));

    assertTrue(await(ledger().recordFailure(globbed, topic("news/sports"), at(10))));

    assertNothingClaimableAt(atMillis(9_999));
    MissedClaim claim = claim(atMillis(10_500), 1, at(40));
    assertEquals(new MissedClaim(globbed, topic("news/sports"), 0, 1, at(10)), claim);
  }

  @Test
  public void theNextRetryIsKeptInWholeSecondsRoundedUp() {
    Subscription exact = withRecovery(url("a"), topic("t"));
    await(store().add(exact));

    assertTrue(await(ledger().recordFailure(exact, topic("t"), atMillis(10_001))));

    assertNothingClaimableAt(atMillis(10_999));
    assertEquals(at(11), claim(at(11), 1, at(40)).claimedRetryAt());
  }

  @Test
  public void aLaterFailureOnAGlobOverwritesTheMissedTopicAndTheNextRetry() {
    Subscription globbed = withRecovery(url("a"), glob("*"));
    await(store().add(globbed));
    assertTrue(await(ledger().recordFailure(globbed, topic("first"), at(10))));

    assertTrue(await(ledger().recordFailure(globbed, topic("second"), at(20))));

    assertNothingClaimableAt(at(15));
    assertEquals(new MissedClaim(globbed, topic("second"), 0, 1, at(20)), claim(at(20), 1, at(50)));
  }

  @Test
  public void aNewFailureResetsTheAttempts() {
    Subscription exact = withRecovery(url("a"), topic("t"));
    await(store().add(exact));
    assertTrue(await(ledger().recordFailure(exact, topic("t"), at(10))));
    await(ledger().reschedule(claim(at(10), 1, at(40)), 5, at(20)));

    assertTrue(await(ledger().recordFailure(exact, topic("t"), at(30))));

    assertNothingClaimableAt(at(29));
    assertEquals(0, claim(at(30), 2, at(60)).attempts());
  }

  @Test
  public void anExactTopicThatIsNotUtf8IsClaimedByteForByte() {
    Topic notUtf8 = Topic.of(concat(id.getBytes(StandardCharsets.UTF_8), (byte) 0, (byte) 0xff));
    Subscription exact = withRecovery(url("a"), notUtf8);
    await(store().add(exact));

    assertTrue(await(ledger().recordFailure(exact, notUtf8, at(10))));

    assertEquals(new MissedClaim(exact, notUtf8, 0, 1, at(10)), claim(at(10), 1, at(40)));
  }

  @Test
  public void aFailureOfAnExactSubscriptionOnAnotherTopicIsRejected() {
    Subscription exact = withRecovery(url("a"), topic("t"));
    await(store().add(exact));

    assertFailsWith(
        IllegalArgumentException.class, ledger().recordFailure(exact, topic("other"), at(10)));

    assertNothingClaimableAt(at(1_000));
  }

  // ---- claimOverdue and the lock -------------------------------------------------------------

  @Test
  public void nothingIsClaimableInAnEmptyLedger() {
    await(store().add(withRecovery(url("a"), topic("t"))));

    assertNothingClaimableAt(at(1_000));
  }

  @Test
  public void aClaimedRowIsNotClaimableAgainUntilItsLockHasExpired() {
    Subscription exact = withRecovery(url("a"), topic("t"));
    await(store().add(exact));
    assertTrue(await(ledger().recordFailure(exact, topic("t"), at(10))));
    MissedClaim first = claim(at(10), 1, at(40));

    assertNothingClaimableAt(at(10));
    assertNothingClaimableAt(at(39));
    assertNothingClaimableAt(at(40)); // locked through its expiry

    MissedClaim second = claim(atMillis(40_001), 2, at(80));
    assertEquals(new MissedClaim(exact, topic("t"), 0, 2, at(10)), second);
    assertEquals(first.subscription(), second.subscription());
    assertNothingClaimableAt(at(80));
  }

  @Test
  public void aLockIsKeptInWholeSecondsRoundedUp() {
    Subscription globbed = withRecovery(url("a"), glob("*"));
    await(store().add(globbed));
    assertTrue(await(ledger().recordFailure(globbed, topic("x"), at(10))));
    claim(at(10), 1, atMillis(39_200));

    assertNothingClaimableAt(at(40));

    assertEquals(2, claim(at(41), 2, at(80)).lockId());
  }

  @Test
  public void overdueRowsAreClaimedEarliestRetryFirstExactRowsFirstOnATie() {
    Subscription late = withRecovery(url("late"), topic("t"));
    Subscription globOnTie = withRecovery(url("glob"), glob("*"));
    Subscription exactOnTie = withRecovery(url("exact"), topic("t"));
    Subscription early = withRecovery(url("early"), glob("*"));
    for (Subscription s : List.of(late, globOnTie, exactOnTie, early)) {
      await(store().add(s));
    }
    assertTrue(await(ledger().recordFailure(late, topic("t"), at(30))));
    assertTrue(await(ledger().recordFailure(globOnTie, topic("x"), at(20))));
    assertTrue(await(ledger().recordFailure(exactOnTie, topic("t"), at(20))));
    assertTrue(await(ledger().recordFailure(early, topic("y"), at(10))));

    assertEquals(early, claim(at(100), 1, at(200)).subscription());
    assertEquals(exactOnTie, claim(at(100), 2, at(200)).subscription());
    assertEquals(globOnTie, claim(at(100), 3, at(200)).subscription());
    assertEquals(late, claim(at(100), 4, at(200)).subscription());
    assertNothingClaimableAt(at(100));
  }

  @Test
  public void rowsWhoseRecoveryWasRemovedAreNotClaimed() {
    Subscription exact = withRecovery(url("a"), topic("t"));
    await(store().add(exact));
    assertTrue(await(ledger().recordFailure(exact, topic("t"), at(10))));

    await(
        store()
            .replaceForUrl(
                url("a"), List.of(Subscription.exact(url("a"), topic("t"), Optional.empty()))));

    assertNothingClaimableAt(at(1_000));
  }

  @Test
  public void aRowKeepsItsMissedStateWhenItsRecoveryChanges() {
    Subscription before = withRecovery(url("a"), glob("*"));
    Subscription after = Subscription.glob(url("a"), glob("*"), Optional.of(url("a-new-recovery")));
    await(store().add(before));
    assertTrue(await(ledger().recordFailure(before, topic("x"), at(10))));

    await(store().replaceForUrl(url("a"), List.of(after)));

    assertEquals(new MissedClaim(after, topic("x"), 0, 1, at(10)), claim(at(10), 1, at(40)));
  }

  @Test
  public void concurrentClaimsTakeEachOverdueRowExactlyOnce() throws Exception {
    List<Subscription> rows = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      Subscription row =
          i % 2 == 0
              ? withRecovery(url("r" + i), topic("t"))
              : withRecovery(url("r" + i), glob("*"));
      await(store().add(row));
      assertTrue(await(ledger().recordFailure(row, topic("t"), at(i))));
      rows.add(row);
    }

    List<CompletionStage<Optional<MissedClaim>>> stages =
        concurrently(20, i -> ledger().claimOverdue(at(10), 100 + i, at(40)));

    List<Subscription> claimed = new ArrayList<>();
    Set<Long> lockIds = new HashSet<>();
    for (CompletionStage<Optional<MissedClaim>> stage : stages) {
      Optional<MissedClaim> claim = await(stage);
      claim.ifPresent(c -> claimed.add(c.subscription()));
      claim.ifPresent(c -> lockIds.add(c.lockId()));
    }
    assertEquals(5, claimed.size(), () -> "claimed " + claimed);
    assertEquals(Set.copyOf(rows), Set.copyOf(claimed));
    assertEquals(5, lockIds.size());
    assertNothingClaimableAt(at(40));
  }

  // ---- confirm ------------------------------------------------------------------------------

  @Test
  public void confirmClearsTheMissedStateAndKeepsTheSubscription() {
    Subscription exact = withRecovery(url("a"), topic("t"));
    Subscription globbed = withRecovery(url("a"), glob("t*"));
    await(store().add(exact));
    await(store().add(globbed));
    assertTrue(await(ledger().recordFailure(exact, topic("t"), at(10))));
    assertTrue(await(ledger().recordFailure(globbed, topic("t"), at(10))));

    await(ledger().confirm(claim(at(10), 1, at(40))));
    await(ledger().confirm(claim(at(10), 2, at(40))));

    assertNothingClaimableAt(at(1_000));
    assertEquals(List.of(exact, globbed), await(store().listForUrl(url("a"))));
    assertEquals(List.of(exact, globbed), await(store().findMatching(topic("t"))));
  }

  @Test
  public void aConfirmedRowIsRecordedAnewByTheNextFailure() {
    Subscription globbed = withRecovery(url("a"), glob("*"));
    await(store().add(globbed));
    assertTrue(await(ledger().recordFailure(globbed, topic("x"), at(10))));
    MissedClaim first = claim(at(10), 1, at(40));
    await(ledger().reschedule(first, 3, at(20)));
    await(ledger().confirm(claim(at(20), 2, at(50))));

    assertTrue(await(ledger().recordFailure(globbed, topic("y"), at(100))));

    assertNothingClaimableAt(at(99));
    assertEquals(new MissedClaim(globbed, topic("y"), 0, 3, at(100)), claim(at(100), 3, at(130)));
  }

  @Test
  public void aFailureRecordedWhileClaimedWaitsForTheLockAndStaysPendingAfterConfirm() {
    Subscription globbed = withRecovery(url("a"), glob("*"));
    await(store().add(globbed));
    assertTrue(await(ledger().recordFailure(globbed, topic("first"), at(10))));
    MissedClaim claim = claim(at(10), 1, at(40));

    assertTrue(await(ledger().recordFailure(globbed, topic("second"), at(20))));

    assertNothingClaimableAt(at(25)); // overdue, but still locked
    await(ledger().confirm(claim));
    assertNothingClaimableAt(at(19)); // not cleared: pending until its own retry time
    assertEquals(new MissedClaim(globbed, topic("second"), 0, 2, at(20)), claim(at(25), 2, at(55)));
  }

  @Test
  public void aFailureRecordedWhileClaimedKeepsTheLock() {
    Subscription exact = withRecovery(url("a"), topic("t"));
    await(store().add(exact));
    assertTrue(await(ledger().recordFailure(exact, topic("t"), at(10))));
    MissedClaim claim = claim(at(10), 1, at(40));
    assertTrue(await(ledger().recordFailure(exact, topic("t"), at(20))));

    await(ledger().reschedule(claim, 4, at(30)));

    assertNothingClaimableAt(at(29));
    assertEquals(new MissedClaim(exact, topic("t"), 4, 2, at(30)), claim(at(30), 2, at(60)));
  }

  // ---- reschedule ---------------------------------------------------------------------------

  @Test
  public void rescheduleSetsTheAttemptsAndTheNextRetryAndReleasesTheLock() {
    Subscription exact = withRecovery(url("a"), topic("t"));
    await(store().add(exact));
    assertTrue(await(ledger().recordFailure(exact, topic("t"), at(10))));
    MissedClaim claim = claim(at(10), 1, at(1_000));

    await(ledger().reschedule(claim, 3, atMillis(50_200)));

    assertNothingClaimableAt(at(50));
    assertEquals(new MissedClaim(exact, topic("t"), 3, 2, at(51)), claim(at(51), 2, at(100)));
  }

  @Test
  public void rescheduleKeepsTheGlobsMissedTopic() {
    Subscription globbed = withRecovery(url("a"), glob("*"));
    await(store().add(globbed));
    assertTrue(await(ledger().recordFailure(globbed, topic("x"), at(10))));

    await(ledger().reschedule(claim(at(10), 1, at(40)), 1, at(20)));

    assertEquals(new MissedClaim(globbed, topic("x"), 1, 2, at(20)), claim(at(20), 2, at(50)));
  }

  @Test
  public void rescheduleWithNegativeAttemptsIsRejected() {
    Subscription exact = withRecovery(url("a"), topic("t"));
    await(store().add(exact));
    assertTrue(await(ledger().recordFailure(exact, topic("t"), at(10))));
    MissedClaim claim = claim(at(10), 1, at(40));

    assertFailsWith(IllegalArgumentException.class, ledger().reschedule(claim, -1, at(20)));

    assertNothingClaimableAt(at(40)); // still locked
  }

  // ---- giveUp -------------------------------------------------------------------------------

  @Test
  public void giveUpDeletesTheSubscription() {
    Subscription globbed = withRecovery(url("a"), glob("t*"));
    Subscription other = withRecovery(url("a"), topic("t"));
    await(store().add(globbed));
    await(store().add(other));
    assertTrue(await(ledger().recordFailure(globbed, topic("t"), at(10))));

    assertTrue(await(ledger().giveUp(claim(at(10), 1, at(40)))));

    assertEquals(List.of(other), await(store().listForUrl(url("a"))));
    assertEquals(List.of(other), await(store().findMatching(topic("t"))));
    assertNothingClaimableAt(at(1_000));
  }

  @Test
  public void aSubscriptionGivenUpAndAddedAgainStartsWithoutMissedState() {
    Subscription exact = withRecovery(url("a"), topic("t"));
    await(store().add(exact));
    assertTrue(await(ledger().recordFailure(exact, topic("t"), at(10))));
    MissedClaim claim = claim(at(10), 1, at(40));
    assertTrue(await(ledger().giveUp(claim)));

    await(store().add(exact));

    assertNothingClaimableAt(at(1_000));
    assertFalse(await(ledger().giveUp(claim)));
    assertEquals(List.of(exact), await(store().listForUrl(url("a"))));
  }

  // ---- stale locks and rows gone ------------------------------------------------------------

  @Test
  public void operationsWithALockTakenOverAfterItExpiredAreNoOps() {
    Subscription globbed = withRecovery(url("a"), glob("*"));
    await(store().add(globbed));
    assertTrue(await(ledger().recordFailure(globbed, topic("x"), at(10))));
    MissedClaim stale = claim(at(10), 1, at(20));
    MissedClaim current = claim(at(21), 2, at(100));

    await(ledger().confirm(stale));
    await(ledger().reschedule(stale, 7, at(30)));
    assertFalse(await(ledger().giveUp(stale)));

    assertEquals(List.of(globbed), await(store().listForUrl(url("a"))));
    assertNothingClaimableAt(at(100)); // still locked by the current claim
    await(ledger().reschedule(current, 2, at(110)));
    assertNothingClaimableAt(at(109));
    assertEquals(new MissedClaim(globbed, topic("x"), 2, 3, at(110)), claim(at(110), 3, at(140)));
  }

  @Test
  public void aLockThatExpiredWithoutBeingTakenOverIsStillHeld() {
    Subscription exact = withRecovery(url("a"), topic("t"));
    await(store().add(exact));
    assertTrue(await(ledger().recordFailure(exact, topic("t"), at(10))));
    MissedClaim claim = claim(at(10), 1, at(20));

    await(ledger().reschedule(claim, 1, at(60)));

    assertNothingClaimableAt(at(59));
    assertEquals(1, claim(at(60), 2, at(90)).attempts());
  }

  @Test
  public void operationsOnASubscriptionRemovedMeanwhileAreHarmless() {
    Subscription exact = withRecovery(url("a"), topic("t"));
    Subscription globbed = withRecovery(url("a"), glob("*"));
    await(store().add(exact));
    await(store().add(globbed));
    assertTrue(await(ledger().recordFailure(exact, topic("t"), at(10))));
    assertTrue(await(ledger().recordFailure(globbed, topic("x"), at(11))));
    MissedClaim exactClaim = claim(at(20), 1, at(40));
    MissedClaim globClaim = claim(at(20), 2, at(40));

    await(store().remove(url("a"), topic("t")));
    await(store().remove(url("a"), glob("*")));

    await(ledger().confirm(exactClaim));
    await(ledger().reschedule(globClaim, 1, at(30)));
    assertFalse(await(ledger().giveUp(exactClaim)));
    assertFalse(await(ledger().giveUp(globClaim)));
    assertFalse(await(ledger().recordFailure(exact, topic("t"), at(50))));
    assertNothingClaimableAt(at(1_000));
  }

  @Test
  public void aSubscriptionRemovedAndAddedAgainStartsWithoutMissedState() {
    Subscription globbed = withRecovery(url("a"), glob("*"));
    await(store().add(globbed));
    assertTrue(await(ledger().recordFailure(globbed, topic("x"), at(10))));
    MissedClaim claim = claim(at(10), 1, at(40));

    await(store().remove(url("a"), glob("*")));
    await(store().add(globbed));

    assertNothingClaimableAt(at(1_000));
    await(ledger().confirm(claim));
    await(ledger().reschedule(claim, 1, at(20)));
    assertFalse(await(ledger().giveUp(claim)));
    assertNothingClaimableAt(at(1_000));
    assertEquals(List.of(globbed), await(store().listForUrl(url("a"))));
  }

  @Test
  public void nullArgumentsAreRejectedAtOnce() {
    Subscription exact = withRecovery(url("a"), topic("t"));
    MissedClaim claim = new MissedClaim(exact, topic("t"), 0, 1, at(10));
    MissedLedgerPort ledger = ledger();

    assertThrows(NullPointerException.class, () -> ledger.recordFailure(null, topic("t"), at(1)));
    assertThrows(NullPointerException.class, () -> ledger.recordFailure(exact, null, at(1)));
    assertThrows(NullPointerException.class, () -> ledger.recordFailure(exact, topic("t"), null));
    assertThrows(NullPointerException.class, () -> ledger.claimOverdue(null, 1, at(1)));
    assertThrows(NullPointerException.class, () -> ledger.claimOverdue(at(1), 1, null));
    assertThrows(NullPointerException.class, () -> ledger.confirm(null));
    assertThrows(NullPointerException.class, () -> ledger.reschedule(null, 1, at(1)));
    assertThrows(NullPointerException.class, () -> ledger.reschedule(claim, 1, null));
    assertThrows(NullPointerException.class, () -> ledger.giveUp(null));
  }

  // ---- helpers ------------------------------------------------------------------------------

  /** A URL unique to this test. */
  protected final SubscriberUrl url(String name) {
    return new SubscriberUrl("https://example.test/" + id + "/" + name);
  }

  /** A topic unique to this test: {@code <id>/<suffix>}. */
  protected final Topic topic(String suffix) {
    return Topic.ofUtf8(id + "/" + suffix);
  }

  /** A glob unique to this test: {@code <id>/<suffix>}. */
  protected final GlobPattern glob(String suffix) {
    return GlobPattern.of(id + "/" + suffix);
  }

  /** A subscription of {@code url} to {@code topic} whose recovery URL is {@code <url>-missed}. */
  protected final Subscription withRecovery(SubscriberUrl url, Topic topic) {
    return Subscription.exact(url, topic, Optional.of(new SubscriberUrl(url.value() + "-missed")));
  }

  /** A subscription of {@code url} to {@code glob} whose recovery URL is {@code <url>-missed}. */
  protected final Subscription withRecovery(SubscriberUrl url, GlobPattern glob) {
    return Subscription.glob(url, glob, Optional.of(new SubscriberUrl(url.value() + "-missed")));
  }

  /** This test's clock, {@code seconds} after its start. */
  protected final Instant at(long seconds) {
    return Instant.ofEpochSecond(base + seconds);
  }

  /** This test's clock, {@code millis} after its start. */
  protected final Instant atMillis(long millis) {
    return Instant.ofEpochSecond(base).plusMillis(millis);
  }

  /** Claims a row at {@code now}, failing the test when nothing is overdue. */
  protected final MissedClaim claim(Instant now, long lockId, Instant lockExpiresAt) {
    Optional<MissedClaim> claim = await(ledger().claimOverdue(now, lockId, lockExpiresAt));
    assertTrue(claim.isPresent(), () -> "nothing claimable at " + now);
    assertEquals(lockId, claim.get().lockId());
    return claim.get();
  }

  /** Asserts that no row can be claimed at {@code now} (a claim that succeeds is kept). */
  protected final void assertNothingClaimableAt(Instant now) {
    Optional<MissedClaim> claim = await(ledger().claimOverdue(now, -1, now.plusSeconds(30)));
    assertEquals(Optional.empty(), claim, () -> "claimable at " + now);
  }

  private static byte[] concat(byte[] prefix, byte... suffix) {
    byte[] out = new byte[prefix.length + suffix.length];
    System.arraycopy(prefix, 0, out, 0, prefix.length);
    System.arraycopy(suffix, 0, out, prefix.length, suffix.length);
    return out;
  }
}
