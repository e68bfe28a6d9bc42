package io.lonelypss.application.service;

import io.lonelypss.application.port.in.AdmitNotifyCommand;
import io.lonelypss.application.port.in.NotifyCommand;
import io.lonelypss.application.port.in.NotifyUseCase;
import io.lonelypss.application.port.out.ClockPort;
import io.lonelypss.application.port.out.MissedLedgerPort;
import io.lonelypss.application.port.out.ReceiveWebhook;
import io.lonelypss.application.port.out.SubscriptionNotFoundException;
import io.lonelypss.application.port.out.SubscriptionStorePort;
import io.lonelypss.application.port.out.WebhookDeliveryPort;
import io.lonelypss.application.port.out.WebhookOutcome;
import io.lonelypss.domain.Identifier;
import io.lonelypss.domain.Message;
import io.lonelypss.domain.Subscription;
import io.lonelypss.domain.protocol.MalformedMessageException;
import io.lonelypss.domain.protocol.NotifyHeader;
import io.lonelypss.domain.protocol.ReceiveHeader;
import io.lonelypss.domain.protocol.ResponseNotify;
import io.lonelypss.domain.protocol.SubscriberAnswer;
import io.lonelypss.domain.protocol.Tracing;
import io.lonelypss.domain.protocol.WebhookAddress;
import io.lonelypss.domain.protocol.auth.SignedFields;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.random.RandomGenerator;

/**
 * Fans a message out to every matching subscription row (DECISIONS D2): one RECEIVE per row, at
 * most {@code parallelism} in flight, and the answer waits for all of them. Answers are judged by
 * DECISIONS D4.
 */
public final class NotifyService implements NotifyUseCase {
  private static final System.Logger LOG = System.getLogger(NotifyService.class.getName());

  /** Path of a broadcaster's websocket bridge: its 400 + UNSUBSCRIBE_IMMEDIATE is honoured. */
  static final String BRIDGE_RECEIVE_PATH = "/v1/receive_for_websockets";

  /** Tunables of the fan-out. */
  public record Settings(int parallelism, int identifierLength) {
    public static final Settings DEFAULTS = new Settings(32, 8);

    public Settings {
      if (parallelism < 1) {
        throw new IllegalArgumentException("parallelism must be at least 1");
      }
      if (identifierLength < 0 || identifierLength > Identifier.MAX_LENGTH) {
        throw new IllegalArgumentException("identifier length out of range");
      }
    }
  }

  private final SubscriptionStorePort store;
  private final WebhookDeliveryPort webhooks;
  private final MissedLedgerPort missed;
  private final MissedRetryPolicy retry;
  private final AuthPolicy auth;
  private final ClockPort clock;
  private final RandomGenerator random;
  private final Settings settings;

