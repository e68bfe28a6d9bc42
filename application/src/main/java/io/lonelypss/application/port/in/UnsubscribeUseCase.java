package io.lonelypss.application.port.in;

import java.util.concurrent.CompletionStage;

/** Unsubscribe a URL from an exact topic or a glob. */
public interface UnsubscribeUseCase {
  /**
   * Completes when the subscription is gone; fails with {@link
   * io.lonelypss.application.port.out.SubscriptionNotFoundException} when there was none, or {@link
   * io.lonelypss.application.port.out.StoreUnavailableException}.
   */
  CompletionStage<Void> unsubscribe(UnsubscribeCommand command);
}
