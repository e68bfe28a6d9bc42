package io.lonelypss.adapter.out.persistence;

import static io.lonelypss.application.port.out.ReplayGuardPortContract.concurrently;
import static io.lonelypss.application.port.out.SubscriptionStorePortContract.await;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lonelypss.application.port.out.MissedClaim;
import io.lonelypss.application.port.out.MissedLedgerPort;
import io.lonelypss.domain.GlobPattern;
import io.lonelypss.domain.SubscriberUrl;
import io.lonelypss.domain.Subscription;
import io.lonelypss.domain.Topic;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two stores on one SQLite file, each with its own pool and executor, as two broadcaster processes
 * of one cluster would open it, and rows as a Python lonelypss sharing the file writes and reads
 * them (DECISIONS D5, D14): a pending MISSED is claimed by exactly one of them.
 */
class SqliteSharedMissedLedgerIT {
  private static final long NOW = 1_800_000_000L;
  private static final SubscriberUrl RECEIVE =
      new SubscriberUrl("http://127.0.0.1:3003/v1/receive");
  private static final SubscriberUrl MISSED = new SubscriberUrl("http://127.0.0.1:3003/v1/missed");

  /** The reference's sweep query (http.md 6.3), with its float clock bound twice. */
  private static final String REFERENCE_OVERDUE_EXACTS =
      """
      SELECT id, url, exact, missed_url, missed_attempts, missed_next_retry_at
      FROM httppubsub_subscription_exacts
      WHERE
          missed_next_retry_at IS NOT NULL
          AND missed_next_retry_at <= ?
          AND (missed_lock_expires_at IS NULL OR missed_lock_expires_at < ?)
      ORDER BY missed_next_retry_at ASC
      LIMIT 1""";

  @TempDir Path dir;

  private Path file;
  private JdbcStore first;
  private JdbcStore second;

  @BeforeEach
  void openTwoStoresOnOneFile() {
    file = dir.resolve("subscriptions.db");
    first = JdbcStores.sqlite(file, 4);
    second = JdbcStores.sqlite(file, 4);
  }

  @AfterEach
  void closeStores() {
    first.close();
    second.close();
  }

  @Test
  void concurrentClaimsThroughBothStoresTakeEachOverdueRowExactlyOnce() throws Exception {
    List<Subscription> rows = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      SubscriberUrl url = new SubscriberUrl("https://example.test/shared/" + i);
      Subscription row =
          i % 2 == 0
              ? Subscription.exact(url, Topic.ofUtf8("t"), Optional.of(MISSED))
              : Subscription.glob(url, GlobPattern.of("t*"), Optional.of(MISSED));
      await(first.subscriptions().add(row));
      assertTrue(await(second.missedLedger().recordFailure(row, Topic.ofUtf8("t"), at(i))));
      rows.add(row);
    }
    List<MissedLedgerPort> ledgers = List.of(first.missedLedger(), second.missedLedger());

    List<CompletionStage<Optional<MissedClaim>>> stages =
        concurrently(40, i -> ledgers.get(i % 2).claimOverdue(at(10), 1_000 + i, at(40)));

