package io.lonelypss.application.port.in;

import io.lonelypss.domain.SubscriberUrl;
import java.util.Objects;
import java.util.Optional;

/** Ask for the strong etag of everything stored for {@code url}. */
public record CheckSubscriptionsCommand(
    SubscriberUrl url, byte[] tracing, Optional<String> authorization) {
  public CheckSubscriptionsCommand {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(tracing, "tracing");
    Objects.requireNonNull(authorization, "authorization");
  }
}
