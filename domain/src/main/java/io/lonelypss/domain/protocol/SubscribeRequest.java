package io.lonelypss.domain.protocol;

import io.lonelypss.domain.GlobPattern;
import io.lonelypss.domain.SubscriberUrl;
import io.lonelypss.domain.Subscription;
import io.lonelypss.domain.Topic;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.Optional;

/**
 * Body of {@code /v1/subscribe/exact} and {@code /v1/subscribe/glob}: lp16 url, lp16 topic or glob,
 * lp16 recovery (length 0 = none), lp16 tracing. Trailing bytes are ignored.
 */
public record SubscribeRequest(Subscription subscription, byte[] tracing) {
  public SubscribeRequest {
    Objects.requireNonNull(subscription, "subscription");
    Objects.requireNonNull(tracing, "tracing");
  }

  public static SubscribeRequest parseExact(ByteBuffer body) {
    return parse(body, false);
  }

  public static SubscribeRequest parseGlob(ByteBuffer body) {
    return parse(body, true);
  }

  private static SubscribeRequest parse(ByteBuffer body, boolean glob) {
    WireReader r = new WireReader(body);
    String url = r.utf8Lp16("url");
    byte[] interest = r.lp16(glob ? "glob" : "topic");
    String recovery = r.utf8Lp16("recovery");
    byte[] tracing = r.lp16("tracing");
    return WireReader.validating(
        () ->
            new SubscribeRequest(
                new Subscription(
                    new SubscriberUrl(url),
                    glob ? GlobPattern.fromUtf8(interest) : Topic.of(interest),
                    recovery.isEmpty()
                        ? Optional.empty()
                        : Optional.of(new SubscriberUrl(recovery))),
                tracing));
  }

  public byte[] encode() {
    return new WireWriter()
        .lp16(subscription.url().utf8())
        .lp16(subscription.interest().wireBytes())
        .lp16(subscription.recovery().map(SubscriberUrl::utf8).orElse(new byte[0]))
        .lp16(tracing)
        .toByteArray();
  }
}
