package io.lonelypss.domain;

import java.util.Objects;
import java.util.Optional;

/**
 * One subscription row: the URL that receives webhooks, what it listens to, and where MISSED
 * notices go when a delivery fails (optional).
 */
public record Subscription(SubscriberUrl url, Interest interest, Optional<SubscriberUrl> recovery) {
  public Subscription {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(interest, "interest");
    Objects.requireNonNull(recovery, "recovery");
  }

  public static Subscription exact(
      SubscriberUrl url, Topic topic, Optional<SubscriberUrl> recovery) {
    return new Subscription(url, topic, recovery);
  }

  public static Subscription glob(
      SubscriberUrl url, GlobPattern glob, Optional<SubscriberUrl> recovery) {
    return new Subscription(url, glob, recovery);
  }

  public boolean isGlob() {
    return interest instanceof GlobPattern;
  }
}
