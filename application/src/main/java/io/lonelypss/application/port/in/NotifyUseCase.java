package io.lonelypss.application.port.in;

import io.lonelypss.domain.protocol.ResponseNotify;
import java.util.concurrent.CompletionStage;

/** Fan a message out to every matching subscription (DECISIONS D2). */
public interface NotifyUseCase {
  /**
   * Checks the publisher's authorization before the body is read; fails with {@link
   * AuthenticationRejectedException}.
   */
  CompletionStage<Void> admit(AdmitNotifyCommand command);

  /**
   * Completes with the signed answer once every matching subscription has been attempted. Failed
   * deliveries are routine and counted, never raised; the stage fails only with {@link
   * io.lonelypss.application.port.out.StoreUnavailableException} when subscribers cannot be listed.
   */
  CompletionStage<ResponseNotify> publish(NotifyCommand command);
}
