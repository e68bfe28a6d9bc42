package io.lonelypss.application.testing;

import io.lonelypss.application.port.out.SubscriptionConflictException;
import io.lonelypss.application.port.out.SubscriptionNotFoundException;
import io.lonelypss.application.port.out.SubscriptionStorePort;
import io.lonelypss.domain.Interest;
import io.lonelypss.domain.SubscriberUrl;
import io.lonelypss.domain.Subscription;
import io.lonelypss.domain.Topic;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A thread-safe, in-memory {@link SubscriptionStorePort} with the semantics of the JDBC store (both
 * pass {@code SubscriptionStorePortContract}): rows keep their insertion order, a kept row keeps
 * its place when its recovery changes, {@link #findMatching} answers exact rows first, then glob
 * rows. Stages are already complete when returned. An {@link InMemoryMissedLedger} built on it
 * keeps the missed state of its rows.
 */
public final class InMemorySubscriptionStore implements SubscriptionStorePort {
  private record Key(SubscriberUrl url, Interest interest) {}

  /** What a row holds beside its key: an id new with every insert, as a table's, and recovery. */
  private record Stored(long id, Optional<SubscriberUrl> recovery) {}

  /**
   * A stored row as {@link InMemoryMissedLedger} sees it: {@code id} tells a row from one removed
   * and added again (which starts without missed state, as a new row of a table does).
   */
  record Row(long id, Subscription subscription) {}

  private final Map<Key, Stored> rows = new LinkedHashMap<>(); // guarded by this
  private long lastId; // guarded by this

  @Override
  public synchronized CompletionStage<Void> add(Subscription subscription) {
    Objects.requireNonNull(subscription, "subscription");
    Key key = new Key(subscription.url(), subscription.interest());
    if (rows.containsKey(key)) {
      return CompletableFuture.failedFuture(
          new SubscriptionConflictException("already subscribed"));
    }
    rows.put(key, new Stored(++lastId, subscription.recovery()));
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public synchronized CompletionStage<Void> remove(SubscriberUrl url, Interest interest) {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(interest, "interest");
    if (rows.remove(new Key(url, interest)) == null) {
      return CompletableFuture.failedFuture(new SubscriptionNotFoundException("not subscribed"));
    }
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public synchronized CompletionStage<List<Subscription>> findMatching(Topic topic) {
    Objects.requireNonNull(topic, "topic");
    List<Subscription> exacts = new ArrayList<>();
    List<Subscription> globs = new ArrayList<>();
    for (Map.Entry<Key, Stored> row : rows.entrySet()) {
      Interest interest = row.getKey().interest();
      if (interest.matches(topic)) {
        (interest instanceof Topic ? exacts : globs).add(toSubscription(row));
      }
    }
    exacts.addAll(globs);
    return CompletableFuture.completedFuture(List.copyOf(exacts));
  }

  @Override
  public synchronized CompletionStage<List<Subscription>> listForUrl(SubscriberUrl url) {
    Objects.requireNonNull(url, "url");
    List<Subscription> found = new ArrayList<>();
    for (Map.Entry<Key, Stored> row : rows.entrySet()) {
      if (row.getKey().url().equals(url)) {
        found.add(toSubscription(row));
      }
    }
    return CompletableFuture.completedFuture(List.copyOf(found));
  }

  /**
   * {@inheritDoc}
   *
   * <p>When {@code desired} names one interest several times, the last one's recovery wins. A
   * subscription of another URL in {@code desired} fails the stage with {@link
   * IllegalArgumentException} and changes nothing.
   */
  @Override
  public synchronized CompletionStage<Void> replaceForUrl(
      SubscriberUrl url, List<Subscription> desired) {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(desired, "desired");
    Map<Interest, Optional<SubscriberUrl>> wanted = new LinkedHashMap<>();
    for (Subscription subscription : desired) {
      Objects.requireNonNull(subscription, "desired subscription");
      if (!subscription.url().equals(url)) {
        return CompletableFuture.failedFuture(
            new IllegalArgumentException("desired subscription for another url"));
      }
      wanted.put(subscription.interest(), subscription.recovery());
    }
    rows.keySet().removeIf(key -> key.url().equals(url) && !wanted.containsKey(key.interest()));
    for (Map.Entry<Interest, Optional<SubscriberUrl>> entry : wanted.entrySet()) {
      Key key = new Key(url, entry.getKey());
      Stored kept = rows.get(key);
      // a kept row keeps its id (and so its missed state) when only its recovery changes
      rows.put(key, new Stored(kept == null ? ++lastId : kept.id(), entry.getValue()));
    }
    return CompletableFuture.completedFuture(null);
  }

  /** Every stored row, in insertion order. */
  public synchronized List<Subscription> all() {
    List<Subscription> all = new ArrayList<>();
    for (Map.Entry<Key, Stored> row : rows.entrySet()) {
      all.add(toSubscription(row));
    }
    return List.copyOf(all);
  }

  /** The row of {@code url} and {@code interest}, if stored. */
  synchronized Optional<Row> row(SubscriberUrl url, Interest interest) {
    Key key = new Key(url, interest);
    Stored stored = rows.get(key);
    return stored == null
        ? Optional.empty()
        : Optional.of(new Row(stored.id(), new Subscription(url, interest, stored.recovery())));
  }

  /** Removes the row of {@code url} and {@code interest} if it is still the row {@code id}. */
  synchronized boolean removeRow(SubscriberUrl url, Interest interest, long id) {
    Key key = new Key(url, interest);
    Stored stored = rows.get(key);
    if (stored == null || stored.id() != id) {
      return false;
    }
    rows.remove(key);
    return true;
  }

  private static Subscription toSubscription(Map.Entry<Key, Stored> row) {
    return new Subscription(row.getKey().url(), row.getKey().interest(), row.getValue().recovery());
  }
}
