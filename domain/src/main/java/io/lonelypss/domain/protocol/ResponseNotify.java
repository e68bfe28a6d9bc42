package io.lonelypss.domain.protocol;

import io.lonelypss.domain.Identifier;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.Optional;

/**
 * RESPONSE_NOTIFY: u16 4, lp16 authorization, lp16 tracing, u32 subscribers notified, lp8
 * identifier (echoed from the request).
 */
public record ResponseNotify(
    Optional<String> authorization, byte[] tracing, long subscribers, Identifier identifier) {
  public ResponseNotify {
    Objects.requireNonNull(authorization, "authorization");
    Objects.requireNonNull(tracing, "tracing");
    Objects.requireNonNull(identifier, "identifier");
    if (subscribers < 0 || subscribers > 0xffffffffL) {
      throw new IllegalArgumentException("subscriber count out of u32 range");
    }
  }

  public byte[] encode() {
    WireWriter w = new WireWriter().u16(MessageTypes.RESPONSE_NOTIFY);
    Authorization.write(w, authorization);
    return w.lp16(tracing).u32(subscribers).lp8(identifier.bytes()).toByteArray();
  }

  public static ResponseNotify parse(ByteBuffer body) {
    WireReader r = new WireReader(body);
    Authorization.expectType(r, MessageTypes.RESPONSE_NOTIFY);
    Optional<String> authorization = Authorization.read(r);
    byte[] tracing = r.lp16("tracing");
    long subscribers = r.u32("subscribers");
    Identifier identifier = Identifier.of(r.lp8("identifier"));
    return new ResponseNotify(authorization, tracing, subscribers, identifier);
  }
}
