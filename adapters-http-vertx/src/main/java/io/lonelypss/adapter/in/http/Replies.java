package io.lonelypss.adapter.in.http;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/** Writing answers, and resuming on the request's context when a use case completes. */
final class Replies {
  static final String OCTET_STREAM = "application/octet-stream";

  private Replies() {}

  /**
   * Waits for {@code stage} on the request's own context, then answers 200 with the encoded body,
   * or hands the failure to the error responder.
   */
  static <T> void when(RoutingContext ctx, CompletionStage<T> stage, Function<T, byte[]> encode) {
    Future.fromCompletionStage(stage, ctx.vertx().getOrCreateContext())
        .onComplete(
            ar -> {
              if (ar.failed()) {
                ctx.fail(ar.cause());
                return;
              }
              byte[] body;
              try {
                body = encode.apply(ar.result());
              } catch (RuntimeException e) {
                ctx.fail(e);
                return;
              }
              ok(ctx, body);
            });
  }

  static void ok(RoutingContext ctx, byte[] body) {
    HttpServerResponse response = ctx.response();
    if (response.ended() || response.closed()) {
      return;
    }
    response.setStatusCode(200).putHeader("Content-Type", OCTET_STREAM).end(Buffer.buffer(body));
  }

  static void empty(RoutingContext ctx, int status) {
    HttpServerResponse response = ctx.response();
    if (response.ended() || response.closed() || response.headWritten()) {
      return;
    }
    response.setStatusCode(status).putHeader("Content-Length", "0").end();
  }
}
