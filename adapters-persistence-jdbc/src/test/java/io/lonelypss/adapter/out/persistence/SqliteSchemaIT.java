package io.lonelypss.adapter.out.persistence;

import static io.lonelypss.application.port.out.SubscriptionStorePortContract.assertSameElements;
import static io.lonelypss.application.port.out.SubscriptionStorePortContract.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lonelypss.domain.GlobPattern;
import io.lonelypss.domain.SubscriberUrl;
import io.lonelypss.domain.Subscription;
import io.lonelypss.domain.Topic;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The file is the reference's (http.md section 9, DECISIONS D14): a Python lonelypss can share it.
 * It also holds the replay cache of http.md 8.5, shared by every broadcaster on the file (D7).
 */
class SqliteSchemaIT {
  private static final String EXACTS = "httppubsub_subscription_exacts";
  private static final String GLOBS = "httppubsub_subscription_globs";
  private static final String HMACS = "httppubsub_hmacs";

  /** The schema as the reference creates it, verbatim from http.md section 9. */
  private static final String REFERENCE_SCHEMA =
      """
      CREATE TABLE IF NOT EXISTS httppubsub_subscription_exacts (
        id INTEGER PRIMARY KEY,
        url TEXT NOT NULL,
        exact BLOB NOT NULL,
        missed_url TEXT NULL,               -- recovery url
        missed_lock_id INTEGER NULL,
        missed_lock_expires_at INTEGER NULL,
        missed_attempts INTEGER NULL,
        missed_next_retry_at INTEGER NULL
      );
      CREATE UNIQUE INDEX IF NOT EXISTS idx_httppubsub_subscription_exacts_exact_url
        ON httppubsub_subscription_exacts (exact, url);
      CREATE INDEX IF NOT EXISTS idx_httppubsub_subscription_exacts_next_retry_at
        ON httppubsub_subscription_exacts (missed_next_retry_at) WHERE missed_next_retry_at IS NOT NULL;
      CREATE INDEX IF NOT EXISTS idx_httppubsub_subscription_exacts_missed_url_topic
        ON httppubsub_subscription_exacts (missed_url, exact) WHERE missed_url IS NOT NULL;

      CREATE TABLE IF NOT EXISTS httppubsub_subscription_globs (
        id INTEGER PRIMARY KEY,
        url TEXT NOT NULL,
        glob TEXT NOT NULL,
        missed_url TEXT NULL,
        missed_lock_id INTEGER NULL,
        missed_lock_expires_at INTEGER NULL,
        missed_topic BLOB NULL,             -- topic of the pending MISSED
        missed_attempts INTEGER NULL,
        missed_next_retry_at INTEGER NULL
      );
      CREATE UNIQUE INDEX IF NOT EXISTS idx_httppubsub_subscription_globs_glob_url
        ON httppubsub_subscription_globs (glob, url);
      CREATE INDEX IF NOT EXISTS idx_httppubsub_subscription_globs_next_retry_at
        ON httppubsub_subscription_globs (missed_next_retry_at) WHERE missed_next_retry_at IS NOT NULL;
      CREATE INDEX IF NOT EXISTS idx_httppubsub_subscription_globs_missed_url_topic
        ON httppubsub_subscription_globs (missed_url, missed_topic) WHERE missed_url IS NOT NULL;
      """;

  @TempDir Path dir;

  @Test
  void theStoreCreatesTheReferenceTablesWithTheReferenceColumns() throws Exception {
    Path file = dir.resolve("subscriptions.db");
    JdbcStores.sqlite(file, 1).close();

    try (Connection raw = RawSqlite.open(file)) {
      assertEquals(List.of(HMACS, EXACTS, GLOBS), tables(raw));
      assertEquals(
          List.of(
              "id INTEGER null pk",
              "url TEXT notnull",
              "exact BLOB notnull",
              "missed_url TEXT null",
              "missed_lock_id INTEGER null",
              "missed_lock_expires_at INTEGER null",
              "missed_attempts INTEGER null",
              "missed_next_retry_at INTEGER null"),
          columns(raw, EXACTS));
      assertEquals(
          List.of(
              "id INTEGER null pk",
              "url TEXT notnull",
              "glob TEXT notnull",
              "missed_url TEXT null",
              "missed_lock_id INTEGER null",
              "missed_lock_expires_at INTEGER null",
              "missed_topic BLOB null",
              "missed_attempts INTEGER null",
              "missed_next_retry_at INTEGER null"),
          columns(raw, GLOBS));
    }
  }

