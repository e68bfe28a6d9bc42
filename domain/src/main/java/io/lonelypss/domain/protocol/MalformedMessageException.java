package io.lonelypss.domain.protocol;

import io.lonelypss.domain.ErrorCode;
import io.lonelypss.domain.LonelypssException;

/** A wire message is short, inconsistent, or carries invalid UTF-8 where text is required. */
public final class MalformedMessageException extends LonelypssException {
  private static final long serialVersionUID = 1L;

  public MalformedMessageException(String message) {
    super(ErrorCode.MALFORMED, message);
  }
}
