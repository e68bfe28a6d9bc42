package io.lonelypss.adapter.out.persistence;

import static io.lonelypss.application.port.out.ReplayGuardPortContract.code;
import static io.lonelypss.application.port.out.ReplayGuardPortContract.concurrently;
import static io.lonelypss.application.port.out.ReplayGuardPortContract.countTrue;
import static io.lonelypss.application.port.out.SubscriptionStorePortContract.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lonelypss.application.port.out.ReplayGuardPort;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two stores on one SQLite file, each with its own pool and executor, as two broadcaster processes
 * of one cluster would open it (DECISIONS D7): a code accepted by one is a replay to the other.
 */
class SqliteSharedReplayGuardIT {
  private static final Instant NOW = Instant.ofEpochSecond(1_800_000_000L);
  private static final Instant EXPIRES_AT = NOW.plusSeconds(180);

  @TempDir Path dir;

  private JdbcStore first;
  private JdbcStore second;

  @BeforeEach
  void openTwoStoresOnOneFile() {
    Path file = dir.resolve("subscriptions.db");
    first = JdbcStores.sqlite(file, 4);
    second = JdbcStores.sqlite(file, 4);
  }

  @AfterEach
  void closeStores() {
    first.close();
    second.close();
  }

  @Test
  void aCodeRecordedThroughOneStoreIsRefusedThroughTheOther() {
    byte[] code = code();

    assertTrue(await(first.replayGuard().recordIfUnseen(code, EXPIRES_AT, NOW)));

    assertFalse(await(second.replayGuard().recordIfUnseen(code, EXPIRES_AT, NOW)));
    assertFalse(await(first.replayGuard().recordIfUnseen(code, EXPIRES_AT, NOW)));
  }

  @Test
  void aRecordPurgedThroughOneStoreIsGoneForTheOther() {
    byte[] code = code();
    assertTrue(await(first.replayGuard().recordIfUnseen(code, NOW, NOW)));

    assertEquals(1, await(second.replayGuard().purgeExpired(NOW.plusSeconds(1))));

    assertTrue(await(first.replayGuard().recordIfUnseen(code, EXPIRES_AT, NOW)));
  }

  @Test
  void concurrentAttemptsOfOneCodeThroughBothStoresAcceptExactlyOne() throws Exception {
    byte[] code = code();
    List<ReplayGuardPort> guards = List.of(first.replayGuard(), second.replayGuard());

    List<CompletionStage<Boolean>> stages =
        concurrently(64, i -> guards.get(i % 2).recordIfUnseen(code, EXPIRES_AT, NOW));

    assertEquals(1, countTrue(stages));
  }

  @Test
  void concurrentAttemptsOfManyCodesThroughBothStoresAcceptEachCodeOnce() throws Exception {
    List<byte[]> codes = List.of(code(), code(), code(), code());
    List<ReplayGuardPort> guards = List.of(first.replayGuard(), second.replayGuard());

    List<CompletionStage<Boolean>> stages =
        concurrently(64, i -> guards.get(i % 2).recordIfUnseen(codes.get(i / 16), EXPIRES_AT, NOW));

    for (int c = 0; c < codes.size(); c++) {
      assertEquals(1, countTrue(stages.subList(c * 16, c * 16 + 16)), "code " + c);
    }
  }
}
