package io.lonelypss.adapter.in.http;

import io.lonelypss.application.port.in.CheckSubscriptionsCommand;
import io.lonelypss.application.port.in.CheckSubscriptionsUseCase;
import io.lonelypss.domain.protocol.CheckSubscriptionsRequest;
import io.lonelypss.domain.protocol.ResponseCheckSubscriptions;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/** {@code POST /v1/check_subscriptions} (http.md 4.6). */
final class CheckSubscriptionsHandler implements Handler<RoutingContext> {
  private final CheckSubscriptionsUseCase useCase;

  CheckSubscriptionsHandler(CheckSubscriptionsUseCase useCase) {
    this.useCase = useCase;
  }

  @Override
  public void handle(RoutingContext ctx) {
    CheckSubscriptionsRequest request = CheckSubscriptionsRequest.parse(Bodies.of(ctx));
    Replies.when(
        ctx,
        useCase.checkSubscriptions(
            new CheckSubscriptionsCommand(
                request.url(), request.tracing(), Bodies.authorization(ctx))),
        ResponseCheckSubscriptions::encode);
  }
}
