package io.lonelypss.application.port.out;

import io.lonelypss.domain.ErrorCode;
import io.lonelypss.domain.LonelypssException;

/** There is no such subscription to remove. */
public final class SubscriptionNotFoundException extends LonelypssException {
  private static final long serialVersionUID = 1L;

  public SubscriptionNotFoundException(String message) {
    super(ErrorCode.CONFLICT, message);
  }
}
