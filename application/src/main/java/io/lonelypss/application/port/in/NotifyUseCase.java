package io.lonelypss.application.port.in;

import java.util.concurrent.CompletionStage;

/** Fan a message out to every matching subscription (DECISIONS D2). */
public interface NotifyUseCase {
  /**
   * Completes once every matching subscription has been attempted. Failed deliveries are routine
   * and counted, never raised; the stage fails only with {@link
   * io.lonelypss.application.port.out.StoreUnavailableException} when subscribers cannot be listed.
   */
  CompletionStage<NotifyResult> publish(NotifyCommand command);
}
