package io.lonelypss.application.port.out;

import io.lonelypss.domain.Subscription;
import io.lonelypss.domain.Topic;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Missed-delivery bookkeeping, kept on the subscription rows themselves (http.md 6.2 and 6.3,
 * DECISIONS D5): one pending MISSED per row. Every operation is atomic across broadcasters sharing
 * the database; times are stored in whole seconds (next retry rounded up). Stages may fail with
 * {@link StoreUnavailableException}.
 */
public interface MissedLedgerPort {
  /**
   * A delivery of {@code topic} to {@code subscription} failed. If the row still exists and has a
   * recovery URL, its missed state becomes: attempts 0, next retry at {@code nextRetryAt}, and for
   * a glob row the missed topic {@code topic}. A lock held by a sweeper is kept, so no second
   * MISSED starts for the row while one is in flight; the holder sees the change when it releases.
   *
   * @return true when a row was marked; false when it is gone or has no recovery URL
   */
  CompletionStage<Boolean> recordFailure(
      Subscription subscription, Topic topic, Instant nextRetryAt);

  /**
   * Claims one row whose next retry is at or before {@code now} and that is not locked (or whose
   * lock expired), locking it with {@code lockId} until {@code lockExpiresAt}. Two broadcasters
   * never claim the same row at once.
   *
   * @return the claim, or empty when nothing is overdue
   */
  CompletionStage<Optional<MissedClaim>> claimOverdue(
      Instant now, long lockId, Instant lockExpiresAt);

  /**
   * The subscriber confirmed the MISSED: clears the row's missed state (the subscription stays). If
   * a failure was recorded since the claim, that one stays pending and only the lock is released.
   * Does nothing when the claim's lock is no longer held.
   */
  CompletionStage<Void> confirm(MissedClaim claim);

  /**
   * The MISSED post failed: sets attempts and the next retry and releases the lock, if the claim's
   * lock is still held.
   */
  CompletionStage<Void> reschedule(MissedClaim claim, int attempts, Instant nextRetryAt);

  /**
   * Retries are exhausted: deletes the subscription row, if the claim's lock is still held.
   *
   * @return true when the row was deleted
   */
  CompletionStage<Boolean> giveUp(MissedClaim claim);
}
