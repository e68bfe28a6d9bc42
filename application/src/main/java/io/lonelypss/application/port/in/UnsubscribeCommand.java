package io.lonelypss.application.port.in;

import io.lonelypss.domain.Interest;
import io.lonelypss.domain.SubscriberUrl;
import java.util.Objects;
import java.util.Optional;

/** Remove the subscription of {@code url} to {@code interest}. */
public record UnsubscribeCommand(
    SubscriberUrl url, Interest interest, byte[] tracing, Optional<String> authorization) {
  public UnsubscribeCommand {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(interest, "interest");
    Objects.requireNonNull(tracing, "tracing");
    Objects.requireNonNull(authorization, "authorization");
  }
}
