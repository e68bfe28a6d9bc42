package io.lonelypss.application.port.out;

import java.time.Instant;
import java.util.concurrent.CompletionStage;

/**
 * Remembers accepted HMAC codes for a while so that a replayed request is refused ({@code http.md}
 * 8.5, DECISIONS D7). Shared by every broadcaster on one database, so a request replayed to another
 * broadcaster of the cluster is refused too.
 *
 * <p>Times are kept in whole seconds, as the reference keeps them: a record made until {@code
 * expiresAt} lasts until {@code ceil(expiresAt)} in epoch seconds, and it has expired once that is
 * before {@code floor(now)}. A record whose second equals {@code floor(now)} is still live.
 *
 * <p>Implementations never block the caller's thread. Any stage may fail with {@link
 * StoreUnavailableException}; a caller that cannot tell whether a code was seen must refuse the
 * request rather than accept it.
 */
public interface ReplayGuardPort {
  /**
   * Atomically records {@code code} (64 bytes) until {@code expiresAt}; completes with true if it
   * was not already recorded with an expiry at or after {@code now}, false if it is a replay. An
   * expired earlier record of the same code counts as unseen and is replaced. A replay leaves the
   * existing record (and its expiry) as it was.
   *
   * <p>Atomic across every caller sharing the store: of any number of concurrent calls with one
   * code, exactly one completes with true. A code of another length than 64 bytes (an HMAC-SHA512)
   * fails the stage with {@link IllegalArgumentException}. The array is copied before this returns.
   */
  CompletionStage<Boolean> recordIfUnseen(byte[] code, Instant expiresAt, Instant now);

  /** Deletes records that expired before {@code now}; completes with how many were deleted. */
  CompletionStage<Integer> purgeExpired(Instant now);
}
