package io.lonelypss.domain;

/** A domain value was built from input that violates its invariants. */
public final class InvalidValueException extends LonelypssException {
  private static final long serialVersionUID = 1L;

  public InvalidValueException(String message) {
    super(ErrorCode.MALFORMED, message);
  }
}