  @Test
  void theStoreCreatesTheReferenceIndexesPlusOneOnUrlPerTable() throws Exception {
    Path file = dir.resolve("subscriptions.db");
    JdbcStores.sqlite(file, 1).close();

    try (Connection raw = RawSqlite.open(file)) {
      assertEquals(
          Map.of(
              "idx_httppubsub_subscription_exacts_exact_url",
              "unique (exact, url)",
              "idx_httppubsub_subscription_exacts_next_retry_at",
              "(missed_next_retry_at) WHERE missed_next_retry_at IS NOT NULL",
              "idx_httppubsub_subscription_exacts_missed_url_topic",
              "(missed_url, exact) WHERE missed_url IS NOT NULL",
              "idx_httppubsub_subscription_exacts_url",
              "(url)"),
          indexes(raw, EXACTS));
      assertEquals(
          Map.of(
              "idx_httppubsub_subscription_globs_glob_url",
              "unique (glob, url)",
              "idx_httppubsub_subscription_globs_next_retry_at",
              "(missed_next_retry_at) WHERE missed_next_retry_at IS NOT NULL",
              "idx_httppubsub_subscription_globs_missed_url_topic",
              "(missed_url, missed_topic) WHERE missed_url IS NOT NULL",
              "idx_httppubsub_subscription_globs_url",
              "(url)"),
          indexes(raw, GLOBS));
    }
  }

  @Test
  void theStoreCreatesTheReplayCacheTableWithoutRowidAndItsExpiryIndex() throws Exception {
    Path file = dir.resolve("subscriptions.db");
    JdbcStores.sqlite(file, 1).close();

    try (Connection raw = RawSqlite.open(file)) {
      // WITHOUT ROWID makes the primary key NOT NULL, as pragma table_info reports
      assertEquals(
          List.of("code BLOB notnull pk", "expires_at INTEGER notnull"), columns(raw, HMACS));
      assertEquals(
          Map.of(
              "idx_httppubsub_hmacs_expires_at",
              "(expires_at)",
              "sqlite_autoindex_httppubsub_hmacs_1",
              "unique (code)"),
          indexes(raw, HMACS));
      try (PreparedStatement sql = raw.prepareStatement("SELECT wr FROM pragma_table_list(?)")) {
        sql.setString(1, HMACS);
        try (ResultSet row = sql.executeQuery()) {
          assertTrue(row.next());
          assertEquals(1, row.getInt(1), "WITHOUT ROWID");
        }
      }
    }
  }

  @Test
  void openingAFileWithOnlyTheReferenceSchemaAddsTheReplayCacheTable() throws Exception {
    Path file = dir.resolve("subscriptions.db");
    try (Connection raw = RawSqlite.open(file)) {
      for (String ddl : REFERENCE_SCHEMA.split(";")) {
        if (!ddl.isBlank()) {
          RawSqlite.execute(raw, ddl);
        }
      }
      assertEquals(List.of(EXACTS, GLOBS), tables(raw));
    }

    JdbcStores.sqlite(file, 1).close();

    try (Connection raw = RawSqlite.open(file)) {
      assertEquals(List.of(HMACS, EXACTS, GLOBS), tables(raw));
    }
  }

  @Test
  void replayCodesAreStoredAsBlobsWithTheirExpiryInWholeSecondsRoundedUp() throws Exception {
    Path file = dir.resolve("subscriptions.db");
    byte[] code = new byte[64];
    code[0] = (byte) 0xff;
    code[63] = 1;
    try (JdbcStore store = JdbcStores.sqlite(file, 1)) {
      assertTrue(
          await(
              store
                  .replayGuard()
                  .recordIfUnseen(
                      code,
                      Instant.ofEpochSecond(1_800_000_180L, 1),
                      Instant.ofEpochSecond(1_800_000_000L))));
    }

    try (Connection raw = RawSqlite.open(file);
        Statement statement = raw.createStatement();
        ResultSet row =
            statement.executeQuery(
                "SELECT typeof(code), code, typeof(expires_at), expires_at FROM httppubsub_hmacs")) {
      assertTrue(row.next());
      assertEquals("blob", row.getString(1));
      assertArrayEquals(code, row.getBytes(2));
      assertEquals("integer", row.getString(3));
      assertEquals(1_800_000_181L, row.getLong(4));
      assertFalse(row.next());
    }
  }

