package io.lonelypss.application.port.in;

import io.lonelypss.domain.SubscriberUrl;
import io.lonelypss.domain.Subscription;
import io.lonelypss.domain.protocol.StrongEtag;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Replace every subscription of {@code url} by {@code desired} (DECISIONS D6). {@code etag} is the
 * one the request carried, already checked against {@code desired}; the signature covers it.
 */
public record SetSubscriptionsCommand(
    SubscriberUrl url,
    List<Subscription> desired,
    StrongEtag etag,
    byte[] tracing,
    Optional<String> authorization) {
  public SetSubscriptionsCommand {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(etag, "etag");
    Objects.requireNonNull(tracing, "tracing");
    Objects.requireNonNull(authorization, "authorization");
    desired = List.copyOf(desired);
    for (Subscription s : desired) {
      if (!s.url().equals(url)) {
        throw new IllegalArgumentException("subscription for another url: " + s.url());
      }
    }
  }
}
