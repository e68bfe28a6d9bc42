package io.lonelypss.adapter.in.http;

import io.lonelypss.application.port.in.SubscribeCommand;
import io.lonelypss.application.port.in.SubscribeUseCase;
import io.lonelypss.domain.protocol.ResponseGeneric;
import io.lonelypss.domain.protocol.SubscribeRequest;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/** {@code POST /v1/subscribe/exact} and {@code POST /v1/subscribe/glob} (http.md 4.1, 4.2). */
final class SubscribeHandler implements Handler<RoutingContext> {
  private final SubscribeUseCase useCase;
  private final boolean glob;

  SubscribeHandler(SubscribeUseCase useCase, boolean glob) {
    this.useCase = useCase;
    this.glob = glob;
  }

  @Override
  public void handle(RoutingContext ctx) {
    SubscribeRequest request =
        glob
            ? SubscribeRequest.parseGlob(Bodies.of(ctx))
            : SubscribeRequest.parseExact(Bodies.of(ctx));
    Replies.when(
        ctx,
        useCase.subscribe(
            new SubscribeCommand(
                request.subscription(), request.tracing(), Bodies.authorization(ctx))),
        ResponseGeneric::encode);
  }
}