    List<Subscription> claimed = new ArrayList<>();
    Set<Long> lockIds = new HashSet<>();
    for (CompletionStage<Optional<MissedClaim>> stage : stages) {
      Optional<MissedClaim> claim = await(stage);
      claim.ifPresent(c -> claimed.add(c.subscription()));
      claim.ifPresent(c -> lockIds.add(c.lockId()));
    }
    assertEquals(10, claimed.size(), () -> "claimed " + claimed);
    assertEquals(10, lockIds.size());
    assertEquals(Set.copyOf(rows), Set.copyOf(claimed));
    assertEquals(Optional.empty(), await(first.missedLedger().claimOverdue(at(40), 1, at(70))));
    assertEquals(Optional.empty(), await(second.missedLedger().claimOverdue(at(40), 2, at(70))));
  }

  @Test
  void aRowClaimedThroughOneStoreIsLockedForTheOtherWhichCanReleaseIt() {
    Subscription row = Subscription.exact(RECEIVE, Topic.ofUtf8("t"), Optional.of(MISSED));
    await(first.subscriptions().add(row));
    assertTrue(await(first.missedLedger().recordFailure(row, Topic.ofUtf8("t"), at(10))));

    MissedClaim claim = await(first.missedLedger().claimOverdue(at(10), 1, at(40))).orElseThrow();

    assertEquals(Optional.empty(), await(second.missedLedger().claimOverdue(at(40), 2, at(70))));
    await(second.missedLedger().reschedule(claim, 1, at(50)));
    assertEquals(
        1, await(first.missedLedger().claimOverdue(at(50), 3, at(80))).orElseThrow().attempts());
  }

  @Test
  void rowsMarkedByThePythonReferenceAreClaimed() throws Exception {
    Subscription exact = Subscription.exact(RECEIVE, Topic.ofUtf8("foo"), Optional.of(MISSED));
    Subscription globbed = Subscription.glob(RECEIVE, GlobPattern.of("foo/*"), Optional.of(MISSED));
    try (Connection raw = RawSqlite.open(file)) {
      // lonelypss' SqliteDBConfig: subscribe_exact / subscribe_glob, then upsert_missed
      execute(
          raw,
          "INSERT INTO httppubsub_subscription_exacts (url, exact, missed_url, missed_lock_id,"
              + " missed_lock_expires_at, missed_attempts, missed_next_retry_at)"
              + " SELECT ?, ?, ?, NULL, NULL, NULL, NULL",
          RECEIVE.value(),
          "foo".getBytes(UTF_8),
          MISSED.value());
      execute(
          raw,
          "INSERT INTO httppubsub_subscription_globs (url, glob, missed_url, missed_lock_id,"
              + " missed_lock_expires_at, missed_topic, missed_attempts, missed_next_retry_at)"
              + " SELECT ?, ?, ?, NULL, NULL, NULL, NULL, NULL",
          RECEIVE.value(),
          "foo/*",
          MISSED.value());
      execute(
          raw,
          "UPDATE httppubsub_subscription_exacts SET missed_url = ?, missed_attempts = ?,"
              + " missed_next_retry_at = ?, missed_lock_id = NULL, missed_lock_expires_at = NULL"
              + " WHERE url = ? AND exact = ?",
          MISSED.value(),
          3,
          NOW + 10,
          RECEIVE.value(),
          "foo".getBytes(UTF_8));
      execute(
          raw,
          "UPDATE httppubsub_subscription_globs SET missed_url = ?, missed_topic = ?,"
              + " missed_attempts = ?, missed_next_retry_at = ?, missed_lock_id = NULL,"
              + " missed_lock_expires_at = NULL WHERE url = ? AND glob = ?",
          MISSED.value(),
          "foo/bar".getBytes(UTF_8),
          0,
          NOW + 11,
          RECEIVE.value(),
          "foo/*");
    }
    MissedLedgerPort ledger = first.missedLedger();

    assertEquals(Optional.empty(), await(ledger.claimOverdue(at(9), 1, at(40))));
    assertEquals(
        Optional.of(new MissedClaim(exact, Topic.ofUtf8("foo"), 3, 1, at(10))),
        await(ledger.claimOverdue(at(11), 1, at(40))));
    assertEquals(
        Optional.of(new MissedClaim(globbed, Topic.ofUtf8("foo/bar"), 0, 2, at(11))),
        await(ledger.claimOverdue(at(11), 2, at(40))));
  }

  @Test
  void aLockThePythonReferenceTookWithAFractionalExpiryExpiresWhenItSaysSo() throws Exception {
    Subscription row = Subscription.exact(RECEIVE, Topic.ofUtf8("t"), Optional.of(MISSED));
    await(first.subscriptions().add(row));
    assertTrue(await(first.missedLedger().recordFailure(row, Topic.ofUtf8("t"), at(10))));
    try (Connection raw = RawSqlite.open(file)) {
      // get_overdue_missed_with_lock: missed_lock_expires_at = now + missed_lock_time (a float)
      execute(
          raw,
          "UPDATE httppubsub_subscription_exacts SET missed_lock_id = ?, missed_lock_expires_at = ?",
          42L,
          NOW + 40.5);
    }
    MissedLedgerPort ledger = second.missedLedger();

    assertEquals(Optional.empty(), await(ledger.claimOverdue(at(40), 1, at(70))));
    assertEquals(Optional.empty(), await(ledger.claimOverdue(at(40).plusMillis(400), 1, at(70))));
    assertEquals(
        Optional.of(new MissedClaim(row, Topic.ofUtf8("t"), 0, 1, at(10))),
        await(ledger.claimOverdue(at(40).plusMillis(600), 1, at(70))));
  }

  @Test
  void rowsMarkedAndLockedByTheStoreAreSeenAsSuchByThePythonReferencesSweep() throws Exception {
    Subscription row = Subscription.exact(RECEIVE, Topic.ofUtf8("t"), Optional.of(MISSED));
    await(first.subscriptions().add(row));
    assertTrue(await(first.missedLedger().recordFailure(row, Topic.ofUtf8("t"), at(10))));

    assertFalse(referenceFindsOverdue(NOW + 9.9));
    assertTrue(referenceFindsOverdue(NOW + 10.0));

    await(first.missedLedger().claimOverdue(at(10), 1, at(40).plusMillis(1)));

    assertFalse(referenceFindsOverdue(NOW + 41.0), "locked through its expiry, rounded up");
    assertTrue(referenceFindsOverdue(NOW + 41.5));
  }

  private boolean referenceFindsOverdue(double now) throws SQLException {
    try (Connection raw = RawSqlite.open(file);
        PreparedStatement select = raw.prepareStatement(REFERENCE_OVERDUE_EXACTS)) {
      select.setDouble(1, now);
      select.setDouble(2, now);
      try (ResultSet rows = select.executeQuery()) {
        return rows.next();
      }
    }
  }

  private static void execute(Connection raw, String sql, Object... parameters)
      throws SQLException {
    try (PreparedStatement statement = raw.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        statement.setObject(i + 1, parameters[i]);
      }
      statement.executeUpdate();
    }
  }

  private static Instant at(long seconds) {
    return Instant.ofEpochSecond(NOW + seconds);
  }
}
