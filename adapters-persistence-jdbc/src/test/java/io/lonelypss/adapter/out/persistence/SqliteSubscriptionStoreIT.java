package io.lonelypss.adapter.out.persistence;

import io.lonelypss.application.port.out.SubscriptionStorePort;
import io.lonelypss.application.port.out.SubscriptionStorePortContract;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** The store contract on a real SQLite file. */
class SqliteSubscriptionStoreIT extends SubscriptionStorePortContract {
  @TempDir Path dir;

  private JdbcStore jdbc;

  @BeforeEach
  void openStore() {
    jdbc = JdbcStores.sqlite(dir.resolve("subscriptions.db"), 4);
  }

  @AfterEach
  void closeStore() {
    jdbc.close();
  }

  @Override
  protected SubscriptionStorePort store() {
    return jdbc.subscriptions();
  }
}
