package io.lonelypss.application.port.in;

import io.lonelypss.domain.Subscription;
import java.util.Objects;
import java.util.Optional;

/**
 * Add one subscription (exact or glob), as requested with {@code tracing} and the request's {@code
 * Authorization} header.
 */
public record SubscribeCommand(
    Subscription subscription, byte[] tracing, Optional<String> authorization) {
  public SubscribeCommand {
    Objects.requireNonNull(subscription, "subscription");
    Objects.requireNonNull(tracing, "tracing");
    Objects.requireNonNull(authorization, "authorization");
  }
}
