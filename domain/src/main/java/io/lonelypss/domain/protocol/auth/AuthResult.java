package io.lonelypss.domain.protocol.auth;

/**
 * The outcome of checking an authorization value (http.md 8.1). Over HTTP: 401 for {@link
 * #UNAUTHORIZED}, 403 for {@link #FORBIDDEN}, 503 for {@link #UNAVAILABLE}.
 */
public enum AuthResult {
  /** Accepted. */
  OK,
  /** Nothing was supplied where the scheme needs a value. */
  UNAUTHORIZED,
  /** Something was supplied but it is malformed, wrong, expired or replayed. */
  FORBIDDEN,
  /**
   * The check could not be completed (for example the replay store is down). Never produced by the
   * schemes of this package; the application uses it when its replay store fails.
   */
  UNAVAILABLE
}
