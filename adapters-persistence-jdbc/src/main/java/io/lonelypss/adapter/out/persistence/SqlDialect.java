package io.lonelypss.adapter.out.persistence;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * What differs between the databases the store runs on. The statements of {@link
 * JdbcSubscriptionStoreAdapter} are plain SQL that every dialect accepts; a dialect owns the
 * schema, how a write transaction starts and ends, how a unique violation is recognised, and the
 * upsert of the replay guard ({@link JdbcReplayGuardAdapter}).
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
}