  @Test
  void replayCodesWrittenByAnotherWriterAreHonoured() throws Exception {
    Path file = dir.resolve("subscriptions.db");
    JdbcStores.sqlite(file, 1).close();
    byte[] live = new byte[64];
    byte[] expired = new byte[64];
    live[0] = 1;
    expired[0] = 2;
    try (Connection raw = RawSqlite.open(file);
        PreparedStatement insert =
            raw.prepareStatement("INSERT INTO httppubsub_hmacs (code, expires_at) VALUES (?, ?)")) {
      insert.setBytes(1, live);
      insert.setLong(2, 1_800_000_100L);
      insert.executeUpdate();
      insert.setBytes(1, expired);
      insert.setLong(2, 1_799_999_999L);
      insert.executeUpdate();
    }
    Instant now = Instant.ofEpochSecond(1_800_000_000L);

    try (JdbcStore store = JdbcStores.sqlite(file, 1)) {
      assertFalse(await(store.replayGuard().recordIfUnseen(live, now.plusSeconds(180), now)));
      assertTrue(await(store.replayGuard().recordIfUnseen(expired, now.plusSeconds(180), now)));
    }

    try (Connection raw = RawSqlite.open(file);
        Statement statement = raw.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT hex(substr(code, 1, 1)), expires_at FROM httppubsub_hmacs ORDER BY code")) {
      assertTrue(rows.next());
      assertEquals(List.of("01", "1800000100"), strings(rows, 2), "the live row is untouched");
      assertTrue(rows.next());
      assertEquals(List.of("02", "1800000180"), strings(rows, 2), "the expired row is replaced");
      assertFalse(rows.next());
    }
  }

  @Test
  void theStoreSwitchesTheFileToWriteAheadLogging() throws Exception {
    Path file = dir.resolve("subscriptions.db");
    JdbcStores.sqlite(file, 1).close();

    try (Connection raw = RawSqlite.open(file);
        Statement statement = raw.createStatement();
        ResultSet mode = statement.executeQuery("PRAGMA journal_mode")) {
      assertTrue(mode.next());
      assertEquals("wal", mode.getString(1));
    }
  }

  @Test
  void rowsWrittenByThePythonReferenceAreReadBack() throws Exception {
    Path file = dir.resolve("subscriptions.db");
    try (Connection raw = RawSqlite.open(file)) {
      for (String ddl : REFERENCE_SCHEMA.split(";")) {
        if (!ddl.isBlank()) {
          RawSqlite.execute(raw, ddl);
        }
      }
      // what lonelypss' SqliteDBConfig binds: bytes for topics, str for urls and globs
      insert(
          raw,
          "INSERT INTO httppubsub_subscription_exacts (url, exact, missed_url) VALUES (?, ?, ?)",
          "http://127.0.0.1:3003/v1/receive",
          new byte[] {'f', 'o', 'o', 0, (byte) 0xff},
          "http://127.0.0.1:3003/v1/missed");
      insert(
          raw,
          "INSERT INTO httppubsub_subscription_globs (url, glob, missed_url) VALUES (?, ?, ?)",
          "http://127.0.0.1:3003/v1/receive",
          "foo/*",
          null);
    }
    SubscriberUrl url = new SubscriberUrl("http://127.0.0.1:3003/v1/receive");
    Topic notUtf8 = Topic.of(new byte[] {'f', 'o', 'o', 0, (byte) 0xff});
    Subscription exact =
        Subscription.exact(
            url, notUtf8, Optional.of(new SubscriberUrl("http://127.0.0.1:3003/v1/missed")));
    Subscription globbed = Subscription.glob(url, GlobPattern.of("foo/*"), Optional.empty());

    try (JdbcStore store = JdbcStores.sqlite(file, 2)) {
      assertSameElements(List.of(exact, globbed), await(store.subscriptions().listForUrl(url)));
      assertEquals(
          List.of(globbed), await(store.subscriptions().findMatching(Topic.ofUtf8("foo/bar"))));
      assertEquals(List.of(exact), await(store.subscriptions().findMatching(notUtf8)));
    }
  }

