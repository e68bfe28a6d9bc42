package io.lonelypss.domain;

/** Base type of every expected rejection; carries a stable {@link ErrorCode}. */
public abstract class LonelypssException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ErrorCode code;

  protected LonelypssException(ErrorCode code, String message) {
    super(message);
    this.code = code;
  }

  protected LonelypssException(ErrorCode code, String message, Throwable cause) {
    super(message, cause);
    this.code = code;
  }

  public ErrorCode code() {
    return code;
  }
}
