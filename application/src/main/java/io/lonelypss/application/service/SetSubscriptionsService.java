package io.lonelypss.application.service;

import io.lonelypss.application.port.in.SetSubscriptionsCommand;
import io.lonelypss.application.port.in.SetSubscriptionsUseCase;
import io.lonelypss.application.port.out.SubscriptionStorePort;
import io.lonelypss.domain.protocol.ResponseGeneric;
import io.lonelypss.domain.protocol.Tracing;
import io.lonelypss.domain.protocol.auth.SignedFields;
import java.util.Objects;
import java.util.concurrent.CompletionStage;

/** Replaces the whole subscription set of a URL, recovery URLs included (DECISIONS D6). */
public final class SetSubscriptionsService implements SetSubscriptionsUseCase {
  private final SubscriptionStorePort store;
  private final AuthPolicy auth;

  public SetSubscriptionsService(SubscriptionStorePort store, AuthPolicy auth) {
    this.store = Objects.requireNonNull(store, "store");
    this.auth = Objects.requireNonNull(auth, "auth");
  }

  @Override
  public CompletionStage<ResponseGeneric> setSubscriptions(SetSubscriptionsCommand command) {
    return auth.admit(
            new SignedFields.SetSubscriptions(
                command.tracing(), command.url().value(), command.etag()),
            command.authorization())
        .thenCompose(admitted -> store.replaceForUrl(command.url(), command.desired()))
        .thenApply(
            replaced -> {
              byte[] tracing = Tracing.empty();
              return new ResponseGeneric(
                  auth.sign(new SignedFields.SetSubscriptionsResponse(tracing, command.etag())),
                  tracing);
            });
  }
}
