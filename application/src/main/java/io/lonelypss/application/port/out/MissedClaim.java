package io.lonelypss.application.port.out;

import io.lonelypss.domain.Subscription;
import io.lonelypss.domain.Topic;
import java.time.Instant;
import java.util.Objects;

/**
 * A subscription row whose pending MISSED a sweeper has locked.
 *
 * @param subscription the row (its recovery URL is present)
 * @param topic the topic the MISSED is about (for glob rows, the latest failed topic)
 * @param attempts how many MISSED posts for it have failed so far
 * @param lockId the random lock the claim holds
 * @param claimedRetryAt the row's next-retry time when it was claimed (to see later failures)
 */
public record MissedClaim(
    Subscription subscription, Topic topic, int attempts, long lockId, Instant claimedRetryAt) {
  public MissedClaim {
    Objects.requireNonNull(subscription, "subscription");
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(claimedRetryAt, "claimedRetryAt");
    if (subscription.recovery().isEmpty()) {
      throw new IllegalArgumentException("a claimed row has a recovery url");
    }
  }
}
