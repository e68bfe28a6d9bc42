package io.lonelypss.application.port.in;

import io.lonelypss.domain.protocol.ResponseCheckSubscriptions;
import java.util.concurrent.CompletionStage;

/** Answer the strong etag of everything stored for a URL (http.md section 5). */
public interface CheckSubscriptionsUseCase {
  /** Fails with {@link AuthenticationRejectedException} or a store exception. */
  CompletionStage<ResponseCheckSubscriptions> checkSubscriptions(CheckSubscriptionsCommand command);
}
