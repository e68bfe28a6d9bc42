package io.lonelypss.application.port.in;

import java.util.concurrent.CompletionStage;

/** Make the stored subscriptions of a URL equal to a desired set, recovery URLs included. */
public interface SetSubscriptionsUseCase {
  CompletionStage<Void> setSubscriptions(SetSubscriptionsCommand command);
}
