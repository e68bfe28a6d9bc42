package io.lonelypss.adapter.out.persistence;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link JdbcStore} is sized and how long it waits.
 *
 * @param poolSize database connections, and threads of the dedicated JDBC executor (one each)
 * @param queueCapacity operations that may wait for a thread; beyond that new operations fail at
 *     once with {@link io.lonelypss.application.port.out.StoreUnavailableException}
 * @param connectionTimeout how long an operation waits for a pooled connection (HikariCP minimum
 *     250 ms)
 * @param busyTimeout how long SQLite waits for another writer's lock before giving up
 * @param closeTimeout how long {@link JdbcStore#close()} waits for accepted work to finish
 */
public record JdbcStoreSettings(
    int poolSize,
    int queueCapacity,
    Duration connectionTimeout,
    Duration busyTimeout,
    Duration closeTimeout) {
  public static final int DEFAULT_QUEUE_CAPACITY = 1024;
  public static final Duration DEFAULT_CONNECTION_TIMEOUT = Duration.ofSeconds(5);
  public static final Duration DEFAULT_BUSY_TIMEOUT = Duration.ofSeconds(5);
  public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(30);

  private static final Duration MIN_CONNECTION_TIMEOUT = Duration.ofMillis(250);

  public JdbcStoreSettings {
    if (poolSize < 1) {
      throw new IllegalArgumentException("poolSize must be at least 1");
    }
    if (queueCapacity < 1) {
      throw new IllegalArgumentException("queueCapacity must be at least 1");
    }
    Objects.requireNonNull(connectionTimeout, "connectionTimeout");
    Objects.requireNonNull(busyTimeout, "busyTimeout");
    Objects.requireNonNull(closeTimeout, "closeTimeout");
    if (connectionTimeout.compareTo(MIN_CONNECTION_TIMEOUT) < 0) {
      throw new IllegalArgumentException("connectionTimeout must be at least 250 ms");
    }
    if (busyTimeout.isNegative() || busyTimeout.toMillis() > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("busyTimeout must be between 0 and 2^31-1 ms");
    }
    if (closeTimeout.isNegative()) {
      throw new IllegalArgumentException("closeTimeout must not be negative");
    }
  }

  /** The defaults for {@code poolSize} connections. */
  public static JdbcStoreSettings of(int poolSize) {
    return new JdbcStoreSettings(
        poolSize,
        DEFAULT_QUEUE_CAPACITY,
        DEFAULT_CONNECTION_TIMEOUT,
        DEFAULT_BUSY_TIMEOUT,
        DEFAULT_CLOSE_TIMEOUT);
  }

  public JdbcStoreSettings withQueueCapacity(int value) {
    return new JdbcStoreSettings(poolSize, value, connectionTimeout, busyTimeout, closeTimeout);
  }

  public JdbcStoreSettings withConnectionTimeout(Duration value) {
    return new JdbcStoreSettings(poolSize, queueCapacity, value, busyTimeout, closeTimeout);
  }

  public JdbcStoreSettings withBusyTimeout(Duration value) {
    return new JdbcStoreSettings(poolSize, queueCapacity, connectionTimeout, value, closeTimeout);
  }

  public JdbcStoreSettings withCloseTimeout(Duration value) {
    return new JdbcStoreSettings(poolSize, queueCapacity, connectionTimeout, busyTimeout, value);
  }
}
