package io.lonelypss.adapter.out.persistence;

import io.lonelypss.application.port.out.ReplayGuardPort;
import io.lonelypss.application.port.out.ReplayGuardPortContract;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** The replay guard contract on a real SQLite file. */
class SqliteReplayGuardIT extends ReplayGuardPortContract {
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
  protected ReplayGuardPort guard() {
    return jdbc.replayGuard();
  }
}
