package io.lonelypss.application.port.in;

import io.lonelypss.domain.protocol.ResponseGeneric;
import java.util.concurrent.CompletionStage;

/** Make the stored subscriptions of a URL equal to a desired set, recovery URLs included. */
public interface SetSubscriptionsUseCase {
  /** Fails with {@link AuthenticationRejectedException} or a store exception. */
  CompletionStage<ResponseGeneric> setSubscriptions(SetSubscriptionsCommand command);
}
