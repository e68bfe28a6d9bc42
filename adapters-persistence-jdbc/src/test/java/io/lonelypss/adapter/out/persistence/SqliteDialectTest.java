package io.lonelypss.adapter.out.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

class SqliteDialectTest {
  static Stream<Arguments> errors() {
    return Stream.of(
        Arguments.of(sqlite(SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE), true),
        Arguments.of(sqlite(SQLiteErrorCode.SQLITE_CONSTRAINT_PRIMARYKEY), true),
        Arguments.of(sqlite(SQLiteErrorCode.SQLITE_CONSTRAINT_NOTNULL), false),
        Arguments.of(sqlite(SQLiteErrorCode.SQLITE_CONSTRAINT), false),
        Arguments.of(sqlite(SQLiteErrorCode.SQLITE_BUSY), false),
        Arguments.of(sqlite(SQLiteErrorCode.SQLITE_IOERR), false),
        Arguments.of(new SQLTransientConnectionException("pool timeout"), false),
        Arguments.of(new SQLException("unique", "23505"), false));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("errors")
  void onlyUniqueAndPrimaryKeyViolationsAreUniqueViolations(SQLException e, boolean unique) {
    assertEquals(unique, new SqliteDialect().isUniqueViolation(e));
  }

  private static SQLiteException sqlite(SQLiteErrorCode code) {
    return new SQLiteException(code.message, code);
  }
}
