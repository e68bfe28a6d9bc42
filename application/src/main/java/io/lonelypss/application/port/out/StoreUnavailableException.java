package io.lonelypss.application.port.out;

import io.lonelypss.domain.ErrorCode;
import io.lonelypss.domain.LonelypssException;

/** The subscription store cannot serve the request right now (connection, lock, disk). */
public final class StoreUnavailableException extends LonelypssException {
  private static final long serialVersionUID = 1L;

  public StoreUnavailableException(String message, Throwable cause) {
    super(ErrorCode.UNAVAILABLE, message, cause);
  }
}
