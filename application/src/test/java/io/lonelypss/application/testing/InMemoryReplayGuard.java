package io.lonelypss.application.testing;

import io.lonelypss.application.port.out.ReplayGuardPort;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A thread-safe, in-memory {@link ReplayGuardPort} with the semantics of the JDBC one (both pass
 * {@code ReplayGuardPortContract}): expiries are kept in whole epoch seconds, rounded up, and a
 * record has expired once its second is before the whole second of {@code now}. Stages are already
 * complete when returned.
 */
public final class InMemoryReplayGuard implements ReplayGuardPort {
  private static final int CODE_LENGTH = 64;

  /** Code (a private copy, never changed) to expiry in epoch seconds. */
  private final Map<ByteBuffer, Long> records = new HashMap<>(); // guarded by this

  @Override
  public synchronized CompletionStage<Boolean> recordIfUnseen(
      byte[] code, Instant expiresAt, Instant now) {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(expiresAt, "expiresAt");
    Objects.requireNonNull(now, "now");
    if (code.length != CODE_LENGTH) {
      return CompletableFuture.failedFuture(
          new IllegalArgumentException("a code is 64 bytes, not " + code.length));
    }
    ByteBuffer key = ByteBuffer.wrap(code.clone());
    Long recorded = records.get(key);
    if (recorded != null && recorded >= now.getEpochSecond()) {
      return CompletableFuture.completedFuture(false);
    }
    records.put(key, ceilSeconds(expiresAt));
    return CompletableFuture.completedFuture(true);
  }

  @Override
  public synchronized CompletionStage<Integer> purgeExpired(Instant now) {
    Objects.requireNonNull(now, "now");
    long floorNow = now.getEpochSecond();
    int before = records.size();
    records.values().removeIf(expiresAt -> expiresAt < floorNow);
    return CompletableFuture.completedFuture(before - records.size());
  }

  /** How many codes are recorded, expired or not (as a table would hold them until purged). */
  public synchronized int size() {
    return records.size();
  }

  private static long ceilSeconds(Instant instant) {
    return instant.getNano() == 0 ? instant.getEpochSecond() : instant.getEpochSecond() + 1;
  }
}
