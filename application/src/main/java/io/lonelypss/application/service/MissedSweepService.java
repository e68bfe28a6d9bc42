package io.lonelypss.application.service;

import io.lonelypss.application.port.in.SweepMissedUseCase;
import io.lonelypss.application.port.out.ClockPort;
import io.lonelypss.application.port.out.MissedClaim;
import io.lonelypss.application.port.out.MissedLedgerPort;
import io.lonelypss.application.port.out.MissedWebhook;
import io.lonelypss.application.port.out.WebhookDeliveryPort;
import io.lonelypss.application.port.out.WebhookOutcome;
import io.lonelypss.domain.SubscriberUrl;
import io.lonelypss.domain.protocol.MalformedMessageException;
import io.lonelypss.domain.protocol.MissedBody;
import io.lonelypss.domain.protocol.SubscriberAnswer;
import io.lonelypss.domain.protocol.Tracing;
import io.lonelypss.domain.protocol.WebhookAddress;
import io.lonelypss.domain.protocol.auth.SignedFields;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;

/**
 * Sends pending MISSED notices (DECISIONS D5): claims an overdue row under a lock (so broadcasters
 * sharing the database never double-send), POSTs MISSED to its recovery URL signed with the
 * to-subscriber scheme, clears only the missed state on a valid CONFIRM_MISSED, reschedules with
 * {@link MissedRetryPolicy} otherwise, and deletes the subscription once retries are exhausted.
 */
public final class MissedSweepService implements SweepMissedUseCase {
  private static final System.Logger LOG = System.getLogger(MissedSweepService.class.getName());

  /**
   * @param lockTime how long a claim holds its row (template: 30 s)
   * @param parallelism rows handled at once
   * @param maxPerSweep at most this many rows per sweep, so one sweep always ends
   */
  public record Settings(Duration lockTime, int parallelism, int maxPerSweep) {
    public static final Settings DEFAULTS = new Settings(Duration.ofSeconds(30), 8, 10_000);

    public Settings {
      Objects.requireNonNull(lockTime, "lockTime");
      if (lockTime.isNegative() || lockTime.isZero() || parallelism < 1 || maxPerSweep < 1) {
        throw new IllegalArgumentException("lock time, parallelism and bound must be positive");
      }
    }
  }

  private final MissedLedgerPort ledger;
  private final WebhookDeliveryPort webhooks;
  private final AuthPolicy auth;
  private final ClockPort clock;
  private final RandomGenerator random;
  private final MissedRetryPolicy retry;
  private final Settings settings;

  public MissedSweepService(
      MissedLedgerPort ledger,
      WebhookDeliveryPort webhooks,
      AuthPolicy auth,
      ClockPort clock,
      RandomGenerator random,
      MissedRetryPolicy retry,
      Settings settings) {
    this.ledger = Objects.requireNonNull(ledger, "ledger");
    this.webhooks = Objects.requireNonNull(webhooks, "webhooks");
    this.auth = Objects.requireNonNull(auth, "auth");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.random = Objects.requireNonNull(random, "random");
    this.retry = Objects.requireNonNull(retry, "retry");
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  @Override
  public CompletionStage<Integer> sweepOnce() {
    AtomicInteger handled = new AtomicInteger();
    CompletableFuture<?>[] workers = new CompletableFuture<?>[settings.parallelism()];
    for (int i = 0; i < workers.length; i++) {
      workers[i] = work(handled).toCompletableFuture();
    }
    return CompletableFuture.allOf(workers).thenApply(done -> handled.get());
  }

  /** Claims and handles rows until none is overdue or the sweep's bound is reached. */
  private CompletionStage<Void> work(AtomicInteger handled) {
    if (handled.get() >= settings.maxPerSweep()) {
      return CompletableFuture.completedFuture(null);
    }
    Instant now = clock.now();
    return ledger
        .claimOverdue(now, random.nextLong(), now.plus(settings.lockTime()))
        .thenCompose(
            claim -> {
              if (claim.isEmpty()) {
                return CompletableFuture.completedFuture(null);
              }
              handled.incrementAndGet();
              return handle(claim.get()).thenCompose(done -> work(handled));
            });
  }

  /** Posts one MISSED and records how it went; fails only when the store does. */
  CompletionStage<Void> handle(MissedClaim claim) {
    SubscriberUrl recovery = claim.subscription().recovery().orElseThrow();
    // signed with the recovery URL as the subscriber rebuilds it (DECISIONS D8)
    String signingUrl = WebhookAddress.signingUrlOf(recovery.value());
    byte[] tracing = Tracing.empty();
    Optional<String> authorization =
        auth.sign(new SignedFields.Missed(tracing, signingUrl, claim.topic()));
    return webhooks
        .postMissed(
            new MissedWebhook(recovery, new MissedBody(tracing, claim.topic()), authorization))
        .thenCompose(outcome -> confirmed(claim, signingUrl, outcome))
        .thenCompose(ok -> ok ? ledger.confirm(claim) : failed(claim));
  }

  private CompletionStage<Boolean> confirmed(
      MissedClaim claim, String signingUrl, WebhookOutcome outcome) {
    if (!(outcome instanceof WebhookOutcome.Answered answer)
        || answer.status() < 200
        || answer.status() >= 300) {
      return CompletableFuture.completedFuture(false);
    }
    SubscriberAnswer parsed;
    try {
      parsed = SubscriberAnswer.parse(ByteBuffer.wrap(answer.body()));
    } catch (MalformedMessageException | IllegalArgumentException e) {
      return CompletableFuture.completedFuture(false);
    }
    if (!(parsed instanceof SubscriberAnswer.ConfirmMissed confirm)) {
      return CompletableFuture.completedFuture(false);
    }
    return auth.acceptsAnswer(
        new SignedFields.ConfirmMissed(confirm.tracing(), claim.topic(), signingUrl),
        confirm.authorization());
  }

  private CompletionStage<Void> failed(MissedClaim claim) {
    int attempts = claim.attempts() + 1;
    Optional<Duration> delay = retry.delay(attempts, random);
    if (delay.isPresent()) {
      return ledger.reschedule(claim, attempts, clock.now().plus(delay.get()));
    }
    return ledger
        .giveUp(claim)
        .thenAccept(
            deleted -> {
              if (deleted) {
                LOG.log(
                    Level.WARNING,
                    "removed the subscription of {0} to {1}: {2} MISSED notices to {3} failed",
                    claim.subscription().url(),
                    claim.subscription().interest(),
                    attempts,
                    claim.subscription().recovery().orElseThrow());
              }
            });
  }
}
