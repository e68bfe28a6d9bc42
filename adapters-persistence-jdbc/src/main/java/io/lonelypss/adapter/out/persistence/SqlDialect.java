package io.lonelypss.adapter.out.persistence;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * What differs between the databases the store runs on. The statements of {@link
 * JdbcSubscriptionStoreAdapter} are plain SQL that every dialect accepts; a dialect owns the
 * schema, how a write transaction starts and ends, and how a unique violation is recognised.
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
}
