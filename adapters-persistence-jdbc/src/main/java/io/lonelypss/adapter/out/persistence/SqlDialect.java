package io.lonelypss.adapter.out.persistence;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * What differs between the databases the store runs on. The statements of {@link
 * JdbcSubscriptionStoreAdapter} are plain SQL that every dialect accepts; a dialect owns the
 * schema, how a write transaction starts and ends, how a unique violation is recognised, the upsert
 * of the replay guard ({@link JdbcReplayGuardAdapter}) and the statements of the missed ledger
 * ({@link JdbcMissedLedgerAdapter}).
 */
interface SqlDialect {
  /** A short name for logs ({@code sqlite}, {@code postgres}). */
  String name();

  /**
   * Prepares the database once, before the pool opens, on a connection of its own: session-wide
   * settings that persist (journal mode) and the schema ({@code CREATE ... IF NOT EXISTS}).
   */
  void initialize(Connection connection) throws SQLException;

  /** Starts a write transaction that holds the write lock from its first statement. */
  void beginWrite(Connection connection) throws SQLException;

  /** Commits the transaction {@link #beginWrite} started. */
  void commitWrite(Connection connection) throws SQLException;

  /** Rolls back the transaction {@link #beginWrite} started. */
  void rollbackWrite(Connection connection) throws SQLException;

  /** Whether {@code e} reports a violated unique index or primary key. */
  boolean isUniqueViolation(SQLException e);

  /**
   * Records an HMAC code in {@code httppubsub_hmacs} unless a live record of it exists, in one
   * statement run inside {@link #beginWrite}. Parameters: 1 the code (bytes), 2 its expiry in epoch
   * seconds, 3 {@code floor(now)} in epoch seconds. A missing code is inserted and an expired
   * record ({@code expires_at < floor(now)}) gets the new expiry: either way the update count is 1.
   * A live record is left as it is and the update count is 0 (a replay).
   */
  String recordReplayCode();

  /**
   * Deletes the expired rows of {@code httppubsub_hmacs}; parameter 1 is {@code floor(now)} in
   * epoch seconds. The update count is how many were deleted.
   */
  String purgeReplayCodes();

  /**
   * The missed ledger's statements on the exacts table ({@code http.md} 6.2, 6.3 and 9), whose
   * interest column is {@code exact} (bound as bytes).
   */
  MissedStatements missedExacts();

  /**
   * The missed ledger's statements on the globs table, whose interest column is {@code glob} (bound
   * as text); {@link MissedStatements#markFailed} also sets {@code missed_topic}.
   */
  MissedStatements missedGlobs();

  /**
   * Selects the claimable rows of both tables, run inside {@link #beginWrite}, so that the first
   * row can be locked before any other writer sees it. A row is claimable when it has a recovery
   * URL ({@code missed_url}), its {@code missed_next_retry_at} is at or before {@code now}, its
   * lock is absent or expired ({@code missed_lock_id} or {@code missed_lock_expires_at} null, or
   * {@code missed_lock_expires_at < now}) and, for a glob row, it has a {@code missed_topic}.
   * Parameters: 1 and 3 {@code floor(now)} in epoch seconds, 2 and 4 {@code now} in fractional
   * epoch seconds (a double, so that a lock the reference stored with a fraction expires when the
   * reference thinks it does). Columns: 1 the table (0 exacts, 1 globs), 2 {@code id}, 3 {@code
   * url}, 4 {@code exact} (null for globs), 5 {@code glob} (null for exacts), 6 the missed topic
   * (the {@code exact} again for exacts), 7 {@code missed_url}, 8 {@code missed_attempts}, 9 {@code
   * missed_next_retry_at}; earliest next retry first, exacts before globs on a tie, then by id.
   */
  String selectOverdueMissed();

  /**
   * The missed ledger's statements on one subscription table. The row is named by {@code url} and
   * its interest column; "while locked by" means {@code missed_lock_id} equals the given lock.
   *
   * @param markFailed a failed delivery, on a row with a recovery URL: {@code missed_attempts = 0}
   *     and the next retry, the lock left as it is. Parameters: 1 the next retry (epoch seconds),
   *     for globs 2 the missed topic (bytes), then the url and the interest. The update count is 1
   *     when the row was marked.
   * @param lock locks the row {@code id}: parameters 1 the lock id, 2 its expiry (epoch seconds), 3
   *     the row's {@code id}
   * @param clearIfUnchanged a confirmed MISSED: every missed column but {@code missed_url} set to
   *     null, while locked by the lock and unless a newer failure changed the next retry.
   *     Parameters: 1 url, 2 interest, 3 lock id, 4 the next retry claimed (epoch seconds)
   * @param unlock releases the lock only. Parameters: 1 url, 2 interest, 3 lock id
   * @param reschedule sets the attempts and the next retry and releases the lock, while locked by
   *     the lock. Parameters: 1 attempts, 2 next retry (epoch seconds), 3 url, 4 interest, 5 lock
   *     id
   * @param delete deletes the row while locked by the lock. Parameters: 1 url, 2 interest, 3 lock
   *     id
   */
  record MissedStatements(
      String markFailed,
      String lock,
      String clearIfUnchanged,
      String unlock,
      String reschedule,
      String delete) {}
}
