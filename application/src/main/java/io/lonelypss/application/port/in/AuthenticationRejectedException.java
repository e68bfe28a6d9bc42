package io.lonelypss.application.port.in;

import io.lonelypss.domain.ErrorCode;
import io.lonelypss.domain.LonelypssException;
import io.lonelypss.domain.protocol.auth.AuthResult;

/**
 * A request's authorization was missing ({@link ErrorCode#UNAUTHORIZED}), wrong, expired or
 * replayed ({@link ErrorCode#FORBIDDEN}), or could not be checked because the replay store is
 * unavailable ({@link ErrorCode#UNAVAILABLE}).
 */
public final class AuthenticationRejectedException extends LonelypssException {
  private static final long serialVersionUID = 1L;

  public AuthenticationRejectedException(ErrorCode code, String message) {
    super(code, message);
  }

  /** The rejection for a non-OK verification result. */
  public static AuthenticationRejectedException of(AuthResult result) {
    return switch (result) {
      case UNAUTHORIZED ->
          new AuthenticationRejectedException(ErrorCode.UNAUTHORIZED, "authorization missing");
      case FORBIDDEN ->
          new AuthenticationRejectedException(ErrorCode.FORBIDDEN, "authorization rejected");
      case UNAVAILABLE ->
          new AuthenticationRejectedException(ErrorCode.UNAVAILABLE, "authorization unavailable");
      case OK -> throw new IllegalArgumentException("OK is not a rejection");
    };
  }
}
