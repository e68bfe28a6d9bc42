package io.lonelypss.adapter.out.persistence;

import com.zaxxer.hikari.HikariDataSource;
import io.lonelypss.application.port.out.StoreUnavailableException;
import io.lonelypss.application.port.out.SubscriptionConflictException;
import io.lonelypss.application.port.out.SubscriptionNotFoundException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the adapters' JDBC work on the store's own bounded executor, each operation on a pooled
 * connection of its own, and maps every failure the same way: a full queue, a closed store, any
 * {@link SQLException} or unexpected exception fails the stage with {@link
 * StoreUnavailableException}; the subscription store's business rejections ({@link
 * SubscriptionConflictException}, {@link SubscriptionNotFoundException}) pass through as they are.
 * The stages complete on the executor's threads.
 */
final class JdbcRunner {
  private static final Logger LOG = LoggerFactory.getLogger(JdbcRunner.class);

  private final HikariDataSource dataSource;
  private final SqlDialect dialect;
  private final ExecutorService executor;

  JdbcRunner(HikariDataSource dataSource, SqlDialect dialect, ExecutorService executor) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    this.dialect = Objects.requireNonNull(dialect, "dialect");
    this.executor = Objects.requireNonNull(executor, "executor");
  }

  SqlDialect dialect() {
    return dialect;
  }

  /** JDBC work on one connection. */
  @FunctionalInterface
  interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  /**
   * Queues {@code work}; {@code store} and {@code operation} name it in logs and failures ({@code
   * "subscription store"}, {@code "add"}).
   */
  <T> CompletableFuture<T> submit(String store, String operation, Work<T> work) {
    Task<T> task = new Task<>(store, operation, work, dataSource);
    try {
      executor.execute(task);
    } catch (RejectedExecutionException e) {
      String reason = executor.isShutdown() ? "closed" : "overloaded (queue full)";
      task.result.completeExceptionally(new StoreUnavailableException(store + " " + reason, e));
    }
    return task.result;
  }

  /**
   * Runs {@code work} in a write transaction that holds the write lock from the start ({@code BEGIN
   * IMMEDIATE} on SQLite). When the transaction cannot be rolled back, the connection's state is
   * unknown, so it is evicted from the pool instead of being handed out again.
   */
  <T> T inWriteTransaction(Connection connection, Work<T> work) throws SQLException {
    dialect.beginWrite(connection);
    boolean committed = false;
    try {
      T value = work.run(connection);
      dialect.commitWrite(connection);
      committed = true;
      return value;
    } finally {
      if (!committed) {
        try {
          dialect.rollbackWrite(connection);
        } catch (SQLException e) {
          LOG.warn("rollback failed, evicting the connection: {}", e.getMessage());
          dataSource.evictConnection(connection);
        }
      }
    }
  }

  /**
   * One operation queued on the JDBC executor. {@link JdbcStore} abandons the ones that never
   * started when closing runs out of time, so that no stage is left pending.
   */
  static final class Task<T> implements Runnable {
    private final String store;
    private final String operation;
    private final Work<T> work;
    private final HikariDataSource dataSource;
    private final CompletableFuture<T> result = new CompletableFuture<>();

    private Task(String store, String operation, Work<T> work, HikariDataSource dataSource) {
      this.store = store;
      this.operation = operation;
      this.work = work;
      this.dataSource = dataSource;
    }

    @Override
    public void run() {
      try (Connection connection = dataSource.getConnection()) {
        result.complete(work.run(connection));
      } catch (SubscriptionConflictException | SubscriptionNotFoundException e) {
        result.completeExceptionally(e);
      } catch (SQLException e) {
        LOG.warn(
            "{} {} failed (SQLState {}, code {}): {}",
            store,
            operation,
            e.getSQLState(),
            e.getErrorCode(),
            e.getMessage());
        result.completeExceptionally(unavailable(e));
      } catch (RuntimeException e) {
        LOG.error("{} {} failed unexpectedly", store, operation, e);
        result.completeExceptionally(unavailable(e));
      } catch (Error e) {
        result.completeExceptionally(e);
        throw e;
      }
    }

    /** Fails the stage of a task that will never run. */
    void abandon() {
      result.completeExceptionally(
          new StoreUnavailableException(
              store + " closed before " + operation + " could run", null));
    }

    private StoreUnavailableException unavailable(Exception cause) {
      return new StoreUnavailableException(store + " unavailable (" + operation + ")", cause);
    }
  }
}
