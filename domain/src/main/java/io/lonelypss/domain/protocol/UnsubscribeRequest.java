package io.lonelypss.domain.protocol;

import io.lonelypss.domain.GlobPattern;
import io.lonelypss.domain.Interest;
import io.lonelypss.domain.SubscriberUrl;
import io.lonelypss.domain.Topic;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * Body of {@code /v1/unsubscribe/exact} and {@code /v1/unsubscribe/glob}: lp16 url, lp16 topic or
 * glob, lp16 tracing. Trailing bytes are ignored.
 */
public record UnsubscribeRequest(SubscriberUrl url, Interest interest, byte[] tracing) {
  public UnsubscribeRequest {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(interest, "interest");
    Objects.requireNonNull(tracing, "tracing");
  }

  public static UnsubscribeRequest parseExact(ByteBuffer body) {
    return parse(body, false);
  }

  public static UnsubscribeRequest parseGlob(ByteBuffer body) {
    return parse(body, true);
  }

  private static UnsubscribeRequest parse(ByteBuffer body, boolean glob) {
    WireReader r = new WireReader(body);
    String url = r.utf8Lp16("url");
    byte[] interest = r.lp16(glob ? "glob" : "topic");
    byte[] tracing = r.lp16("tracing");
    return WireReader.validating(
        () ->
            new UnsubscribeRequest(
                new SubscriberUrl(url),
                glob ? GlobPattern.fromUtf8(interest) : Topic.of(interest),
                tracing));
  }

  public byte[] encode() {
    return new WireWriter().lp16(url.utf8()).lp16(interest.wireBytes()).lp16(tracing).toByteArray();
  }
}
