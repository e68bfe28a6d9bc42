package io.lonelypss.application.port.in;

import io.lonelypss.domain.protocol.ResponseGeneric;
import java.util.concurrent.CompletionStage;

/** Subscribe a URL to an exact topic or a glob. */
public interface SubscribeUseCase {
  /**
   * Completes with the signed answer once the subscription is stored; fails with {@link
   * AuthenticationRejectedException}, {@link
   * io.lonelypss.application.port.out.SubscriptionConflictException} when the same (url, topic) or
   * (url, glob) already exists (the stored row is left unchanged), or {@link
   * io.lonelypss.application.port.out.StoreUnavailableException}.
   */
  CompletionStage<ResponseGeneric> subscribe(SubscribeCommand command);
}