  @Test
  void rowsWrittenByTheStoreHaveTheTypesThePythonReferenceReads() throws Exception {
    Path file = dir.resolve("subscriptions.db");
    SubscriberUrl url = new SubscriberUrl("https://example.test/hook");
    try (JdbcStore store = JdbcStores.sqlite(file, 1)) {
      await(
          store
              .subscriptions()
              .add(
                  Subscription.exact(
                      url,
                      Topic.of(new byte[] {1, 0, 2}),
                      Optional.of(new SubscriberUrl("https://example.test/missed")))));
      await(
          store
              .subscriptions()
              .add(Subscription.glob(url, GlobPattern.of("a*"), Optional.empty())));
    }

    try (Connection raw = RawSqlite.open(file);
        Statement statement = raw.createStatement()) {
      try (ResultSet row =
          statement.executeQuery(
              "SELECT typeof(url), url, typeof(exact), exact, typeof(missed_url), missed_url,"
                  + " missed_lock_id, missed_lock_expires_at, missed_attempts, missed_next_retry_at"
                  + " FROM httppubsub_subscription_exacts")) {
        assertTrue(row.next());
        assertEquals("text", row.getString(1));
        assertEquals("https://example.test/hook", row.getString(2));
        assertEquals("blob", row.getString(3));
        assertArrayEquals(new byte[] {1, 0, 2}, row.getBytes(4));
        assertEquals("text", row.getString(5));
        assertEquals("https://example.test/missed", row.getString(6));
        for (int column = 7; column <= 10; column++) {
          row.getLong(column);
          assertTrue(row.wasNull(), "column " + column + " is NULL");
        }
      }
      try (ResultSet row =
          statement.executeQuery(
              "SELECT typeof(url), typeof(glob), glob, typeof(missed_url), typeof(missed_topic)"
                  + " FROM httppubsub_subscription_globs")) {
        assertTrue(row.next());
        assertEquals(List.of("text", "text", "a*", "null", "null"), strings(row, 5));
      }
    }
  }

  @Test
  void replaceForUrlLeavesThePendingMissedStateOfKeptRowsAlone() throws Exception {
    Path file = dir.resolve("subscriptions.db");
    SubscriberUrl url = new SubscriberUrl("https://example.test/hook");
    Subscription kept = Subscription.glob(url, GlobPattern.of("a*"), Optional.empty());
    try (JdbcStore store = JdbcStores.sqlite(file, 1)) {
      await(store.subscriptions().add(kept));
    }
    try (Connection raw = RawSqlite.open(file)) {
      RawSqlite.execute(
          raw,
          "UPDATE httppubsub_subscription_globs SET missed_topic = x'6162', missed_attempts = 3,"
              + " missed_next_retry_at = 1700000000");
    }
    Subscription withRecovery =
        Subscription.glob(
            url, GlobPattern.of("a*"), Optional.of(new SubscriberUrl("https://example.test/m")));

    try (JdbcStore store = JdbcStores.sqlite(file, 1)) {
      await(store.subscriptions().replaceForUrl(url, List.of(withRecovery)));
      assertEquals(List.of(withRecovery), await(store.subscriptions().listForUrl(url)));
    }

    try (Connection raw = RawSqlite.open(file);
        Statement statement = raw.createStatement();
        ResultSet row =
            statement.executeQuery(
                "SELECT hex(missed_topic), missed_attempts, missed_next_retry_at, missed_url"
                    + " FROM httppubsub_subscription_globs")) {
      assertTrue(row.next());
      assertEquals(List.of("6162", "3", "1700000000", "https://example.test/m"), strings(row, 4));
    }
  }

  @Test
  void rowsTheDomainRejectsAreSkippedWhenReadAndRemovedByReplaceForUrl() throws Exception {
    Path file = dir.resolve("subscriptions.db");
    SubscriberUrl url = new SubscriberUrl("https://example.test/hook");
    Subscription valid = Subscription.exact(url, Topic.ofUtf8("t"), Optional.empty());
    try (JdbcStore store = JdbcStores.sqlite(file, 1)) {
      await(store.subscriptions().add(valid));
    }
    try (Connection raw = RawSqlite.open(file)) {
      // a topic longer than the protocol allows, as only a foreign writer could store it
      RawSqlite.execute(
          raw,
          "INSERT INTO httppubsub_subscription_exacts (url, exact) VALUES"
              + " ('https://example.test/hook', zeroblob(70000))");
    }

    try (JdbcStore store = JdbcStores.sqlite(file, 1)) {
      assertEquals(List.of(valid), await(store.subscriptions().listForUrl(url)));
      assertEquals(List.of(valid), await(store.subscriptions().findMatching(Topic.ofUtf8("t"))));
      await(store.subscriptions().replaceForUrl(url, List.of(valid)));
    }

    try (Connection raw = RawSqlite.open(file);
        Statement statement = raw.createStatement();
        ResultSet count =
            statement.executeQuery("SELECT count(*) FROM httppubsub_subscription_exacts")) {
      assertTrue(count.next());
      assertEquals(1, count.getInt(1));
    }
  }

