package io.lonelypss.application.port.in;

import io.lonelypss.domain.SubscriberUrl;
import io.lonelypss.domain.Subscription;
import java.util.List;
import java.util.Objects;

/** Replace every subscription of {@code url} by {@code desired} (DECISIONS D6). */
public record SetSubscriptionsCommand(SubscriberUrl url, List<Subscription> desired) {
  public SetSubscriptionsCommand {
    Objects.requireNonNull(url, "url");
    desired = List.copyOf(desired);
    for (Subscription s : desired) {
      if (!s.url().equals(url)) {
        throw new IllegalArgumentException("subscription for another url: " + s.url());
      }
    }
  }
}
