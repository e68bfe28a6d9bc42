package io.lonelypss.domain.protocol;

import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.Optional;

/** RESPONSE_GENERIC: u16 3, lp16 authorization, lp16 tracing. */
public record ResponseGeneric(Optional<String> authorization, byte[] tracing) {
  public ResponseGeneric {
    Objects.requireNonNull(authorization, "authorization");
    Objects.requireNonNull(tracing, "tracing");
  }

  public byte[] encode() {
    WireWriter w = new WireWriter().u16(MessageTypes.RESPONSE_GENERIC);
    Authorization.write(w, authorization);
    return w.lp16(tracing).toByteArray();
  }

  public static ResponseGeneric parse(ByteBuffer body) {
    WireReader r = new WireReader(body);
    Authorization.expectType(r, MessageTypes.RESPONSE_GENERIC);
    Optional<String> authorization = Authorization.read(r);
    return new ResponseGeneric(authorization, r.lp16("tracing"));
  }
}