  @Test
  void reopeningTheFileKeepsTheRowsAndTheSchema() throws Exception {
    Path file = dir.resolve("subscriptions.db");
    Subscription subscription =
        Subscription.exact(
            new SubscriberUrl("https://example.test/a"), Topic.ofUtf8("t"), Optional.empty());
    try (JdbcStore store = JdbcStores.sqlite(file, 1)) {
      await(store.subscriptions().add(subscription));
    }

    try (JdbcStore store = JdbcStores.sqlite(file, 1)) {
      assertEquals(
          List.of(subscription), await(store.subscriptions().findMatching(Topic.ofUtf8("t"))));
    }
    try (Connection raw = RawSqlite.open(file)) {
      assertEquals(List.of(HMACS, EXACTS, GLOBS), tables(raw));
      assertEquals(4, indexes(raw, EXACTS).size());
      assertEquals(2, indexes(raw, HMACS).size());
    }
  }

  private static List<String> tables(Connection raw) throws SQLException {
    List<String> names = new ArrayList<>();
    try (Statement statement = raw.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT name FROM sqlite_master WHERE type = 'table'"
                    + " AND name NOT LIKE 'sqlite_%' ORDER BY name")) {
      while (rows.next()) {
        names.add(rows.getString(1));
      }
    }
    return names;
  }

  /** Each column as {@code name TYPE null|notnull [pk]}, in table order. */
  private static List<String> columns(Connection raw, String table) throws SQLException {
    List<String> columns = new ArrayList<>();
    try (Statement statement = raw.createStatement();
        ResultSet rows = statement.executeQuery("PRAGMA table_info(" + table + ")")) {
      while (rows.next()) {
        columns.add(
            rows.getString("name")
                + " "
                + rows.getString("type")
                + (rows.getInt("notnull") == 1 ? " notnull" : " null")
                + (rows.getInt("pk") > 0 ? " pk" : ""));
      }
    }
    return columns;
  }

  /**
   * Each named index as {@code [unique ](columns)[ WHERE ...]}: uniqueness and columns from the
   * pragmas, the partial condition from the stored SQL (whitespace collapsed).
   */
  private static Map<String, String> indexes(Connection raw, String table) throws SQLException {
    Map<String, String> indexes = new TreeMap<>();
    List<String[]> listed = new ArrayList<>();
    try (Statement statement = raw.createStatement();
        ResultSet rows = statement.executeQuery("PRAGMA index_list(" + table + ")")) {
      while (rows.next()) {
        listed.add(
            new String[] {
              rows.getString("name"), rows.getString("unique"), rows.getString("partial")
            });
      }
    }
    for (String[] index : listed) {
      List<String> columns = new ArrayList<>();
      try (Statement statement = raw.createStatement();
          ResultSet rows = statement.executeQuery("PRAGMA index_info(" + index[0] + ")")) {
        while (rows.next()) {
          columns.add(rows.getString("name"));
        }
      }
      String where = "";
      if ("1".equals(index[2])) {
        try (PreparedStatement sql =
            raw.prepareStatement("SELECT sql FROM sqlite_master WHERE name = ?")) {
          sql.setString(1, index[0]);
          try (ResultSet rows = sql.executeQuery()) {
            assertTrue(rows.next());
            String text = rows.getString(1).replaceAll("\\s+", " ").trim();
            where = text.substring(text.indexOf(" WHERE "));
          }
        }
      }
      indexes.put(
          index[0],
          ("1".equals(index[1]) ? "unique " : "") + "(" + String.join(", ", columns) + ")" + where);
    }
    return indexes;
  }

  private static void insert(Connection raw, String sql, String url, Object interest, String missed)
      throws SQLException {
    try (PreparedStatement insert = raw.prepareStatement(sql)) {
      insert.setString(1, url);
      if (interest instanceof byte[] bytes) {
        insert.setBytes(2, bytes);
      } else {
        insert.setString(2, (String) interest);
      }
      insert.setString(3, missed);
      insert.executeUpdate();
    }
  }

  private static List<String> strings(ResultSet row, int count) throws SQLException {
    List<String> values = new ArrayList<>();
    for (int column = 1; column <= count; column++) {
      values.add(String.valueOf(row.getString(column)));
    }
    return values;
  }
}
