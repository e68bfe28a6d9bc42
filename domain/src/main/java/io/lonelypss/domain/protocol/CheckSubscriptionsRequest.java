package io.lonelypss.domain.protocol;

import io.lonelypss.domain.SubscriberUrl;
import java.nio.ByteBuffer;
import java.util.Objects;

/** Body of {@code /v1/check_subscriptions}: lp16 tracing, lp16 url. */
public record CheckSubscriptionsRequest(byte[] tracing, SubscriberUrl url) {
  public CheckSubscriptionsRequest {
    Objects.requireNonNull(tracing, "tracing");
    Objects.requireNonNull(url, "url");
  }

  public static CheckSubscriptionsRequest parse(ByteBuffer body) {
    WireReader r = new WireReader(body);
    byte[] tracing = r.lp16("tracing");
    String url = r.utf8Lp16("url");
    return WireReader.validating(
        () -> new CheckSubscriptionsRequest(tracing, new SubscriberUrl(url)));
  }

  public byte[] encode() {
    return new WireWriter().lp16(tracing).lp16(url.utf8()).toByteArray();
  }
}
