package io.lonelypss.adapter.out.persistence;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/** Plain connections to a SQLite file, beside the store, as another process would open them. */
final class RawSqlite {
  private RawSqlite() {}

  static Connection open(Path file) throws SQLException {
    return DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
  }

  static void execute(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  /**
   * Holds the database's write lock ({@code BEGIN EXCLUSIVE}) until closed, as a writer in another
   * process would; in WAL mode readers go on reading.
   */
  static final class WriteLock implements AutoCloseable {
    private final Connection connection;
    private boolean released;

    private WriteLock(Connection connection) {
      this.connection = connection;
    }

    static WriteLock hold(Path file) throws SQLException {
      Connection connection = open(file);
      try {
        execute(connection, "BEGIN EXCLUSIVE");
      } catch (SQLException e) {
        connection.close();
        throw e;
      }
      return new WriteLock(connection);
    }

    /** Lets the waiting writers go. */
    void release() throws SQLException {
      if (released) {
        return;
      }
      released = true;
      try {
        execute(connection, "COMMIT");
      } finally {
        connection.close();
      }
    }

    @Override
    public void close() throws SQLException {
      release();
    }
  }
}
