package io.lonelypss.application.service;

import io.lonelypss.application.port.in.CheckSubscriptionsUseCase;
import io.lonelypss.application.port.out.SubscriptionStorePort;
import io.lonelypss.domain.SubscriberUrl;
import io.lonelypss.domain.protocol.StrongEtag;
import java.util.Objects;
import java.util.concurrent.CompletionStage;

/** Computes the strong etag of what is stored for a URL. */
public final class CheckSubscriptionsService implements CheckSubscriptionsUseCase {
  private final SubscriptionStorePort store;

  public CheckSubscriptionsService(SubscriptionStorePort store) {
    this.store = Objects.requireNonNull(store, "store");
  }

  @Override
  public CompletionStage<StrongEtag> checkSubscriptions(SubscriberUrl url) {
    return store.listForUrl(url).thenApply(rows -> StrongEtag.ofSubscriptions(url, rows));
  }
}
