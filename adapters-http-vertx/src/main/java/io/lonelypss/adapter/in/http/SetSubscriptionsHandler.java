package io.lonelypss.adapter.in.http;

import io.lonelypss.application.port.in.SetSubscriptionsCommand;
import io.lonelypss.application.port.in.SetSubscriptionsUseCase;
import io.lonelypss.domain.protocol.ResponseGeneric;
import io.lonelypss.domain.protocol.SetSubscriptionsRequest;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/** {@code POST /v1/set_subscriptions} (http.md 4.7, DECISIONS D6). */
final class SetSubscriptionsHandler implements Handler<RoutingContext> {
  private final SetSubscriptionsUseCase useCase;

  SetSubscriptionsHandler(SetSubscriptionsUseCase useCase) {
    this.useCase = useCase;
  }

  @Override
  public void handle(RoutingContext ctx) {
    SetSubscriptionsRequest request = SetSubscriptionsRequest.parse(Bodies.of(ctx));
    Replies.when(
        ctx,
        useCase.setSubscriptions(
            new SetSubscriptionsCommand(
                request.url(),
                request.desired(),
                request.etag(),
                request.tracing(),
                Bodies.authorization(ctx))),
        ResponseGeneric::encode);
  }
}
