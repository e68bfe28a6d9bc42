package io.lonelypss.application.testing;

import io.lonelypss.application.port.out.MissedClaim;
import io.lonelypss.application.port.out.MissedLedgerPort;
import io.lonelypss.domain.Interest;
import io.lonelypss.domain.SubscriberUrl;
import io.lonelypss.domain.Subscription;
import io.lonelypss.domain.Topic;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A thread-safe, in-memory {@link MissedLedgerPort} on the rows of an {@link
 * InMemorySubscriptionStore}, with the semantics of the JDBC one (both pass {@code
 * MissedLedgerPortContract}). The missed state of a row is kept here, keyed by the row's URL and
 * interest and tied to the row's id, so that it goes with the row: a row removed (and perhaps added
 * again) has none, while a row whose recovery changes keeps it. Stages are already complete when
 * returned.
 *
 * <p>Times are whole epoch seconds: the next retry and the lock's expiry are rounded up. A row is
 * overdue when its next retry is at or before {@code now}, and its lock has expired once the expiry
 * is before {@code now}. {@link #claimOverdue} takes the row with the earliest next retry, exact
 * rows before glob rows on a tie, then the oldest row.
 */
public final class InMemoryMissedLedger implements MissedLedgerPort {
  private record Key(SubscriberUrl url, Interest interest) {
    static Key of(Subscription subscription) {
      return new Key(subscription.url(), subscription.interest());
    }
  }

  /** The missed columns of the row {@code rowId}; {@code lockId} null when unlocked. */
  private record Missed(
      long rowId, Topic topic, int attempts, long nextRetryAt, Long lockId, long lockExpiresAt) {
    boolean lockedBy(long id) {
      return lockId != null && lockId == id;
    }

    Missed unlocked() {
      return new Missed(rowId, topic, attempts, nextRetryAt, null, 0);
    }
  }

  private record Candidate(InMemorySubscriptionStore.Row row, Missed missed) {}

  private static final Comparator<Candidate> EARLIEST_FIRST =
      Comparator.<Candidate>comparingLong(c -> c.missed().nextRetryAt())
          .thenComparing(c -> c.row().subscription().isGlob())
          .thenComparingLong(c -> c.row().id());

  private final InMemorySubscriptionStore store;
  private final Map<Key, Missed> missed = new HashMap<>(); // guarded by this

  /** A ledger on the rows of {@code store}. */
  public InMemoryMissedLedger(InMemorySubscriptionStore store) {
    this.store = Objects.requireNonNull(store, "store");
  }

  @Override
  public synchronized CompletionStage<Boolean> recordFailure(
      Subscription subscription, Topic topic, Instant nextRetryAt) {
    Objects.requireNonNull(subscription, "subscription");
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(nextRetryAt, "nextRetryAt");
    if (subscription.interest() instanceof Topic exact && !exact.equals(topic)) {
      return CompletableFuture.failedFuture(
          new IllegalArgumentException("an exact subscription misses only its own topic"));
    }
    Key key = Key.of(subscription);
    Optional<InMemorySubscriptionStore.Row> row = store.row(key.url(), key.interest());
    if (row.isEmpty() || row.get().subscription().recovery().isEmpty()) {
      return CompletableFuture.completedFuture(false);
    }
    long rowId = row.get().id();
    Missed before = current(key, rowId);
    Long lockId = before == null ? null : before.lockId();
    long lockExpiresAt = before == null ? 0 : before.lockExpiresAt();
    missed.put(key, new Missed(rowId, topic, 0, ceilSeconds(nextRetryAt), lockId, lockExpiresAt));
    return CompletableFuture.completedFuture(true);
  }

  @Override
  public synchronized CompletionStage<Optional<MissedClaim>> claimOverdue(
      Instant now, long lockId, Instant lockExpiresAt) {
    Objects.requireNonNull(now, "now");
    Objects.requireNonNull(lockExpiresAt, "lockExpiresAt");
    Candidate first = null;
    for (Map.Entry<Key, Missed> entry : missed.entrySet()) {
      Missed state = entry.getValue();
      Optional<InMemorySubscriptionStore.Row> row =
          store.row(entry.getKey().url(), entry.getKey().interest());
      if (row.isEmpty()
          || row.get().id() != state.rowId()
          || row.get().subscription().recovery().isEmpty()
          || state.nextRetryAt() > now.getEpochSecond()
          || (state.lockId() != null
              && !Instant.ofEpochSecond(state.lockExpiresAt()).isBefore(now))) {
        continue;
      }
      Candidate candidate = new Candidate(row.get(), state);
      if (first == null || EARLIEST_FIRST.compare(candidate, first) < 0) {
        first = candidate;
      }
    }
    if (first == null) {
      return CompletableFuture.completedFuture(Optional.empty());
    }
    Missed state = first.missed();
    Subscription subscription = first.row().subscription();
    missed.put(
        Key.of(subscription),
        new Missed(
            state.rowId(),
            state.topic(),
            state.attempts(),
            state.nextRetryAt(),
            lockId,
            ceilSeconds(lockExpiresAt)));
    return CompletableFuture.completedFuture(
        Optional.of(
            new MissedClaim(
                subscription,
                state.topic(),
                state.attempts(),
                lockId,
                Instant.ofEpochSecond(state.nextRetryAt()))));
  }

  @Override
  public synchronized CompletionStage<Void> confirm(MissedClaim claim) {
    Objects.requireNonNull(claim, "claim");
    Key key = Key.of(claim.subscription());
    Missed state = held(key, claim);
    if (state != null) {
      if (state.nextRetryAt() == claim.claimedRetryAt().getEpochSecond()) {
        missed.remove(key);
      } else {
        missed.put(key, state.unlocked());
      }
    }
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public synchronized CompletionStage<Void> reschedule(
      MissedClaim claim, int attempts, Instant nextRetryAt) {
    Objects.requireNonNull(claim, "claim");
    Objects.requireNonNull(nextRetryAt, "nextRetryAt");
    if (attempts < 0) {
      return CompletableFuture.failedFuture(
          new IllegalArgumentException("attempts must not be negative"));
    }
    Key key = Key.of(claim.subscription());
    Missed state = held(key, claim);
    if (state != null) {
      missed.put(
          key,
          new Missed(state.rowId(), state.topic(), attempts, ceilSeconds(nextRetryAt), null, 0));
    }
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public synchronized CompletionStage<Boolean> giveUp(MissedClaim claim) {
    Objects.requireNonNull(claim, "claim");
    Key key = Key.of(claim.subscription());
    Missed state = held(key, claim);
    if (state == null) {
      return CompletableFuture.completedFuture(false);
    }
    missed.remove(key);
    return CompletableFuture.completedFuture(
        store.removeRow(key.url(), key.interest(), state.rowId()));
  }

  /** The state of the row {@code key} when {@code claim}'s lock still holds it, else null. */
  private Missed held(Key key, MissedClaim claim) {
    Optional<InMemorySubscriptionStore.Row> row = store.row(key.url(), key.interest());
    Missed state = row.isEmpty() ? current(key, -1) : current(key, row.get().id());
    return state != null && state.lockedBy(claim.lockId()) ? state : null;
  }

  /** The state of the row {@code rowId}, dropping what is left of a row that is gone. */
  private Missed current(Key key, long rowId) {
    Missed state = missed.get(key);
    if (state != null && state.rowId() != rowId) {
      missed.remove(key);
      return null;
    }
    return state;
  }

  private static long ceilSeconds(Instant instant) {
    return instant.getNano() == 0 ? instant.getEpochSecond() : instant.getEpochSecond() + 1;
  }
}
