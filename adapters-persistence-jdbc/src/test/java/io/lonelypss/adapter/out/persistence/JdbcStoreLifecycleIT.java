package io.lonelypss.adapter.out.persistence;

import static io.lonelypss.application.port.out.SubscriptionStorePortContract.assertFailsWith;
import static io.lonelypss.application.port.out.SubscriptionStorePortContract.assertSameElements;
import static io.lonelypss.application.port.out.SubscriptionStorePortContract.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lonelypss.application.port.out.StoreUnavailableException;
import io.lonelypss.application.port.out.SubscriptionStorePort;
import io.lonelypss.domain.SubscriberUrl;
import io.lonelypss.domain.Subscription;
import io.lonelypss.domain.Topic;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The executor and the close. Work is held back by a write lock taken from outside (as another
 * process would), so what is pending and what is done is known without any sleeping.
 */
class JdbcStoreLifecycleIT {
  private static final SubscriberUrl URL = new SubscriberUrl("https://example.test/hook");

  /** Long enough that held-back writes wait for the lock instead of failing. */
  private static final Duration PATIENT = Duration.ofSeconds(60);

  @TempDir Path dir;

  @Test
  void closeWaitsForAcceptedWorkThenRejectsNewWork() throws Exception {
    Path file = dir.resolve("subscriptions.db");
    JdbcStore jdbc = JdbcStores.sqlite(file, JdbcStoreSettings.of(1).withBusyTimeout(PATIENT));
    SubscriptionStorePort store = jdbc.subscriptions();
    CompletableFuture<Void> running;
    CompletableFuture<Void> queued;
    CompletableFuture<Void> closing;

    try (RawSqlite.WriteLock lock = RawSqlite.WriteLock.hold(file)) {
      running = store.add(exact("running")).toCompletableFuture();
      queued = store.add(exact("queued")).toCompletableFuture();
      closing = jdbc.closeAsync().toCompletableFuture();

      assertTrue(jdbc.isClosed());
      assertFailsWith(StoreUnavailableException.class, store.add(exact("late")));
      assertFailsWith(StoreUnavailableException.class, store.listForUrl(URL));
      assertFalse(running.isDone(), "accepted work is still waiting for the lock");
      assertFalse(queued.isDone(), "queued work is still waiting");
      assertFalse(closing.isDone(), "close waits for accepted work");
      lock.release();
    }

    await(running);
    await(queued);
    await(closing);
    try (JdbcStore reopened = JdbcStores.sqlite(file, 1)) {
      assertSameElements(
          List.of(exact("running"), exact("queued")),
          await(reopened.subscriptions().listForUrl(URL)));
    }
  }

  @Test
  void closingTwiceIsHarmless() {
    JdbcStore jdbc = JdbcStores.sqlite(dir.resolve("subscriptions.db"), 2);

    jdbc.close();
    jdbc.close();
    await(jdbc.closeAsync());

    assertTrue(jdbc.isClosed());
  }

  @Test
  void aFullQueueFailsNewWorkAtOnceWithStoreUnavailable() throws Exception {
    Path file = dir.resolve("subscriptions.db");
    JdbcStoreSettings settings =
        JdbcStoreSettings.of(1).withQueueCapacity(1).withBusyTimeout(PATIENT);
    try (JdbcStore jdbc = JdbcStores.sqlite(file, settings)) {
      SubscriptionStorePort store = jdbc.subscriptions();
      CompletionStage<Void> running;
      CompletionStage<Void> queued;

      try (RawSqlite.WriteLock lock = RawSqlite.WriteLock.hold(file)) {
        running = store.add(exact("running")); // takes the only thread, waits for the lock
        queued = store.add(exact("queued")); // takes the only queue slot
        CompletionStage<Void> rejected = store.add(exact("rejected"));

        assertTrue(rejected.toCompletableFuture().isCompletedExceptionally(), "failed at once");
        assertFailsWith(StoreUnavailableException.class, rejected);
        assertFalse(running.toCompletableFuture().isDone());
        assertFalse(queued.toCompletableFuture().isDone());
        lock.release();
      }

      await(running);
      await(queued);
      assertSameElements(List.of(exact("running"), exact("queued")), await(store.listForUrl(URL)));
    }
  }

  @Test
  void stagesCompleteOnTheNamedJdbcThreadsNotOnTheCaller() throws Exception {
    Path file = dir.resolve("subscriptions.db");
    try (JdbcStore jdbc =
        JdbcStores.sqlite(file, JdbcStoreSettings.of(1).withBusyTimeout(PATIENT))) {
      SubscriptionStorePort store = jdbc.subscriptions();
      CompletableFuture<String> writer = new CompletableFuture<>();
      CompletableFuture<String> reader = new CompletableFuture<>();

      try (RawSqlite.WriteLock lock = RawSqlite.WriteLock.hold(file)) {
        store.add(exact("t")).whenComplete((ok, e) -> writer.complete(threadName()));
        store
            .findMatching(Topic.ofUtf8("t"))
            .whenComplete((ok, e) -> reader.complete(threadName()));
        assertFalse(writer.isDone());
        assertFalse(reader.isDone());
        lock.release();
      }

      assertEquals("lonelypss-jdbc-1", await(writer));
      assertEquals("lonelypss-jdbc-1", await(reader));
      assertEquals(List.of(exact("t")), await(store.findMatching(Topic.ofUtf8("t"))));
    }
  }

  private static String threadName() {
    return Thread.currentThread().getName();
  }

  private static Subscription exact(String topic) {
    return Subscription.exact(URL, Topic.ofUtf8(topic), Optional.empty());
  }
}
