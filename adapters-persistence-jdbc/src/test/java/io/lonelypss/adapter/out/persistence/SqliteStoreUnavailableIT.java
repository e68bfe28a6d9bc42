package io.lonelypss.adapter.out.persistence;

import static io.lonelypss.application.port.out.SubscriptionStorePortContract.assertFailsWith;
import static io.lonelypss.application.port.out.SubscriptionStorePortContract.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.lonelypss.application.port.out.MissedClaim;
import io.lonelypss.application.port.out.MissedLedgerPort;
import io.lonelypss.application.port.out.ReplayGuardPort;
import io.lonelypss.application.port.out.StoreUnavailableException;
import io.lonelypss.application.port.out.SubscriptionStorePort;
import io.lonelypss.domain.GlobPattern;
import io.lonelypss.domain.SubscriberUrl;
import io.lonelypss.domain.Subscription;
import io.lonelypss.domain.Topic;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

/** When the database cannot serve, the answer is StoreUnavailableException and nothing else. */
class SqliteStoreUnavailableIT {
  private static final SubscriberUrl URL = new SubscriberUrl("https://example.test/hook");
  private static final Subscription EXACT =
      Subscription.exact(URL, Topic.ofUtf8("t"), Optional.empty());
  private static final Subscription GLOB =
      Subscription.glob(URL, GlobPattern.of("t*"), Optional.empty());
  private static final byte[] CODE = new byte[64];
  private static final Instant NOW = Instant.ofEpochSecond(1_800_000_000L);
  private static final Instant LATER = NOW.plusSeconds(180);
  private static final Topic TOPIC = Topic.ofUtf8("missed");
  private static final Subscription MISSED =
      Subscription.exact(
          URL, TOPIC, Optional.of(new SubscriberUrl("https://example.test/recover")));
  private static final MissedClaim CLAIM = new MissedClaim(MISSED, TOPIC, 0, 1, NOW);

  @TempDir Path dir;

  @Test
  void aDirectoryInsteadOfADatabaseFileCannotBeOpened() {
    assertThrows(StoreUnavailableException.class, () -> JdbcStores.sqlite(dir, 2));
  }

  @Test
  void aFileThatIsNotADatabaseCannotBeOpened() throws Exception {
    Path file = dir.resolve("subscriptions.db");
    Files.writeString(file, "not a database ".repeat(100), StandardCharsets.US_ASCII);

    assertThrows(StoreUnavailableException.class, () -> JdbcStores.sqlite(file, 2));
  }

  @Test
  void aFileInAMissingDirectoryCannotBeOpened() {
    Path file = dir.resolve("missing").resolve("subscriptions.db");

    assertThrows(StoreUnavailableException.class, () -> JdbcStores.sqlite(file, 2));
  }

  @Test
  void everyOperationOnAClosedStoreFailsWithStoreUnavailable() {
    JdbcStore jdbc = JdbcStores.sqlite(dir.resolve("subscriptions.db"), 2);
    SubscriptionStorePort store = jdbc.subscriptions();
    jdbc.close();

    assertFailsWith(StoreUnavailableException.class, store.add(EXACT));
    assertFailsWith(StoreUnavailableException.class, store.remove(URL, EXACT.interest()));
    assertFailsWith(StoreUnavailableException.class, store.findMatching(Topic.ofUtf8("t")));
    assertFailsWith(StoreUnavailableException.class, store.listForUrl(URL));
    assertFailsWith(StoreUnavailableException.class, store.replaceForUrl(URL, List.of(EXACT)));
  }

  @Test
  void everyReplayGuardOperationOnAClosedStoreFailsWithStoreUnavailable() {
    JdbcStore jdbc = JdbcStores.sqlite(dir.resolve("subscriptions.db"), 2);
    ReplayGuardPort guard = jdbc.replayGuard();
    jdbc.close();

    assertFailsWith(StoreUnavailableException.class, guard.recordIfUnseen(CODE, LATER, NOW));
    assertFailsWith(StoreUnavailableException.class, guard.purgeExpired(NOW));
  }

  @Test
  void everyMissedLedgerOperationOnAClosedStoreFailsWithStoreUnavailable() {
    JdbcStore jdbc = JdbcStores.sqlite(dir.resolve("subscriptions.db"), 2);
    MissedLedgerPort ledger = jdbc.missedLedger();
    jdbc.close();

    assertFailsWith(StoreUnavailableException.class, ledger.recordFailure(MISSED, TOPIC, NOW));
    assertFailsWith(StoreUnavailableException.class, ledger.claimOverdue(NOW, 1, LATER));
    assertFailsWith(StoreUnavailableException.class, ledger.confirm(CLAIM));
    assertFailsWith(StoreUnavailableException.class, ledger.reschedule(CLAIM, 1, LATER));
    assertFailsWith(StoreUnavailableException.class, ledger.giveUp(CLAIM));
  }

