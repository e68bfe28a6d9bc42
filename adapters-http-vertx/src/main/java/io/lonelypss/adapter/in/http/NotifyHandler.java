package io.lonelypss.adapter.in.http;

import io.lonelypss.application.port.in.NotifyUseCase;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code POST /v1/notify} (http.md 4.5): the body is streamed, never collected, by a {@link
 * NotifyUpload} per request. A declared Content-Length above the configured maximum is refused with
 * 413 before any body byte is read (DECISIONS D15).
 */
final class NotifyHandler implements Handler<RoutingContext> {
  private final NotifyUseCase useCase;
  private final HttpAdapterSettings settings;

  NotifyHandler(NotifyUseCase useCase, HttpAdapterSettings settings) {
    this.useCase = useCase;
    this.settings = settings;
  }

  @Override
  public void handle(RoutingContext ctx) {
    long declared = declaredLength(ctx);
    if (settings.maxNotifyBytes() >= 0 && declared > settings.maxNotifyBytes()) {
      ctx.response().putHeader("Connection", "close");
      Replies.empty(ctx, 413);
      return;
    }
    new NotifyUpload(ctx, useCase, settings).start();
  }

  private static long declaredLength(RoutingContext ctx) {
    String value = ctx.request().getHeader("Content-Length");
    if (value == null) {
      return -1;
    }
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      return -1; // the HTTP codec rejects such requests before they reach us
    }
  }
}
