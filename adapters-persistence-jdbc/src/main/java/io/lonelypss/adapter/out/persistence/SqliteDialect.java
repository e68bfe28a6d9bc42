package io.lonelypss.adapter.out.persistence;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * SQLite, sharing its file with a Python lonelypss (DECISIONS D14): the reference schema of {@code
 * http.md} section 9, write-ahead logging, and {@code BEGIN IMMEDIATE} for every write transaction
 * as the reference does. Transactions are explicit statements on an autocommit connection (the JDBC
 * driver would otherwise open the next transaction, and take the write lock, right after each
 * commit).
 */
final class SqliteDialect implements SqlDialect {
  private static final Logger LOG = LoggerFactory.getLogger(SqliteDialect.class);

  /**
   * The reference schema, verbatim, then our extra indexes for lookups by URL, then the replay
   * cache of {@code http.md} 8.5 (which the reference keeps in a file of its own), here shared by
   * every broadcaster on the database (DECISIONS D7).
   */
  static final List<String> SCHEMA =
      List.of(
          """
          CREATE TABLE IF NOT EXISTS httppubsub_subscription_exacts (
            id INTEGER PRIMARY KEY,
            url TEXT NOT NULL,
            exact BLOB NOT NULL,
            missed_url TEXT NULL,
            missed_lock_id INTEGER NULL,
            missed_lock_expires_at INTEGER NULL,
            missed_attempts INTEGER NULL,
            missed_next_retry_at INTEGER NULL
          )""",
          """
          CREATE UNIQUE INDEX IF NOT EXISTS idx_httppubsub_subscription_exacts_exact_url
            ON httppubsub_subscription_exacts (exact, url)""",
          """
          CREATE INDEX IF NOT EXISTS idx_httppubsub_subscription_exacts_next_retry_at
            ON httppubsub_subscription_exacts (missed_next_retry_at)
            WHERE missed_next_retry_at IS NOT NULL""",
          """
          CREATE INDEX IF NOT EXISTS idx_httppubsub_subscription_exacts_missed_url_topic
            ON httppubsub_subscription_exacts (missed_url, exact) WHERE missed_url IS NOT NULL""",
          """
          CREATE TABLE IF NOT EXISTS httppubsub_subscription_globs (
            id INTEGER PRIMARY KEY,
            url TEXT NOT NULL,
            glob TEXT NOT NULL,
            missed_url TEXT NULL,
            missed_lock_id INTEGER NULL,
            missed_lock_expires_at INTEGER NULL,
            missed_topic BLOB NULL,
            missed_attempts INTEGER NULL,
            missed_next_retry_at INTEGER NULL
          )""",
          """
          CREATE UNIQUE INDEX IF NOT EXISTS idx_httppubsub_subscription_globs_glob_url
            ON httppubsub_subscription_globs (glob, url)""",
          """
          CREATE INDEX IF NOT EXISTS idx_httppubsub_subscription_globs_next_retry_at
            ON httppubsub_subscription_globs (missed_next_retry_at)
            WHERE missed_next_retry_at IS NOT NULL""",
          """
          CREATE INDEX IF NOT EXISTS idx_httppubsub_subscription_globs_missed_url_topic
            ON httppubsub_subscription_globs (missed_url, missed_topic) WHERE missed_url IS NOT NULL""",
          """
          CREATE INDEX IF NOT EXISTS idx_httppubsub_subscription_exacts_url
            ON httppubsub_subscription_exacts (url)""",
          """
          CREATE INDEX IF NOT EXISTS idx_httppubsub_subscription_globs_url
            ON httppubsub_subscription_globs (url)""",
          """
          CREATE TABLE IF NOT EXISTS httppubsub_hmacs (code BLOB PRIMARY KEY, \
          expires_at INTEGER NOT NULL) WITHOUT ROWID""",
          """
          CREATE INDEX IF NOT EXISTS idx_httppubsub_hmacs_expires_at \
          ON httppubsub_hmacs (expires_at)""");

  /** Upsert that only replaces an expired record; SQLite reports 0 changes when it does not. */
  private static final String RECORD_REPLAY_CODE =
      """
      INSERT INTO httppubsub_hmacs (code, expires_at) VALUES (?, ?)
        ON CONFLICT (code) DO UPDATE SET expires_at = excluded.expires_at
        WHERE httppubsub_hmacs.expires_at < ?""";

  private static final String PURGE_REPLAY_CODES =
      "DELETE FROM httppubsub_hmacs WHERE expires_at < ?";

  private static final String EXACTS = "httppubsub_subscription_exacts";
  private static final String GLOBS = "httppubsub_subscription_globs";

  /**
   * Plain SQL on the reference's missed columns; as in the reference's own release statements, a
   * row is named by its url and interest and a lock by {@code missed_lock_id}.
   */
  private static final MissedStatements MISSED_EXACTS =
      new MissedStatements(
          "UPDATE "
              + EXACTS
              + " SET missed_next_retry_at = ?, missed_attempts = 0"
              + " WHERE url = ? AND exact = ? AND missed_url IS NOT NULL",
          lockMissed(EXACTS),
          clearMissed(EXACTS, "exact", ""),
          unlockMissed(EXACTS, "exact"),
          rescheduleMissed(EXACTS, "exact"),
          deleteMissed(EXACTS, "exact"));

