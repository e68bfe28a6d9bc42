package io.lonelypss.application.testing;

import static io.lonelypss.application.port.out.SubscriptionStorePortContract.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lonelypss.application.port.out.ReplayGuardPort;
import io.lonelypss.application.port.out.ReplayGuardPortContract;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class InMemoryReplayGuardTest extends ReplayGuardPortContract {
  private InMemoryReplayGuard guard;

  @BeforeEach
  void createGuard() {
    guard = new InMemoryReplayGuard();
  }

  @Override
  protected ReplayGuardPort guard() {
    return guard;
  }

  @Test
  void sizeCountsRecordsUntilTheyArePurgedAndAReRecordedCodeOnce() {
    byte[] code = code();
    assertTrue(await(guard.recordIfUnseen(code, at(10), at(0))));
    assertTrue(await(guard.recordIfUnseen(code(), at(100), at(0))));
    assertEquals(2, guard.size());

    assertTrue(await(guard.recordIfUnseen(code, at(200), at(11))));
    assertEquals(2, guard.size(), "an expired record is replaced, not added");

    assertEquals(1, await(guard.purgeExpired(at(101))));
    assertEquals(1, guard.size());
  }
}
