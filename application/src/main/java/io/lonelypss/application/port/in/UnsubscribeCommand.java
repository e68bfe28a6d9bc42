package io.lonelypss.application.port.in;

import io.lonelypss.domain.Interest;
import io.lonelypss.domain.SubscriberUrl;
import java.util.Objects;

/** Remove the subscription of {@code url} to {@code interest}. */
public record UnsubscribeCommand(SubscriberUrl url, Interest interest) {
  public UnsubscribeCommand {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(interest, "interest");
  }
}