  private static final MissedStatements MISSED_GLOBS =
      new MissedStatements(
          "UPDATE "
              + GLOBS
              + " SET missed_next_retry_at = ?, missed_attempts = 0, missed_topic = ?"
              + " WHERE url = ? AND glob = ? AND missed_url IS NOT NULL",
          lockMissed(GLOBS),
          clearMissed(GLOBS, "glob", ", missed_topic = NULL"),
          unlockMissed(GLOBS, "glob"),
          rescheduleMissed(GLOBS, "glob"),
          deleteMissed(GLOBS, "glob"));

  private static final String CLAIMABLE =
      " WHERE missed_url IS NOT NULL AND missed_next_retry_at <= ?"
          + " AND (missed_lock_id IS NULL OR missed_lock_expires_at IS NULL"
          + " OR missed_lock_expires_at < ?)";

  /**
   * Both tables at once, in claim order; a glob row without a missed topic is left out (there is no
   * topic to post a MISSED about).
   */
  private static final String SELECT_OVERDUE_MISSED =
      "SELECT 0, id, url, exact, NULL, exact, missed_url, missed_attempts, missed_next_retry_at"
          + " FROM "
          + EXACTS
          + CLAIMABLE
          + " UNION ALL"
          + " SELECT 1, id, url, NULL, glob, missed_topic, missed_url, missed_attempts,"
          + " missed_next_retry_at FROM "
          + GLOBS
          + CLAIMABLE
          + " AND missed_topic IS NOT NULL"
          + " ORDER BY 9, 1, 2";

  @Override
  public String name() {
    return "sqlite";
  }

  @Override
  public void initialize(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      // The journal mode persists in the file; it cannot change inside a transaction.
      try (ResultSet mode = statement.executeQuery("PRAGMA journal_mode=WAL")) {
        String actual = mode.next() ? mode.getString(1) : "";
        if (!"wal".equals(actual.toLowerCase(Locale.ROOT))) {
          LOG.warn("SQLite stays in journal mode {} (WAL could not be enabled)", actual);
        }
      }
      beginWrite(connection);
      try {
        for (String ddl : SCHEMA) {
          statement.executeUpdate(ddl);
        }
        commitWrite(connection);
      } catch (SQLException e) {
        try {
          rollbackWrite(connection);
        } catch (SQLException rollback) {
          e.addSuppressed(rollback);
        }
        throw e;
      }
    }
  }

  @Override
  public void beginWrite(Connection connection) throws SQLException {
    execute(connection, "BEGIN IMMEDIATE");
  }

  @Override
  public void commitWrite(Connection connection) throws SQLException {
    execute(connection, "COMMIT");
  }

  @Override
  public void rollbackWrite(Connection connection) throws SQLException {
    execute(connection, "ROLLBACK");
  }

  @Override
  public boolean isUniqueViolation(SQLException e) {
    return e instanceof SQLiteException sqlite
        && (sqlite.getResultCode() == SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE
            || sqlite.getResultCode() == SQLiteErrorCode.SQLITE_CONSTRAINT_PRIMARYKEY);
  }

  @Override
  public String recordReplayCode() {
    return RECORD_REPLAY_CODE;
  }

  @Override
  public String purgeReplayCodes() {
    return PURGE_REPLAY_CODES;
  }

  @Override
  public MissedStatements missedExacts() {
    return MISSED_EXACTS;
  }

  @Override
  public MissedStatements missedGlobs() {
    return MISSED_GLOBS;
  }

  @Override
  public String selectOverdueMissed() {
    return SELECT_OVERDUE_MISSED;
  }

  private static String lockMissed(String table) {
    return "UPDATE " + table + " SET missed_lock_id = ?, missed_lock_expires_at = ? WHERE id = ?";
  }

  private static String clearMissed(String table, String interest, String alsoSet) {
    return "UPDATE "
        + table
        + " SET missed_lock_id = NULL, missed_lock_expires_at = NULL, missed_attempts = NULL,"
        + " missed_next_retry_at = NULL"
        + alsoSet
        + " WHERE url = ? AND "
        + interest
        + " = ? AND missed_lock_id = ?"
        + " AND missed_next_retry_at = ?";
  }

  private static String unlockMissed(String table, String interest) {
    return "UPDATE "
        + table
        + " SET missed_lock_id = NULL, missed_lock_expires_at = NULL"
        + " WHERE url = ? AND "
        + interest
        + " = ? AND missed_lock_id = ?";
  }

  private static String rescheduleMissed(String table, String interest) {
    return "UPDATE "
        + table
        + " SET missed_attempts = ?, missed_next_retry_at = ?,"
        + " missed_lock_id = NULL, missed_lock_expires_at = NULL"
        + " WHERE url = ? AND "
        + interest
        + " = ? AND missed_lock_id = ?";
  }

  private static String deleteMissed(String table, String interest) {
    return "DELETE FROM "
        + table
        + " WHERE url = ? AND "
        + interest
        + " = ? AND missed_lock_id = ?";
  }

  private static void execute(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }
}
