package io.lonelypss.adapter.in.http;

import io.lonelypss.application.port.in.UnsubscribeCommand;
import io.lonelypss.application.port.in.UnsubscribeUseCase;
import io.lonelypss.domain.protocol.ResponseGeneric;
import io.lonelypss.domain.protocol.UnsubscribeRequest;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/** {@code POST /v1/unsubscribe/exact} and {@code POST /v1/unsubscribe/glob} (http.md 4.3, 4.4). */
final class UnsubscribeHandler implements Handler<RoutingContext> {
  private final UnsubscribeUseCase useCase;
  private final boolean glob;

  UnsubscribeHandler(UnsubscribeUseCase useCase, boolean glob) {
    this.useCase = useCase;
    this.glob = glob;
  }

  @Override
  public void handle(RoutingContext ctx) {
    UnsubscribeRequest request =
        glob
            ? UnsubscribeRequest.parseGlob(Bodies.of(ctx))
            : UnsubscribeRequest.parseExact(Bodies.of(ctx));
    Replies.when(
        ctx,
        useCase.unsubscribe(
            new UnsubscribeCommand(
                request.url(), request.interest(), request.tracing(), Bodies.authorization(ctx))),
        ResponseGeneric::encode);
  }
}
