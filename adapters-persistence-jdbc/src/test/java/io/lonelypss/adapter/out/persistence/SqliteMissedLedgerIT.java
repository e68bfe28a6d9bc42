package io.lonelypss.adapter.out.persistence;

import static io.lonelypss.application.port.out.SubscriptionStorePortContract.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lonelypss.application.port.out.MissedClaim;
import io.lonelypss.application.port.out.MissedLedgerPort;
import io.lonelypss.application.port.out.MissedLedgerPortContract;
import io.lonelypss.application.port.out.SubscriptionStorePort;
import io.lonelypss.domain.Subscription;
import io.lonelypss.domain.Topic;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The missed ledger contract on a real SQLite file, plus rows only another writer could store. */
class SqliteMissedLedgerIT extends MissedLedgerPortContract {
  @TempDir Path dir;

  private Path file;
  private JdbcStore jdbc;

  @BeforeEach
  void openStore() {
    file = dir.resolve("subscriptions.db");
    jdbc = JdbcStores.sqlite(file, 4);
  }

  @AfterEach
  void closeStore() {
    jdbc.close();
  }

  @Override
  protected SubscriptionStorePort store() {
    return jdbc.subscriptions();
  }

  @Override
  protected MissedLedgerPort ledger() {
    return jdbc.missedLedger();
  }

  @Test
  void aGlobRowWithoutAMissedTopicIsNeverClaimed() throws Exception {
    Subscription globbed = withRecovery(url("a"), glob("*"));
    await(store().add(globbed));

    update(
        "UPDATE httppubsub_subscription_globs SET missed_attempts = 0, missed_next_retry_at = ?",
        at(10));

    assertNothingClaimableAt(at(1_000));
  }

  @Test
  void missingAttemptsReadAsZeroAndALockWithoutExpiryAsNoLock() throws Exception {
    Subscription exact = withRecovery(url("a"), topic("t"));
    await(store().add(exact));

    update(
        "UPDATE httppubsub_subscription_exacts SET missed_attempts = NULL,"
            + " missed_next_retry_at = ?, missed_lock_id = 7, missed_lock_expires_at = NULL",
        at(10));

    assertEquals(new MissedClaim(exact, topic("t"), 0, 1, at(10)), claim(at(10), 1, at(40)));
  }

  @Test
  void aRowTheDomainRejectsIsSkippedLeftAloneAndTheNextOneClaimed() throws Exception {
    Subscription valid = withRecovery(url("valid"), topic("t"));
    await(store().add(valid));
    assertTrue(await(ledger().recordFailure(valid, topic("t"), at(20))));
    try (Connection raw = RawSqlite.open(file);
        PreparedStatement insert =
            raw.prepareStatement(
                "INSERT INTO httppubsub_subscription_exacts (url, exact, missed_url,"
                    + " missed_attempts, missed_next_retry_at) VALUES (?, ?, ?, 0, ?)")) {
      // a url longer than the protocol allows, as only a foreign writer could store it
      insert.setString(1, url("x").value() + "x".repeat(70_000));
      insert.setBytes(2, topic("t").bytes());
      insert.setString(3, url("x-missed").value());
      insert.setLong(4, at(10).getEpochSecond());
      insert.executeUpdate();
    }

    assertEquals(valid, claim(at(20), 1, at(50)).subscription());

    assertNothingClaimableAt(at(50)); // the valid row is locked, the invalid one skipped
    assertEquals(
        List.of(1L, 1L),
        longs(
            "SELECT count(*), sum(missed_lock_id IS NULL) FROM httppubsub_subscription_exacts"
                + " WHERE length(url) > 70000"));
  }

  @Test
  void theMissedColumnsAreStoredAsIntegersAndTheTopicAsABlob() throws Exception {
    Subscription globbed = withRecovery(url("a"), glob("*"));
    await(store().add(globbed));
    assertTrue(await(ledger().recordFailure(globbed, topic("x"), atMillis(10_500))));
    claim(at(11), -5, atMillis(40_500));

    try (Connection raw = RawSqlite.open(file);
        PreparedStatement select =
            raw.prepareStatement(
                "SELECT typeof(missed_topic), missed_topic, typeof(missed_attempts),"
                    + " missed_attempts, typeof(missed_next_retry_at), missed_next_retry_at,"
                    + " typeof(missed_lock_id), missed_lock_id, typeof(missed_lock_expires_at),"
                    + " missed_lock_expires_at FROM httppubsub_subscription_globs");
        ResultSet row = select.executeQuery()) {
      assertTrue(row.next());
      assertEquals("blob", row.getString(1));
      assertEquals(topic("x"), Topic.of(row.getBytes(2)));
      assertEquals("integer", row.getString(3));
      assertEquals(0, row.getLong(4));
      assertEquals("integer", row.getString(5));
      assertEquals(at(11).getEpochSecond(), row.getLong(6));
      assertEquals("integer", row.getString(7));
      assertEquals(-5, row.getLong(8));
      assertEquals("integer", row.getString(9));
      assertEquals(at(41).getEpochSecond(), row.getLong(10));
    }
  }

  private void update(String sql, Instant nextRetryAt) throws SQLException {
    try (Connection raw = RawSqlite.open(file);
        PreparedStatement update = raw.prepareStatement(sql)) {
      update.setLong(1, nextRetryAt.getEpochSecond());
      update.executeUpdate();
    }
  }

  private List<Long> longs(String sql) throws SQLException {
    try (Connection raw = RawSqlite.open(file);
        PreparedStatement select = raw.prepareStatement(sql);
        ResultSet row = select.executeQuery()) {
      assertTrue(row.next());
      return List.of(row.getLong(1), row.getLong(2));
    }
  }
}
