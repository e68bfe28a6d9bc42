package io.lonelypss.adapter.out.persistence;

import io.lonelypss.application.port.out.ReplayGuardPort;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The replay cache of {@code http.md} 8.5 in the table {@code httppubsub_hmacs}, shared by every
 * broadcaster on the database (DECISIONS D7): a code recorded by one is refused by all.
 *
 * <p>Recording is one upsert in a write transaction ({@code BEGIN IMMEDIATE} on SQLite), so it is
 * atomic across connections and processes: the database's write lock orders concurrent attempts and
 * the update count tells the first from the replays. Expiries are stored in epoch seconds, rounded
 * up; a row has expired once its {@code expires_at} is before {@code floor(now)}.
 *
 * <p>Statements run on the store's bounded JDBC executor, never on the caller's thread; a full
 * queue, a closed store or any database error fails the stage with {@link
 * io.lonelypss.application.port.out.StoreUnavailableException}. Build instances with {@link
 * JdbcStores}.
 */
public final class JdbcReplayGuardAdapter implements ReplayGuardPort {
  /** How this store names itself in logs and failures. */
  static final String STORE = "replay guard";

  private static final int CODE_LENGTH = 64;

  private final JdbcRunner runner;

  JdbcReplayGuardAdapter(JdbcRunner runner) {
    this.runner = Objects.requireNonNull(runner, "runner");
  }

  @Override
  public CompletionStage<Boolean> recordIfUnseen(byte[] code, Instant expiresAt, Instant now) {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(expiresAt, "expiresAt");
    Objects.requireNonNull(now, "now");
    if (code.length != CODE_LENGTH) {
      return CompletableFuture.failedFuture(
          new IllegalArgumentException("a code is 64 bytes, not " + code.length));
    }
    byte[] key = code.clone();
    long expiresAtSecond = ceilSeconds(expiresAt);
    long nowSecond = now.getEpochSecond();
    return runner.submit(
        STORE,
        "recordIfUnseen",
        connection ->
            runner.inWriteTransaction(
                connection,
                tx -> {
                  try (PreparedStatement upsert =
                      tx.prepareStatement(runner.dialect().recordReplayCode())) {
                    upsert.setBytes(1, key);
                    upsert.setLong(2, expiresAtSecond);
                    upsert.setLong(3, nowSecond);
                    return upsert.executeUpdate() > 0;
                  }
                }));
  }

  @Override
  public CompletionStage<Integer> purgeExpired(Instant now) {
    Objects.requireNonNull(now, "now");
    long nowSecond = now.getEpochSecond();
    return runner.submit(
        STORE,
        "purgeExpired",
        connection ->
            runner.inWriteTransaction(
                connection,
                tx -> {
                  try (PreparedStatement delete =
                      tx.prepareStatement(runner.dialect().purgeReplayCodes())) {
                    delete.setLong(1, nowSecond);
                    return delete.executeUpdate();
                  }
                }));
  }

  /** {@code ceil} of {@code instant} in epoch seconds ({@link Instant#getEpochSecond} floors). */
  static long ceilSeconds(Instant instant) {
    return instant.getNano() == 0 ? instant.getEpochSecond() : instant.getEpochSecond() + 1;
  }
}
