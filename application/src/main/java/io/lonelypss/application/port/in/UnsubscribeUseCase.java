package io.lonelypss.application.port.in;

import io.lonelypss.domain.protocol.ResponseGeneric;
import java.util.concurrent.CompletionStage;

/** Unsubscribe a URL from an exact topic or a glob. */
public interface UnsubscribeUseCase {
  /**
   * Completes with the signed answer once the subscription is gone; fails with {@link
   * AuthenticationRejectedException}, {@link
   * io.lonelypss.application.port.out.SubscriptionNotFoundException} when there was none, or {@link
   * io.lonelypss.application.port.out.StoreUnavailableException}.
   */
  CompletionStage<ResponseGeneric> unsubscribe(UnsubscribeCommand command);
}
