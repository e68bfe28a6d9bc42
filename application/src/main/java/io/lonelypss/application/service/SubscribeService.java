package io.lonelypss.application.service;

import io.lonelypss.application.port.in.SubscribeCommand;
import io.lonelypss.application.port.in.SubscribeUseCase;
import io.lonelypss.application.port.out.SubscriptionStorePort;
import java.util.Objects;
import java.util.concurrent.CompletionStage;

/** Stores a new subscription; the store reports conflicts. */
public final class SubscribeService implements SubscribeUseCase {
  private final SubscriptionStorePort store;

  public SubscribeService(SubscriptionStorePort store) {
    this.store = Objects.requireNonNull(store, "store");
  }

  @Override
  public CompletionStage<Void> subscribe(SubscribeCommand command) {
    return store.add(command.subscription());
  }
}
