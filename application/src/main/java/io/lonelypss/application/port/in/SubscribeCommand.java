package io.lonelypss.application.port.in;

import io.lonelypss.domain.Subscription;
import java.util.Objects;

/** Add one subscription (exact or glob). */
public record SubscribeCommand(Subscription subscription) {
  public SubscribeCommand {
    Objects.requireNonNull(subscription, "subscription");
  }
}
