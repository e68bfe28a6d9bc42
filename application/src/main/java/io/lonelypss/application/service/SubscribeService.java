package io.lonelypss.application.service;

import io.lonelypss.application.port.in.SubscribeCommand;
import io.lonelypss.application.port.in.SubscribeUseCase;
import io.lonelypss.application.port.out.SubscriptionStorePort;
import io.lonelypss.domain.GlobPattern;
import io.lonelypss.domain.SubscriberUrl;
import io.lonelypss.domain.Subscription;
import io.lonelypss.domain.Topic;
import io.lonelypss.domain.protocol.ResponseGeneric;
import io.lonelypss.domain.protocol.Tracing;
import io.lonelypss.domain.protocol.auth.SignedFields;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/** Checks the request's authorization, stores the subscription, answers signed. */
public final class SubscribeService implements SubscribeUseCase {
  private final SubscriptionStorePort store;
  private final AuthPolicy auth;

  public SubscribeService(SubscriptionStorePort store, AuthPolicy auth) {
    this.store = Objects.requireNonNull(store, "store");
    this.auth = Objects.requireNonNull(auth, "auth");
  }

  @Override
  public CompletionStage<ResponseGeneric> subscribe(SubscribeCommand command) {
    Subscription s = command.subscription();
    Optional<String> recovery = s.recovery().map(SubscriberUrl::value);
    return auth.admit(requestFields(s, recovery, command.tracing()), command.authorization())
        .thenCompose(admitted -> store.add(s))
        .thenApply(
            added -> {
              byte[] tracing = Tracing.empty();
              return new ResponseGeneric(auth.sign(confirmFields(s, recovery, tracing)), tracing);
            });
  }

  /** The fields a subscribe (or, with no recovery, an unsubscribe) request signs. */
  static SignedFields requestFields(Subscription s, Optional<String> recovery, byte[] tracing) {
    String url = s.url().value();
    return s.interest() instanceof GlobPattern glob
        ? new SignedFields.SubscribeGlob(tracing, url, recovery, glob)
        : new SignedFields.SubscribeExact(tracing, url, recovery, (Topic) s.interest());
  }

  /** The fields our answer to a subscribe (or, with no recovery, an unsubscribe) signs. */
  static SignedFields confirmFields(Subscription s, Optional<String> recovery, byte[] tracing) {
    String url = s.url().value();
    return s.interest() instanceof GlobPattern glob
        ? new SignedFields.ConfirmSubscribeGlob(tracing, url, recovery, glob)
        : new SignedFields.ConfirmSubscribeExact(tracing, url, recovery, (Topic) s.interest());
  }
}
