package io.lonelypss.domain.protocol;

import io.lonelypss.domain.Topic;
import java.nio.ByteBuffer;
import java.util.Objects;

/** Body of a MISSED webhook (http.md 6.3): lp16 tracing, lp16 topic. */
public record MissedBody(byte[] tracing, Topic topic) {
  public MissedBody {
    Objects.requireNonNull(tracing, "tracing");
    Objects.requireNonNull(topic, "topic");
  }

  public byte[] encode() {
    return new WireWriter().lp16(tracing).lp16(topic.bytes()).toByteArray();
  }

  public static MissedBody parse(ByteBuffer body) {
    WireReader r = new WireReader(body);
    byte[] tracing = r.lp16("tracing");
    return new MissedBody(tracing, Topic.of(r.lp16("topic")));
  }
}
