package io.lonelypss.adapter.out.persistence;

import com.zaxxer.hikari.HikariDataSource;
import io.lonelypss.application.port.out.MissedLedgerPort;
import io.lonelypss.application.port.out.ReplayGuardPort;
import io.lonelypss.application.port.out.SubscriptionStorePort;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An open JDBC store: it owns the connection pool and the JDBC executor, and serves the {@link
 * SubscriptionStorePort}, the {@link MissedLedgerPort} on the same rows and the {@link
 * ReplayGuardPort} (all on that one pool and executor). Open one with {@link JdbcStores}; close it
 * once.
 *
 * <p>Closing stops accepting work at once (new operations fail with {@link
 * io.lonelypss.application.port.out.StoreUnavailableException}), lets the accepted ones finish (for
 * at most {@link JdbcStoreSettings#closeTimeout()}; operations still queued then fail with {@link
 * io.lonelypss.application.port.out.StoreUnavailableException}), and then closes the pool.
 */
public final class JdbcStore implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(JdbcStore.class);

  private final String description;
  private final HikariDataSource pool;
  private final ExecutorService executor;
  private final JdbcSubscriptionStoreAdapter subscriptions;
  private final JdbcMissedLedgerAdapter missedLedger;
  private final JdbcReplayGuardAdapter replayGuard;
  private final Duration closeTimeout;
  private final Object lock = new Object();
  private CompletableFuture<Void> closed; // guarded by lock

  JdbcStore(
      String description,
      HikariDataSource pool,
      ExecutorService executor,
      JdbcSubscriptionStoreAdapter subscriptions,
      JdbcMissedLedgerAdapter missedLedger,
      JdbcReplayGuardAdapter replayGuard,
      Duration closeTimeout) {
    this.description = Objects.requireNonNull(description, "description");
    this.pool = Objects.requireNonNull(pool, "pool");
    this.executor = Objects.requireNonNull(executor, "executor");
    this.subscriptions = Objects.requireNonNull(subscriptions, "subscriptions");
    this.missedLedger = Objects.requireNonNull(missedLedger, "missedLedger");
    this.replayGuard = Objects.requireNonNull(replayGuard, "replayGuard");
    this.closeTimeout = Objects.requireNonNull(closeTimeout, "closeTimeout");
  }

  /** The subscription store port served by this store. */
  public SubscriptionStorePort subscriptions() {
    return subscriptions;
  }

  /**
   * The missed-delivery bookkeeping ({@code http.md} 6.2 and 6.3) on the rows of {@link
   * #subscriptions()}, shared with every other broadcaster that uses the same database.
   */
  public MissedLedgerPort missedLedger() {
    return missedLedger;
  }

  /**
   * The HMAC replay cache served by this store ({@code http.md} 8.5), shared with every other
   * broadcaster that uses the same database.
   */
  public ReplayGuardPort replayGuard() {
    return replayGuard;
  }

  /** Whether closing has begun. */
  public boolean isClosed() {
    synchronized (lock) {
      return closed != null;
    }
  }

  /**
   * Begins closing and returns at once: from now on new operations fail. The stage completes (never
   * exceptionally) once accepted work has finished and the pool is closed. Calling it again returns
   * a stage for the same close.
   */
  public CompletionStage<Void> closeAsync() {
    synchronized (lock) {
      if (closed == null) {
        closed = new CompletableFuture<>();
        executor.shutdown();
        Thread closer = new Thread(this::finishClose, "lonelypss-jdbc-close");
        closer.start();
      }
      return closed.copy();
    }
  }

  /** Closes and waits until accepted work has finished and the pool is closed. */
  @Override
  public void close() {
    closeAsync().toCompletableFuture().join();
  }

  private void finishClose() {
    try {
      if (!executor.awaitTermination(closeTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
        LOG.warn(
            "{}: work still running {} ms after close; abandoning it",
            description,
            closeTimeout.toMillis());
        abandonQueued();
      }
    } catch (InterruptedException e) {
      abandonQueued();
      Thread.currentThread().interrupt();
    } finally {
      try {
        pool.close();
        LOG.info("{}: closed", description);
      } catch (RuntimeException e) {
        LOG.warn("{}: closing the pool failed", description, e);
      } finally {
        CompletableFuture<Void> done;
        synchronized (lock) {
          done = closed;
        }
        done.complete(null);
      }
    }
  }

  private void abandonQueued() {
    for (Runnable never : executor.shutdownNow()) {
      if (never instanceof JdbcRunner.Task<?> task) {
        task.abandon();
      }
    }
  }

  @Override
  public String toString() {
    return "JdbcStore[" + description + "]";
  }
}
