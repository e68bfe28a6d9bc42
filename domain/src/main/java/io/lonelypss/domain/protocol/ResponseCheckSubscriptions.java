package io.lonelypss.domain.protocol;

import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.Optional;

/**
 * RESPONSE_CHECK_SUBSCRIPTIONS: u16 5, lp16 authorization, lp16 tracing, u8 etag format, 64 etag.
 */
public record ResponseCheckSubscriptions(
    Optional<String> authorization, byte[] tracing, StrongEtag etag) {
  public ResponseCheckSubscriptions {
    Objects.requireNonNull(authorization, "authorization");
    Objects.requireNonNull(tracing, "tracing");
    Objects.requireNonNull(etag, "etag");
  }

  public byte[] encode() {
    WireWriter w = new WireWriter().u16(MessageTypes.RESPONSE_CHECK_SUBSCRIPTIONS);
    Authorization.write(w, authorization);
    return w.lp16(tracing).u8(etag.format()).raw(etag.hash()).toByteArray();
  }

  public static ResponseCheckSubscriptions parse(ByteBuffer body) {
    WireReader r = new WireReader(body);
    Authorization.expectType(r, MessageTypes.RESPONSE_CHECK_SUBSCRIPTIONS);
    Optional<String> authorization = Authorization.read(r);
    byte[] tracing = r.lp16("tracing");
    int format = r.u8("etag format");
    byte[] hash = r.fixed(64, "etag");
    return new ResponseCheckSubscriptions(authorization, tracing, StrongEtag.of(format, hash));
  }
}
