package io.lonelypss.application.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lonelypss.application.port.out.SubscriptionStorePort;
import io.lonelypss.application.port.out.SubscriptionStorePortContract;
import io.lonelypss.domain.Subscription;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class InMemorySubscriptionStoreTest extends SubscriptionStorePortContract {
  private InMemorySubscriptionStore store;

  @BeforeEach
  void createStore() {
    store = new InMemorySubscriptionStore();
  }

  @Override
  protected SubscriptionStorePort store() {
    return store;
  }

  @Test
  void allListsEveryRowInInsertionOrder() {
    Subscription first = Subscription.glob(url("b"), glob("*"), Optional.empty());
    Subscription second = Subscription.exact(url("a"), topic("t"), Optional.of(url("m")));
    await(store.add(first));
    await(store.add(second));

    assertEquals(List.of(first, second), store.all());
  }
}
