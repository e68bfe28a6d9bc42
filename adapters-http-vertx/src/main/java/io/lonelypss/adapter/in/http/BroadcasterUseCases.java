package io.lonelypss.adapter.in.http;

import io.lonelypss.application.port.in.CheckSubscriptionsUseCase;
import io.lonelypss.application.port.in.NotifyUseCase;
import io.lonelypss.application.port.in.SetSubscriptionsUseCase;
import io.lonelypss.application.port.in.SubscribeUseCase;
import io.lonelypss.application.port.in.UnsubscribeUseCase;
import java.util.Objects;

/** The in-ports the HTTP routes drive. */
public record BroadcasterUseCases(
    SubscribeUseCase subscribe,
    UnsubscribeUseCase unsubscribe,
    NotifyUseCase publish,
    CheckSubscriptionsUseCase checkSubscriptions,
    SetSubscriptionsUseCase setSubscriptions) {
  public BroadcasterUseCases {
    Objects.requireNonNull(subscribe, "subscribe");
    Objects.requireNonNull(unsubscribe, "unsubscribe");
    Objects.requireNonNull(publish, "publish");
    Objects.requireNonNull(checkSubscriptions, "checkSubscriptions");
    Objects.requireNonNull(setSubscriptions, "setSubscriptions");
  }
}
