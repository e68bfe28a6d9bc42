package io.lonelypss.application.service;

import io.lonelypss.application.port.in.UnsubscribeCommand;
import io.lonelypss.application.port.in.UnsubscribeUseCase;
import io.lonelypss.application.port.out.SubscriptionStorePort;
import java.util.Objects;
import java.util.concurrent.CompletionStage;

/** Removes one subscription; the store reports when there was none. */
public final class UnsubscribeService implements UnsubscribeUseCase {
  private final SubscriptionStorePort store;

  public UnsubscribeService(SubscriptionStorePort store) {
    this.store = Objects.requireNonNull(store, "store");
  }

  @Override
  public CompletionStage<Void> unsubscribe(UnsubscribeCommand command) {
    return store.remove(command.url(), command.interest());
  }
}