  public NotifyService(
      SubscriptionStorePort store,
      WebhookDeliveryPort webhooks,
      MissedLedgerPort missed,
      MissedRetryPolicy retry,
      AuthPolicy auth,
      ClockPort clock,
      RandomGenerator random,
      Settings settings) {
    this.store = Objects.requireNonNull(store, "store");
    this.webhooks = Objects.requireNonNull(webhooks, "webhooks");
    this.missed = Objects.requireNonNull(missed, "missed");
    this.retry = Objects.requireNonNull(retry, "retry");
    this.auth = Objects.requireNonNull(auth, "auth");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.random = Objects.requireNonNull(random, "random");
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  @Override
  public CompletionStage<Void> admit(AdmitNotifyCommand command) {
    NotifyHeader h = command.header();
    return auth.admit(
        new SignedFields.Notify(h.tracing(), h.topic(), h.identifier(), h.sha512()),
        command.authorization());
  }

  @Override
  public CompletionStage<ResponseNotify> publish(NotifyCommand command) {
    Message message = command.message();
    return deliverAll(message).thenApply(results -> answer(message, command.receivedAt(), results));
  }

  /** One RECEIVE per matching row, judged; in row order (exact rows first). */
  CompletionStage<List<DeliveryResult>> deliverAll(Message message) {
    return store
        .findMatching(message.topic())
        .thenCompose(
            subscriptions ->
                BoundedFanOut.run(
                    subscriptions,
                    settings.parallelism(),
                    subscription -> deliver(message, subscription),
                    error -> new DeliveryResult.Failed("internal error: " + error)));
  }

  private ResponseNotify answer(Message message, Instant receivedAt, List<DeliveryResult> results) {
    long confirmed = 0;
    int failed = 0;
    for (DeliveryResult r : results) {
      if (r instanceof DeliveryResult.Delivered d) {
        confirmed += d.subscribers();
      } else if (r instanceof DeliveryResult.Failed) {
        failed++;
      }
    }
    long subscribers = Math.min(confirmed, 0xffffffffL);
    int failures = failed;
    LOG.log(
        Level.DEBUG,
        () ->
            "notify on "
                + message.topic()
                + ": "
                + results.size()
                + " deliveries, "
                + failures
                + " failed, "
                + subscribers
                + " subscribers confirmed");
    byte[] tracing = Tracing.minimalNotifyBlock(nanos(receivedAt), nanos(clock.now()));
    return new ResponseNotify(
        auth.sign(
            new SignedFields.ConfirmNotify(
                tracing, message.identifier(), subscribers, message.topic(), message.sha512())),
        tracing,
        subscribers,
        message.identifier());
  }

  private static long nanos(Instant t) {
    return t.getEpochSecond() * 1_000_000_000L + t.getNano();
  }

  /** Sends one RECEIVE and judges the answer. Never fails. */
  CompletionStage<DeliveryResult> deliver(Message message, Subscription subscription) {
    Identifier deliveryId = Identifier.random(random, settings.identifierLength());
    byte[] tracing = Tracing.empty();
    ReceiveHeader header =
        new ReceiveHeader(tracing, message.topic(), deliveryId, message.body().length());
    // signed with the URL as the subscriber rebuilds it from our request (D8)
    String signingUrl = WebhookAddress.signingUrlOf(subscription.url().value());
    Optional<String> authorization =
        auth.sign(
            new SignedFields.Receive(
                tracing, signingUrl, message.topic(), deliveryId, message.sha512()));
    ReceiveWebhook webhook =
        new ReceiveWebhook(
            subscription.url(), header, message.sha512(), message.body(), authorization);
    return webhooks
        .postReceive(webhook)
        .thenCompose(outcome -> judge(subscription, signingUrl, deliveryId, outcome))
        .thenCompose(
            result -> {
              if (result instanceof DeliveryResult.Failed f) {
                LOG.log(
                    Level.DEBUG,
                    () -> "delivery to " + subscription.url() + " failed: " + f.reason());
                return recordMissed(subscription, message).thenApply(recorded -> result);
              }
              return CompletableFuture.completedFuture(result);
            });
  }

  /**
   * Marks a failed delivery for a MISSED notice when the subscription has a recovery URL (D5).
   * Never fails: the notify answer does not depend on it.
   */
  private CompletionStage<Void> recordMissed(Subscription subscription, Message message) {
    if (subscription.recovery().isEmpty()) {
      return CompletableFuture.completedFuture(null);
    }
    Optional<java.time.Duration> delay = retry.delay(0, random);
    if (delay.isEmpty()) {
      return CompletableFuture.completedFuture(null);
    }
    CompletionStage<Boolean> recorded;
    try {
      recorded = missed.recordFailure(subscription, message.topic(), clock.now().plus(delay.get()));
    } catch (RuntimeException e) {
      recorded = CompletableFuture.failedFuture(e);
    }
    return recorded.handle(
        (ok, error) -> {
          if (error != null) {
            LOG.log(
                Level.WARNING,
                "could not record a missed delivery to {0}: {1}",
                subscription.url(),
                error.toString());
          }
          return null;
        });
  }

  private CompletionStage<DeliveryResult> judge(
      Subscription subscription, String signingUrl, Identifier sent, WebhookOutcome outcome) {
    if (outcome instanceof WebhookOutcome.NoAnswer none) {
      return done(new DeliveryResult.Failed(none.reason()));
    }
    WebhookOutcome.Answered answer = (WebhookOutcome.Answered) outcome;
    boolean success = answer.status() >= 200 && answer.status() < 300;
    SubscriberAnswer parsed;
    try {
      parsed = SubscriberAnswer.parse(ByteBuffer.wrap(answer.body()));
    } catch (MalformedMessageException | IllegalArgumentException e) {
      return done(
          new DeliveryResult.Failed(
              "status " + answer.status() + " with an unreadable body: " + e.getMessage()));
    }
    if (parsed instanceof SubscriberAnswer.ConfirmReceive confirm) {
      if (!success) {
        return done(new DeliveryResult.Failed("confirmation with status " + answer.status()));
      }
      if (!confirm.identifier().sameAs(sent)) {
        return done(new DeliveryResult.Failed("confirmation echoes another identifier"));
      }
      return auth.acceptsAnswer(
              new SignedFields.ConfirmReceive(
                  confirm.tracing(), confirm.identifier(), confirm.numSubscribers(), signingUrl),
              confirm.authorization())
          .thenApply(
              accepted ->
                  accepted
                      ? new DeliveryResult.Delivered(confirm.numSubscribers())
                      : new DeliveryResult.Failed("confirmation is not correctly signed"));
    }
    if (parsed instanceof SubscriberAnswer.UnsubscribeImmediate
        && (success || isBridgeUrl(subscription))) {
      return unsubscribe(subscription);
    }
    return done(
        new DeliveryResult.Failed(
            "status " + answer.status() + " with " + parsed.getClass().getSimpleName()));
  }

  private CompletionStage<DeliveryResult> unsubscribe(Subscription subscription) {
    return store
        .remove(subscription.url(), subscription.interest())
        .handle(
            (ok, error) -> {
              Throwable cause = error instanceof CompletionException ? error.getCause() : error;
              if (cause == null || cause instanceof SubscriptionNotFoundException) {
                LOG.log(
                    Level.INFO,
                    () ->
                        "removed subscription of "
                            + subscription.url()
                            + " to "
                            + subscription.interest()
                            + " at the subscriber's request");
                return new DeliveryResult.Unsubscribed();
              }
              return new DeliveryResult.Failed("could not remove subscription: " + cause);
            });
  }

  static boolean isBridgeUrl(Subscription subscription) {
    try {
      return BRIDGE_RECEIVE_PATH.equals(new URI(subscription.url().value()).getPath());
    } catch (URISyntaxException e) {
      return false;
    }
  }

  private static CompletionStage<DeliveryResult> done(DeliveryResult result) {
    return CompletableFuture.completedFuture(result);
  }
}
