package io.lonelypss.application.service;

import io.lonelypss.application.port.in.CheckSubscriptionsCommand;
import io.lonelypss.application.port.in.CheckSubscriptionsUseCase;
import io.lonelypss.application.port.out.SubscriptionStorePort;
import io.lonelypss.domain.protocol.ResponseCheckSubscriptions;
import io.lonelypss.domain.protocol.StrongEtag;
import io.lonelypss.domain.protocol.Tracing;
import io.lonelypss.domain.protocol.auth.SignedFields;
import java.util.Objects;
import java.util.concurrent.CompletionStage;

/** Computes the strong etag of what is stored for a URL. */
public final class CheckSubscriptionsService implements CheckSubscriptionsUseCase {
  private final SubscriptionStorePort store;
  private final AuthPolicy auth;

  public CheckSubscriptionsService(SubscriptionStorePort store, AuthPolicy auth) {
    this.store = Objects.requireNonNull(store, "store");
    this.auth = Objects.requireNonNull(auth, "auth");
  }

  @Override
  public CompletionStage<ResponseCheckSubscriptions> checkSubscriptions(
      CheckSubscriptionsCommand command) {
    return auth.admit(
            new SignedFields.CheckSubscriptions(command.tracing(), command.url().value()),
            command.authorization())
        .thenCompose(admitted -> store.listForUrl(command.url()))
        .thenApply(
            rows -> {
              StrongEtag etag = StrongEtag.ofSubscriptions(command.url(), rows);
              byte[] tracing = Tracing.empty();
              return new ResponseCheckSubscriptions(
                  auth.sign(new SignedFields.CheckSubscriptionsResponse(tracing, etag)),
                  tracing,
                  etag);
            });
  }
}
