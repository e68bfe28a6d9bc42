package io.lonelypss.domain;

/**
 * Stable codes for every rejection the broadcaster can give. Adapters map each code to one
 * transport status in a single place; the domain never names transport details.
 */
public enum ErrorCode {
  /** The request could not be parsed or is inconsistent with itself. */
  MALFORMED,
  /** No credentials were supplied where the configured scheme needs them. */
  UNAUTHORIZED,
  /** Credentials were supplied but are wrong, expired or replayed. */
  FORBIDDEN,
  /** The request conflicts with the stored state (already subscribed, not subscribed). */
  CONFLICT,
  /** The request is larger than the configured limit. */
  TOO_LARGE,
  /** A backend the request needs (database, disk) is unavailable right now. */
  UNAVAILABLE
}
