package io.lonelypss.adapter.out.persistence;

import io.lonelypss.application.port.out.StoreUnavailableException;
import io.lonelypss.application.port.out.SubscriptionConflictException;
import io.lonelypss.application.port.out.SubscriptionNotFoundException;
import io.lonelypss.application.port.out.SubscriptionStorePort;
import io.lonelypss.domain.GlobPattern;
import io.lonelypss.domain.Interest;
import io.lonelypss.domain.InvalidValueException;
import io.lonelypss.domain.SubscriberUrl;
import io.lonelypss.domain.Subscription;
import io.lonelypss.domain.Topic;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The subscription store on plain JDBC, in the reference's tables ({@code http.md} section 9,
 * DECISIONS D14). Every statement runs on the store's own bounded executor, never on the caller's
 * thread; the returned stages complete there. A full queue or a closed store fails the stage at
 * once with {@link StoreUnavailableException}, as does any database error other than a unique
 * violation on {@link #add}.
 *
 * <p>Glob rows are matched in Java with {@link GlobPattern#matches} (DECISIONS D1), never with the
 * database's {@code GLOB}. Build instances with {@link JdbcStores}.
 */
public final class JdbcSubscriptionStoreAdapter implements SubscriptionStorePort {
  private static final Logger LOG = LoggerFactory.getLogger(JdbcSubscriptionStoreAdapter.class);

  /** How this store names itself in logs and failures. */
  static final String STORE = "subscription store";

  private final JdbcRunner runner;

  JdbcSubscriptionStoreAdapter(JdbcRunner runner) {
    this.runner = Objects.requireNonNull(runner, "runner");
  }

  @Override
  public CompletionStage<Void> add(Subscription subscription) {
    Objects.requireNonNull(subscription, "subscription");
    Table table = Table.of(subscription.interest());
    return runner.submit(
        STORE,
        "add",
        connection ->
            runner.inWriteTransaction(
                connection,
                tx -> {
                  try (PreparedStatement insert = tx.prepareStatement(table.insert)) {
                    bindRow(insert, subscription);
                    insert.executeUpdate();
                  } catch (SQLException e) {
                    if (runner.dialect().isUniqueViolation(e)) {
                      throw new SubscriptionConflictException("already subscribed");
                    }
                    throw e;
                  }
                  return null;
                }));
  }

  @Override
  public CompletionStage<Void> remove(SubscriberUrl url, Interest interest) {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(interest, "interest");
    Table table = Table.of(interest);
    return runner.submit(
        STORE,
        "remove",
        connection ->
            runner.inWriteTransaction(
                connection,
                tx -> {
                  try (PreparedStatement delete = tx.prepareStatement(table.deleteByInterest)) {
                    table.bindInterest(delete, 1, interest);
                    delete.setString(2, url.value());
                    if (delete.executeUpdate() == 0) {
                      throw new SubscriptionNotFoundException("not subscribed");
                    }
                  }
                  return null;
                }));
  }

  @Override
  public CompletionStage<List<Subscription>> findMatching(Topic topic) {
    Objects.requireNonNull(topic, "topic");
    return runner.submit(
        STORE,
        "findMatching",
        connection -> {
          List<Subscription> matches = new ArrayList<>();
          try (PreparedStatement exacts =
              connection.prepareStatement(Table.EXACTS.selectMatching)) {
            exacts.setBytes(1, topic.bytes());
            readRows(Table.EXACTS, exacts, interest -> true, matches);
          }
          try (PreparedStatement globs = connection.prepareStatement(Table.GLOBS.selectAll)) {
            readRows(Table.GLOBS, globs, glob -> glob.matches(topic), matches);
          }
          return List.copyOf(matches);
        });
  }

  @Override
  public CompletionStage<List<Subscription>> listForUrl(SubscriberUrl url) {
    Objects.requireNonNull(url, "url");
    return runner.submit(
        STORE,
        "listForUrl",
        connection -> {
          List<Subscription> rows = new ArrayList<>();
          for (Table table : Table.values()) {
            try (PreparedStatement select = connection.prepareStatement(table.selectForUrl)) {
              select.setString(1, url.value());
              readRows(table, select, interest -> true, rows);
            }
          }
          return List.copyOf(rows);
        });
  }

  /**
   * {@inheritDoc}
   *
   * <p>When {@code desired} names one interest several times, the last one's recovery wins. A
   * subscription of another URL in {@code desired} fails the stage with {@link
   * IllegalArgumentException} and changes nothing.
   */
  @Override
  public CompletionStage<Void> replaceForUrl(SubscriberUrl url, List<Subscription> desired) {
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
    return runner.submit(
        STORE,
        "replaceForUrl",
        connection -> runner.inWriteTransaction(connection, tx -> replace(tx, url, wanted)));
  }

  private Void replace(
      Connection tx, SubscriberUrl url, Map<Interest, Optional<SubscriberUrl>> wanted)
      throws SQLException {
    Map<Interest, Optional<SubscriberUrl>> missing = new LinkedHashMap<>(wanted);
    for (Table table : Table.values()) {
      List<Long> surplus = new ArrayList<>();
      Map<Long, Optional<SubscriberUrl>> changed = new LinkedHashMap<>();
      try (PreparedStatement select = tx.prepareStatement(table.selectForUrl)) {
        select.setString(1, url.value());
        try (ResultSet rows = select.executeQuery()) {
          while (rows.next()) {
            long id = rows.getLong(1);
            Optional<Subscription> row = decodeRow(table, rows, interest -> true);
            if (row.isEmpty() || !missing.containsKey(row.get().interest())) {
              surplus.add(id);
            } else {
              Optional<SubscriberUrl> recovery = missing.remove(row.get().interest());
              if (!recovery.equals(row.get().recovery())) {
                changed.put(id, recovery);
              }
            }
          }
        }
      }
      if (!surplus.isEmpty()) {
        try (PreparedStatement delete = tx.prepareStatement(table.deleteById)) {
          for (long id : surplus) {
            delete.setLong(1, id);
            delete.addBatch();
          }
          delete.executeBatch();
        }
      }
      if (!changed.isEmpty()) {
        try (PreparedStatement update = tx.prepareStatement(table.updateRecovery)) {
          for (Map.Entry<Long, Optional<SubscriberUrl>> change : changed.entrySet()) {
            update.setString(1, change.getValue().map(SubscriberUrl::value).orElse(null));
            update.setLong(2, change.getKey());
            update.addBatch();
          }
          update.executeBatch();
        }
      }
    }
    for (Table table : Table.values()) {
      List<Subscription> inserts = new ArrayList<>();
      for (Map.Entry<Interest, Optional<SubscriberUrl>> entry : missing.entrySet()) {
        if (Table.of(entry.getKey()) == table) {
          inserts.add(new Subscription(url, entry.getKey(), entry.getValue()));
        }
      }
      if (!inserts.isEmpty()) {
        try (PreparedStatement insert = tx.prepareStatement(table.insert)) {
          for (Subscription subscription : inserts) {
            bindRow(insert, subscription);
            insert.addBatch();
          }
          insert.executeBatch();
        }
      }
    }
    return null;
  }

  private static void bindRow(PreparedStatement statement, Subscription subscription)
      throws SQLException {
    statement.setString(1, subscription.url().value());
    Table.of(subscription.interest()).bindInterest(statement, 2, subscription.interest());
    statement.setString(3, subscription.recovery().map(SubscriberUrl::value).orElse(null));
  }

  /**
   * Reads rows of {@code id, url, <interest>, missed_url} whose interest passes {@code keep},
   * skipping rows that are not valid.
   */
  private static void readRows(
      Table table, PreparedStatement select, Predicate<Interest> keep, List<Subscription> into)
      throws SQLException {
    try (ResultSet rows = select.executeQuery()) {
      while (rows.next()) {
        decodeRow(table, rows, keep).ifPresent(into::add);
      }
    }
  }

  /**
   * The one row mapper: a row of {@code id, url, <interest>, missed_url}, when it is valid and its
   * interest passes {@code keep} (tested before the rest of the row is decoded).
   */
  private static Optional<Subscription> decodeRow(
      Table table, ResultSet row, Predicate<Interest> keep) throws SQLException {
    try {
      Interest interest = table.readInterest(row, 3);
      if (!keep.test(interest)) {
        return Optional.empty();
      }
      SubscriberUrl url = new SubscriberUrl(row.getString(2));
      String missedUrl = row.getString(4);
      Optional<SubscriberUrl> recovery =
          missedUrl == null ? Optional.empty() : Optional.of(new SubscriberUrl(missedUrl));
      return Optional.of(new Subscription(url, interest, recovery));
    } catch (InvalidValueException e) {
      LOG.warn("ignoring invalid row {} of {}: {}", row.getLong(1), table.name, e.getMessage());
      return Optional.empty();
    }
  }

  /** The two tables, which differ only in the interest column. */
  private enum Table {
    EXACTS("httppubsub_subscription_exacts", "exact"),
    GLOBS("httppubsub_subscription_globs", "glob");

    final String name;
    final String insert;
    final String deleteByInterest;
    final String deleteById;
    final String updateRecovery;
    final String selectForUrl;
    final String selectMatching;
    final String selectAll;

    Table(String name, String column) {
      String columns = "SELECT id, url, " + column + ", missed_url FROM " + name;
      this.name = name;
      this.insert = "INSERT INTO " + name + " (url, " + column + ", missed_url) VALUES (?, ?, ?)";
      this.deleteByInterest = "DELETE FROM " + name + " WHERE " + column + " = ? AND url = ?";
      this.deleteById = "DELETE FROM " + name + " WHERE id = ?";
      this.updateRecovery = "UPDATE " + name + " SET missed_url = ? WHERE id = ?";
      this.selectForUrl = columns + " WHERE url = ? ORDER BY id";
      this.selectMatching = columns + " WHERE " + column + " = ? ORDER BY id";
      this.selectAll = columns + " ORDER BY id";
    }

    static Table of(Interest interest) {
      return interest instanceof Topic ? EXACTS : GLOBS;
    }

    /** Topics are bound as bytes (BLOB), globs as text. */
    void bindInterest(PreparedStatement statement, int index, Interest interest)
        throws SQLException {
      if (interest instanceof Topic topic) {
        statement.setBytes(index, topic.bytes());
      } else if (interest instanceof GlobPattern glob) {
        statement.setString(index, glob.pattern());
      }
    }

    Interest readInterest(ResultSet row, int index) throws SQLException {
      if (this == EXACTS) {
        byte[] bytes = row.getBytes(index);
        return Topic.of(bytes == null ? new byte[0] : bytes);
      }
      String glob = row.getString(index);
      if (glob == null) {
        throw new InvalidValueException("glob is null");
      }
      return GlobPattern.of(glob);
    }
  }
}