  @Test
  void missedLedgerWritesFailWithStoreUnavailableWhileAnotherWriterOutlastsTheBusyTimeout()
      throws Exception {
    Path file = dir.resolve("subscriptions.db");
    JdbcStoreSettings settings = JdbcStoreSettings.of(2).withBusyTimeout(Duration.ofMillis(100));
    try (JdbcStore jdbc = JdbcStores.sqlite(file, settings)) {
      MissedLedgerPort ledger = jdbc.missedLedger();
      await(jdbc.subscriptions().add(MISSED));

      try (RawSqlite.WriteLock lock = RawSqlite.WriteLock.hold(file)) {
        assertFailsWith(StoreUnavailableException.class, ledger.recordFailure(MISSED, TOPIC, NOW));
        assertFailsWith(StoreUnavailableException.class, ledger.claimOverdue(NOW, 1, LATER));
        assertFailsWith(StoreUnavailableException.class, ledger.confirm(CLAIM));
        assertFailsWith(StoreUnavailableException.class, ledger.reschedule(CLAIM, 1, LATER));
        assertFailsWith(StoreUnavailableException.class, ledger.giveUp(CLAIM));
        lock.release();
      }

      // the failed attempts changed nothing: the failure is recorded and claimed now
      assertEquals(Optional.empty(), await(ledger.claimOverdue(LATER, 1, LATER)));
      assertTrue(await(ledger.recordFailure(MISSED, TOPIC, NOW)));
      assertEquals(Optional.of(CLAIM), await(ledger.claimOverdue(NOW, 1, LATER)));
    }
  }

  @Test
  void replayGuardWritesFailWithStoreUnavailableWhileAnotherWriterOutlastsTheBusyTimeout()
      throws Exception {
    Path file = dir.resolve("subscriptions.db");
    JdbcStoreSettings settings = JdbcStoreSettings.of(2).withBusyTimeout(Duration.ofMillis(100));
    try (JdbcStore jdbc = JdbcStores.sqlite(file, settings)) {
      ReplayGuardPort guard = jdbc.replayGuard();

      try (RawSqlite.WriteLock lock = RawSqlite.WriteLock.hold(file)) {
        assertFailsWith(StoreUnavailableException.class, guard.recordIfUnseen(CODE, LATER, NOW));
        assertFailsWith(StoreUnavailableException.class, guard.purgeExpired(NOW));
        lock.release();
      }

      // the failed attempt recorded nothing: the code is still unseen
      assertTrue(await(guard.recordIfUnseen(CODE, LATER, NOW)));
      assertFalse(await(guard.recordIfUnseen(CODE, LATER, NOW)));
    }
  }

  @Test
  void waitingLongerThanTheConnectionTimeoutForAConnectionFailsWithStoreUnavailable()
      throws Exception {
    Path file = dir.resolve("subscriptions.db");
    JdbcStores.sqlite(file, 1).close();
    SQLiteDataSource sqlite = new SQLiteDataSource();
    sqlite.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
    HikariConfig config = new HikariConfig();
    config.setDataSource(sqlite);
    config.setMaximumPoolSize(1);
    config.setConnectionTimeout(250);
    ExecutorService executor = Executors.newFixedThreadPool(1);
    try (HikariDataSource pool = new HikariDataSource(config);
        Connection onlyConnection = pool.getConnection()) {
      JdbcRunner runner = new JdbcRunner(pool, new SqliteDialect(), executor);
      JdbcSubscriptionStoreAdapter store = new JdbcSubscriptionStoreAdapter(runner);
      JdbcReplayGuardAdapter guard = new JdbcReplayGuardAdapter(runner);
      JdbcMissedLedgerAdapter ledger = new JdbcMissedLedgerAdapter(runner);

      assertFailsWith(StoreUnavailableException.class, ledger.claimOverdue(NOW, 1, LATER));
      assertFailsWith(StoreUnavailableException.class, store.listForUrl(URL));
      assertFailsWith(StoreUnavailableException.class, store.add(EXACT));
      assertFailsWith(StoreUnavailableException.class, guard.recordIfUnseen(CODE, LATER, NOW));
      assertFailsWith(StoreUnavailableException.class, guard.purgeExpired(NOW));
      assertFalse(onlyConnection.isClosed());
    } finally {
      executor.shutdownNow();
    }
  }

  @Test
  void writesFailWithStoreUnavailableWhileAnotherWriterOutlastsTheBusyTimeout() throws Exception {
    Path file = dir.resolve("subscriptions.db");
    JdbcStoreSettings settings = JdbcStoreSettings.of(2).withBusyTimeout(Duration.ofMillis(100));
    try (JdbcStore jdbc = JdbcStores.sqlite(file, settings)) {
      SubscriptionStorePort store = jdbc.subscriptions();
      await(store.add(GLOB));

      try (RawSqlite.WriteLock lock = RawSqlite.WriteLock.hold(file)) {
        assertFailsWith(StoreUnavailableException.class, store.add(EXACT));
        assertFailsWith(StoreUnavailableException.class, store.remove(URL, GLOB.interest()));
        assertFailsWith(StoreUnavailableException.class, store.replaceForUrl(URL, List.of()));
        // readers are not blocked by a writer in WAL mode
        assertEquals(List.of(GLOB), await(store.listForUrl(URL)));
        assertEquals(List.of(GLOB), await(store.findMatching(Topic.ofUtf8("tt"))));
        lock.release();
      }

      assertEquals(List.of(GLOB), await(store.listForUrl(URL)));
      await(store.add(EXACT));
      assertEquals(List.of(EXACT, GLOB), await(store.listForUrl(URL)));
    }
  }
}
