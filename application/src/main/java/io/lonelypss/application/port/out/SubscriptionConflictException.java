package io.lonelypss.application.port.out;

import io.lonelypss.domain.ErrorCode;
import io.lonelypss.domain.LonelypssException;

/** The subscription already exists. */
public final class SubscriptionConflictException extends LonelypssException {
  private static final long serialVersionUID = 1L;

  public SubscriptionConflictException(String message) {
    super(ErrorCode.CONFLICT, message);
  }
}
