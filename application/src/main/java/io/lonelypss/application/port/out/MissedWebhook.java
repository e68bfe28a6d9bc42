package io.lonelypss.application.port.out;

import io.lonelypss.domain.SubscriberUrl;
import io.lonelypss.domain.protocol.MissedBody;
import java.util.Objects;
import java.util.Optional;

/**
 * One MISSED POST to a recovery URL (http.md 6.3): its body and the {@code Authorization} value
 * (absent under the {@code none} scheme).
 */
public record MissedWebhook(SubscriberUrl target, MissedBody body, Optional<String> authorization) {
  public MissedWebhook {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(authorization, "authorization");
  }
}
