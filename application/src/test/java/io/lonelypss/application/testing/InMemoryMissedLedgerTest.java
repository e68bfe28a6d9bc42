package io.lonelypss.application.testing;

import static io.lonelypss.application.port.out.SubscriptionStorePortContract.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lonelypss.application.port.out.MissedLedgerPort;
import io.lonelypss.application.port.out.MissedLedgerPortContract;
import io.lonelypss.application.port.out.SubscriptionStorePort;
import io.lonelypss.domain.Subscription;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class InMemoryMissedLedgerTest extends MissedLedgerPortContract {
  private InMemorySubscriptionStore store;
  private InMemoryMissedLedger ledger;

  @BeforeEach
  void createStoreAndLedger() {
    store = new InMemorySubscriptionStore();
    ledger = new InMemoryMissedLedger(store);
  }

  @Override
  protected SubscriptionStorePort store() {
    return store;
  }

  @Override
  protected MissedLedgerPort ledger() {
    return ledger;
  }

  @Test
  void aLedgerNeedsAStore() {
    assertThrows(NullPointerException.class, () -> new InMemoryMissedLedger(null));
  }

  @Test
  void aLedgerSeesOnlyTheRowsOfItsOwnStore() {
    InMemorySubscriptionStore otherStore = new InMemorySubscriptionStore();
    InMemoryMissedLedger otherLedger = new InMemoryMissedLedger(otherStore);
    Subscription exact = withRecovery(url("a"), topic("t"));
    await(store.add(exact));

    assertFalse(await(otherLedger.recordFailure(exact, topic("t"), at(10))));
    assertTrue(await(ledger.recordFailure(exact, topic("t"), at(10))));

    assertEquals(Optional.empty(), await(otherLedger.claimOverdue(at(10), 1, at(40))));
    assertEquals(exact, claim(at(10), 2, at(40)).subscription());
  }
}
