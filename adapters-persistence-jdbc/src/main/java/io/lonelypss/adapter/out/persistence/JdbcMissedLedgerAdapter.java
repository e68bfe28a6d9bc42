package io.lonelypss.adapter.out.persistence;

import io.lonelypss.application.port.out.MissedClaim;
import io.lonelypss.application.port.out.MissedLedgerPort;
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
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The missed ledger of {@code http.md} 6.2 and 6.3 (DECISIONS D5) in the missed columns of the
 * reference's subscription tables ({@code http.md} 9), so that a Python lonelypss sharing the
 * database sweeps the same rows (D14). Every write is one transaction that holds the write lock
 * from its start ({@code BEGIN IMMEDIATE} on SQLite), so that a claim is atomic across connections
 * and processes: two broadcasters never hold the same row.
 *
 * <p>Times are epoch seconds, rounded up when stored (the next retry, the lock's expiry). A row is
 * overdue once its {@code missed_next_retry_at <= now} and its lock has expired once its {@code
 * missed_lock_expires_at < now}, {@code now} compared exactly, as the reference compares its float
 * clock. {@link #claimOverdue} takes the row of either table with the earliest next retry, exact
 * rows first on a tie; rows without a recovery URL, glob rows without a missed topic and rows the
 * domain rejects (only another writer could store them) are never claimed. A claim's lock is held
 * as long as {@code missed_lock_id} still equals it, expired or not: {@link #confirm}, {@link
 * #reschedule} and {@link #giveUp} do nothing once another claim has taken the row over or the row
 * is gone.
 *
 * <p>Statements run on the store's bounded JDBC executor, never on the caller's thread; a full
 * queue, a closed store or any database error fails the stage with {@link
 * io.lonelypss.application.port.out.StoreUnavailableException}. Build instances with {@link
 * JdbcStores}.
 */
public final class JdbcMissedLedgerAdapter implements MissedLedgerPort {
  private static final Logger LOG = LoggerFactory.getLogger(JdbcMissedLedgerAdapter.class);

  /** How this store names itself in logs and failures. */
  static final String STORE = "missed ledger";

  private final JdbcRunner runner;

  JdbcMissedLedgerAdapter(JdbcRunner runner) {
    this.runner = Objects.requireNonNull(runner, "runner");
  }

  /**
   * {@inheritDoc}
   *
   * <p>For an exact subscription {@code topic} must be its own topic; any other fails the stage
   * with {@link IllegalArgumentException} and marks nothing.
   */
  @Override
  public CompletionStage<Boolean> recordFailure(
      Subscription subscription, Topic topic, Instant nextRetryAt) {
    Objects.requireNonNull(subscription, "subscription");
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(nextRetryAt, "nextRetryAt");
    if (subscription.interest() instanceof Topic exact && !exact.equals(topic)) {
      return CompletableFuture.failedFuture(
          new IllegalArgumentException("an exact subscription misses only its own topic"));
    }
    long nextRetrySecond = ceilSeconds(nextRetryAt);
    byte[] missedTopic = topic.bytes();
    return runner.submit(
        STORE,
        "recordFailure",
        connection ->
            runner.inWriteTransaction(
                connection,
                tx -> {
                  try (PreparedStatement mark =
                      tx.prepareStatement(statements(subscription).markFailed())) {
                    int index = 1;
                    mark.setLong(index++, nextRetrySecond);
                    if (subscription.isGlob()) {
                      mark.setBytes(index++, missedTopic);
                    }
                    bindRow(mark, index, subscription);
                    return mark.executeUpdate() > 0;
                  }
                }));
  }

  @Override
  public CompletionStage<Optional<MissedClaim>> claimOverdue(
      Instant now, long lockId, Instant lockExpiresAt) {
    Objects.requireNonNull(now, "now");
    Objects.requireNonNull(lockExpiresAt, "lockExpiresAt");
    long nowSecond = now.getEpochSecond();
    double nowExact = nowSecond + now.getNano() / 1e9;
    long lockExpiresSecond = ceilSeconds(lockExpiresAt);
    return runner.submit(
        STORE,
        "claimOverdue",
        connection ->
            runner.inWriteTransaction(
                connection,
                tx -> {
                  Optional<Candidate> first = firstClaimable(tx, nowSecond, nowExact);
                  if (first.isEmpty()) {
                    return Optional.<MissedClaim>empty();
                  }
                  Candidate row = first.get();
                  try (PreparedStatement lock =
                      tx.prepareStatement(statements(row.subscription()).lock())) {
                    lock.setLong(1, lockId);
                    lock.setLong(2, lockExpiresSecond);
                    lock.setLong(3, row.id());
                    if (lock.executeUpdate() != 1) {
                      throw new SQLException("the selected row could not be locked");
                    }
                  }
                  return Optional.of(
                      new MissedClaim(
                          row.subscription(),
                          row.topic(),
                          row.attempts(),
                          lockId,
                          Instant.ofEpochSecond(row.nextRetryAt())));
                }));
  }

  @Override
  public CompletionStage<Void> confirm(MissedClaim claim) {
    Objects.requireNonNull(claim, "claim");
    Subscription subscription = claim.subscription();
    long claimedRetrySecond = claim.claimedRetryAt().getEpochSecond();
    return runner.submit(
        STORE,
        "confirm",
        connection ->
            runner.inWriteTransaction(
                connection,
                tx -> {
                  SqlDialect.MissedStatements sql = statements(subscription);
                  try (PreparedStatement clear = tx.prepareStatement(sql.clearIfUnchanged())) {
                    int index = bindRow(clear, 1, subscription);
                    clear.setLong(index++, claim.lockId());
                    clear.setLong(index, claimedRetrySecond);
                    if (clear.executeUpdate() > 0) {
                      return null;
                    }
                  }
                  // a failure recorded since the claim stays pending; only the lock goes
                  try (PreparedStatement unlock = tx.prepareStatement(sql.unlock())) {
                    int index = bindRow(unlock, 1, subscription);
                    unlock.setLong(index, claim.lockId());
                    unlock.executeUpdate();
                  }
                  return null;
                }));
  }

  /**
   * {@inheritDoc}
   *
   * <p>Negative {@code attempts} fail the stage with {@link IllegalArgumentException} and change
   * nothing.
   */
  @Override
  public CompletionStage<Void> reschedule(MissedClaim claim, int attempts, Instant nextRetryAt) {
    Objects.requireNonNull(claim, "claim");
    Objects.requireNonNull(nextRetryAt, "nextRetryAt");
    if (attempts < 0) {
      return CompletableFuture.failedFuture(
          new IllegalArgumentException("attempts must not be negative"));
    }
    Subscription subscription = claim.subscription();
    long nextRetrySecond = ceilSeconds(nextRetryAt);
    return runner.submit(
        STORE,
        "reschedule",
        connection ->
            runner.inWriteTransaction(
                connection,
                tx -> {
                  try (PreparedStatement update =
                      tx.prepareStatement(statements(subscription).reschedule())) {
                    update.setInt(1, attempts);
                    update.setLong(2, nextRetrySecond);
                    int index = bindRow(update, 3, subscription);
                    update.setLong(index, claim.lockId());
                    update.executeUpdate();
                  }
                  return null;
                }));
  }

  @Override
  public CompletionStage<Boolean> giveUp(MissedClaim claim) {
    Objects.requireNonNull(claim, "claim");
    Subscription subscription = claim.subscription();
    return runner.submit(
        STORE,
        "giveUp",
        connection ->
            runner.inWriteTransaction(
                connection,
                tx -> {
                  try (PreparedStatement delete =
                      tx.prepareStatement(statements(subscription).delete())) {
                    int index = bindRow(delete, 1, subscription);
                    delete.setLong(index, claim.lockId());
                    return delete.executeUpdate() > 0;
                  }
                }));
  }

  /** A claimable row, decoded. */
  private record Candidate(
      long id, Subscription subscription, Topic topic, int attempts, long nextRetryAt) {}

  /**
   * The first claimable row in the dialect's order that the domain accepts; invalid rows (only a
   * foreign writer could store them) are skipped with a warning and left as they are.
   */
  private Optional<Candidate> firstClaimable(Connection tx, long nowSecond, double nowExact)
      throws SQLException {
    try (PreparedStatement select = tx.prepareStatement(runner.dialect().selectOverdueMissed())) {
      select.setLong(1, nowSecond);
      select.setDouble(2, nowExact);
      select.setLong(3, nowSecond);
      select.setDouble(4, nowExact);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          Optional<Candidate> candidate = decode(rows);
          if (candidate.isPresent()) {
            return candidate;
          }
        }
      }
    }
    return Optional.empty();
  }

  private static Optional<Candidate> decode(ResultSet row) throws SQLException {
    boolean glob = row.getInt(1) != 0;
    long id = row.getLong(2);
    try {
      byte[] missedTopic = row.getBytes(6);
      if (missedTopic == null) {
        throw new InvalidValueException("missed topic is null");
      }
      Interest interest;
      if (glob) {
        String pattern = row.getString(5);
        if (pattern == null) {
          throw new InvalidValueException("glob is null");
        }
        interest = GlobPattern.of(pattern);
      } else {
        interest = Topic.of(missedTopic);
      }
      Subscription subscription =
          new Subscription(
              new SubscriberUrl(row.getString(3)),
              interest,
              Optional.of(new SubscriberUrl(row.getString(7))));
      long attempts = row.getLong(8); // NULL reads as 0
      return Optional.of(
          new Candidate(
              id,
              subscription,
              Topic.of(missedTopic),
              (int) Math.max(0, Math.min(Integer.MAX_VALUE, attempts)),
              row.getLong(9)));
    } catch (InvalidValueException e) {
      LOG.warn(
          "not claiming invalid row {} of the {} table: {}",
          id,
          glob ? "globs" : "exacts",
          e.getMessage());
      return Optional.empty();
    }
  }

  private SqlDialect.MissedStatements statements(Subscription subscription) {
    return subscription.isGlob() ? runner.dialect().missedGlobs() : runner.dialect().missedExacts();
  }

  /** Binds the row's url and interest from {@code index} on; returns the next index. */
  private static int bindRow(PreparedStatement statement, int index, Subscription subscription)
      throws SQLException {
    statement.setString(index, subscription.url().value());
    if (subscription.interest() instanceof Topic topic) {
      statement.setBytes(index + 1, topic.bytes());
    } else if (subscription.interest() instanceof GlobPattern glob) {
      statement.setString(index + 1, glob.pattern());
    }
    return index + 2;
  }

  /** {@code ceil} of {@code instant} in epoch seconds ({@link Instant#getEpochSecond} floors). */
  private static long ceilSeconds(Instant instant) {
    return JdbcReplayGuardAdapter.ceilSeconds(instant);
  }
}
