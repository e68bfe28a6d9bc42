package io.lonelypss.application.service;

import io.lonelypss.application.port.in.UnsubscribeCommand;
import io.lonelypss.application.port.in.UnsubscribeUseCase;
import io.lonelypss.application.port.out.SubscriptionStorePort;
import io.lonelypss.domain.Subscription;
import io.lonelypss.domain.protocol.ResponseGeneric;
import io.lonelypss.domain.protocol.Tracing;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Removes one subscription. An unsubscribe is signed like a subscribe without a recovery URL, and
 * answered like one (http.md 4.3); only the replay store keeps one from standing in for the other.
 */
public final class UnsubscribeService implements UnsubscribeUseCase {
  private final SubscriptionStorePort store;
  private final AuthPolicy auth;

  public UnsubscribeService(SubscriptionStorePort store, AuthPolicy auth) {
    this.store = Objects.requireNonNull(store, "store");
    this.auth = Objects.requireNonNull(auth, "auth");
  }

  @Override
  public CompletionStage<ResponseGeneric> unsubscribe(UnsubscribeCommand command) {
    Subscription s = new Subscription(command.url(), command.interest(), Optional.empty());
    return auth.admit(
            SubscribeService.requestFields(s, Optional.empty(), command.tracing()),
            command.authorization())
        .thenCompose(admitted -> store.remove(command.url(), command.interest()))
        .thenApply(
            removed -> {
              byte[] tracing = Tracing.empty();
              return new ResponseGeneric(
                  auth.sign(SubscribeService.confirmFields(s, Optional.empty(), tracing)), tracing);
            });
  }
}
