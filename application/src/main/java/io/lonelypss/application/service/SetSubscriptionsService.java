package io.lonelypss.application.service;

import io.lonelypss.application.port.in.SetSubscriptionsCommand;
import io.lonelypss.application.port.in.SetSubscriptionsUseCase;
import io.lonelypss.application.port.out.SubscriptionStorePort;
import java.util.Objects;
import java.util.concurrent.CompletionStage;

/** Replaces the whole subscription set of a URL, recovery URLs included (DECISIONS D6). */
public final class SetSubscriptionsService implements SetSubscriptionsUseCase {
  private final SubscriptionStorePort store;

  public SetSubscriptionsService(SubscriptionStorePort store) {
    this.store = Objects.requireNonNull(store, "store");
  }

  @Override
  public CompletionStage<Void> setSubscriptions(SetSubscriptionsCommand command) {
    return store.replaceForUrl(command.url(), command.desired());
  }
}
