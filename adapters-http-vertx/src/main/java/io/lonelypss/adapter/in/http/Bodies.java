package io.lonelypss.adapter.in.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.nio.ByteBuffer;
import java.util.Optional;

/** Access to bodies collected by the router's body handler (bounded by the route's limit). */
final class Bodies {
  private Bodies() {}

  /** The request's {@code Authorization} header, if any. */
  static Optional<String> authorization(RoutingContext ctx) {
    return Optional.ofNullable(ctx.request().getHeader("Authorization"));
  }

  /** The whole request body; empty when the request had none. */
  static ByteBuffer of(RoutingContext ctx) {
    Buffer body = ctx.body() == null ? null : ctx.body().buffer();
    return ByteBuffer.wrap(body == null ? new byte[0] : body.getBytes());
  }
}
