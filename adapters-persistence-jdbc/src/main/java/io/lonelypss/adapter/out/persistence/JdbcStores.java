package io.lonelypss.adapter.out.persistence;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.lonelypss.application.port.out.StoreUnavailableException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/** Opens {@link JdbcStore}s: the schema is created, then the pool and the JDBC executor start. */
public final class JdbcStores {
  private static final Logger LOG = LoggerFactory.getLogger(JdbcStores.class);

  private JdbcStores() {}

  /** A SQLite store on {@code file} with {@code poolSize} connections and default settings. */
  public static JdbcStore sqlite(Path file, int poolSize) {
    return sqlite(file, JdbcStoreSettings.of(poolSize));
  }

  /**
   * A SQLite store on {@code file} (created when missing; its directory must exist), in WAL mode,
   * with the reference schema ({@code http.md} section 9), shareable with a Python lonelypss (its
   * subscriptions and their missed state), and the replay cache table of {@code http.md} 8.5,
   * shared with every broadcaster on the file.
   *
   * @throws StoreUnavailableException when the file cannot be opened as a database or the schema
   *     cannot be created
   */
  public static JdbcStore sqlite(Path file, JdbcStoreSettings settings) {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(settings, "settings");
    SQLiteConfig config = new SQLiteConfig();
    config.setBusyTimeout((int) settings.busyTimeout().toMillis());
    // Writes begin explicitly with BEGIN IMMEDIATE (SqliteDialect); this covers any other path.
    config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
    SQLiteDataSource sqlite = new SQLiteDataSource(config);
    sqlite.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
    return open(new SqliteDialect(), sqlite, settings, "sqlite " + file.toAbsolutePath());
  }

  static JdbcStore open(
      SqlDialect dialect, DataSource connections, JdbcStoreSettings settings, String description) {
    try (Connection setup = connections.getConnection()) {
      dialect.initialize(setup);
    } catch (SQLException e) {
      LOG.warn("{}: cannot be opened: {}", description, e.getMessage());
      throw new StoreUnavailableException("cannot open the subscription store", e);
    }

    HikariConfig config = new HikariConfig();
    config.setPoolName("lonelypss-" + dialect.name());
    config.setDataSource(connections);
    config.setMaximumPoolSize(settings.poolSize());
    config.setMinimumIdle(settings.poolSize());
    config.setConnectionTimeout(settings.connectionTimeout().toMillis());
    config.setAutoCommit(true);
    HikariDataSource pool;
    try {
      pool = new HikariDataSource(config);
    } catch (RuntimeException e) {
      LOG.warn("{}: the connection pool cannot start: {}", description, e.getMessage());
      throw new StoreUnavailableException("cannot open the subscription store", e);
    }

    ThreadPoolExecutor executor =
        new ThreadPoolExecutor(
            settings.poolSize(),
            settings.poolSize(),
            0L,
            TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(settings.queueCapacity()),
            jdbcThreads(),
            new ThreadPoolExecutor.AbortPolicy());
    JdbcRunner runner = new JdbcRunner(pool, dialect, executor);
    LOG.info(
        "{}: open ({} connections, queue {})",
        description,
        settings.poolSize(),
        settings.queueCapacity());
    return new JdbcStore(
        description,
        pool,
        executor,
        new JdbcSubscriptionStoreAdapter(runner),
        new JdbcMissedLedgerAdapter(runner),
        new JdbcReplayGuardAdapter(runner),
        settings.closeTimeout());
  }

  /** Daemon threads named {@code lonelypss-jdbc-N}: a store never closed does not hold the JVM. */
  private static ThreadFactory jdbcThreads() {
    AtomicInteger count = new AtomicInteger();
    return work -> {
      Thread thread = new Thread(work, "lonelypss-jdbc-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
