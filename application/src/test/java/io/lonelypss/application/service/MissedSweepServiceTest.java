package io.lonelypss.application.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lonelypss.application.port.out.MissedWebhook;
import io.lonelypss.application.port.out.ReceiveWebhook;
import io.lonelypss.application.port.out.WebhookDeliveryPort;
import io.lonelypss.application.port.out.WebhookOutcome;
import io.lonelypss.application.testing.InMemoryMissedLedger;
import io.lonelypss.application.testing.InMemoryReplayGuard;
import io.lonelypss.application.testing.InMemorySubscriptionStore;
import io.lonelypss.domain.GlobPattern;
import io.lonelypss.domain.SubscriberUrl;
import io.lonelypss.domain.Subscription;
import io.lonelypss.domain.Topic;
import io.lonelypss.domain.protocol.SubscriberAnswer;
import io.lonelypss.domain.protocol.auth.AuthResult;
import io.lonelypss.domain.protocol.auth.HmacScheme;
import io.lonelypss.domain.protocol.auth.SignedFields;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** DECISIONS D5 against in-memory ports, with hmac in both directions and a hand-driven clock. */
class MissedSweepServiceTest {
  private static final SubscriberUrl URL = new SubscriberUrl("http://127.0.0.1:3902/v1/receive");
  private static final SubscriberUrl RECOVER =
      new SubscriberUrl("http://127.0.0.1:3902/v1/recover#uid=1");
  private static final byte[] TO_BROADCASTER = secret(0);
  private static final byte[] TO_SUBSCRIBER = secret(0x40);

  private final AtomicReference<Instant> now =
      new AtomicReference<>(Instant.ofEpochSecond(1738000000));
  private final InMemorySubscriptionStore store = new InMemorySubscriptionStore();
  private final InMemoryMissedLedger ledger = new InMemoryMissedLedger(store);
  private final List<MissedWebhook> posted = new CopyOnWriteArrayList<>();
  private final HmacScheme subscriberSigner = new HmacScheme(TO_BROADCASTER, new Random(1));
  private final HmacScheme subscriberVerifier = new HmacScheme(TO_SUBSCRIBER, new Random(2));
  private final AuthPolicy auth =
      new AuthPolicy(
          new HmacScheme(TO_BROADCASTER, new Random(3)),
          new HmacScheme(TO_SUBSCRIBER, new Random(4)),
          new InMemoryReplayGuard(),
          now::get);
  // delays of exactly 10 s, at most 3 failed MISSED
  private final MissedRetryPolicy retry = new MissedRetryPolicy(0, 2, 10, 3, 10, 0);

  private static byte[] secret(int start) {
    byte[] b = new byte[64];
    IntStream.range(0, 64).forEach(i -> b[i] = (byte) (start + i));
    return b;
  }

  private MissedSweepService sweeper(Function<MissedWebhook, WebhookOutcome> subscriber) {
    return sweeper(subscriber, retry);
  }

  private MissedSweepService sweeper(
      Function<MissedWebhook, WebhookOutcome> subscriber, MissedRetryPolicy policy) {
    WebhookDeliveryPort webhooks =
        new WebhookDeliveryPort() {
          @Override
          public CompletionStage<WebhookOutcome> postReceive(ReceiveWebhook webhook) {
            throw new UnsupportedOperationException();
          }

          @Override
          public CompletionStage<WebhookOutcome> postMissed(MissedWebhook webhook) {
            posted.add(webhook);
            return CompletableFuture.completedFuture(subscriber.apply(webhook));
          }
        };
    return new MissedSweepService(
        ledger,
        webhooks,
        auth,
        now::get,
        new Random(5),
        policy,
        new MissedSweepService.Settings(Duration.ofSeconds(30), 4, 100));
  }

  /** A lonelypsc-like answer: CONFIRM_MISSED signed over the URL it was posted to (no fragment). */
  private WebhookOutcome confirm(MissedWebhook w) {
    String url = w.target().value().replaceFirst("#.*$", "");
    return new WebhookOutcome.Answered(
        200,
        new SubscriberAnswer.ConfirmMissed(
                subscriberSigner.authorize(
                    new SignedFields.ConfirmMissed(new byte[0], w.body().topic(), url), now.get()),
                new byte[0])
            .encode());
  }

  private Subscription failedDelivery(Subscription s, Topic topic) {
    store.add(s).toCompletableFuture().join();
    assertTrue(ledger.recordFailure(s, topic, now.get()).toCompletableFuture().join());
    return s;
  }

  private int sweep(MissedSweepService sweeper) {
    return sweeper.sweepOnce().toCompletableFuture().join();
  }

  @Test
  void aConfirmedMissedClearsThePendingNoticeAndKeepsTheSubscription() {
    Subscription s =
        failedDelivery(
            Subscription.glob(URL, GlobPattern.of("orders/*"), Optional.of(RECOVER)),
            Topic.ofUtf8("orders/1"));
    MissedSweepService sweeper = sweeper(this::confirm);
    assertEquals(1, sweep(sweeper));
    assertEquals(1, posted.size());
    MissedWebhook w = posted.get(0);
    assertEquals(RECOVER, w.target());
    assertEquals(Topic.ofUtf8("orders/1"), w.body().topic());
    // signed over the recovery URL as the subscriber rebuilds it (D8)
    assertEquals(
        AuthResult.OK,
        subscriberVerifier
            .verify(
                w.authorization(),
                new SignedFields.Missed(
                    new byte[0], "http://127.0.0.1:3902/v1/recover", Topic.ofUtf8("orders/1")),
                now.get())
            .result());
    now.set(now.get().plusSeconds(3600));
    assertEquals(0, sweep(sweeper), "nothing pending any more");
    assertEquals(1, posted.size());
    assertEquals(List.of(s), store.all());
  }

  @Test
  void aFailedMissedIsRetriedAfterTheDelayAndTheSubscriptionDeletedWhenRetriesRunOut() {
    failedDelivery(
        Subscription.exact(URL, Topic.ofUtf8("t"), Optional.of(RECOVER)), Topic.ofUtf8("t"));
    MissedSweepService sweeper = sweeper(w -> new WebhookOutcome.NoAnswer("refused"));
    assertEquals(1, sweep(sweeper), "first attempt");
    assertEquals(0, sweep(sweeper), "not due again before the delay");
    now.set(now.get().plusSeconds(10));
    assertEquals(1, sweep(sweeper), "second attempt");
    assertEquals(1, store.all().size(), "kept while retries remain");
    now.set(now.get().plusSeconds(10));
    assertEquals(1, sweep(sweeper), "third attempt");
    assertEquals(List.of(), store.all(), "deleted after 3 failed MISSED");
    assertEquals(3, posted.size());
  }

  @Test
  void anAnswerThatIsNotAValidSignedConfirmationIsAFailure() {
    failedDelivery(
        Subscription.exact(URL, Topic.ofUtf8("t"), Optional.of(RECOVER)), Topic.ofUtf8("t"));
    List<Function<MissedWebhook, WebhookOutcome>> bad =
        List.of(
            w -> new WebhookOutcome.Answered(500, confirmBody(w)),
            w ->
                new WebhookOutcome.Answered(
                    200,
                    new SubscriberAnswer.ConfirmMissed(Optional.empty(), new byte[0]).encode()),
            w -> new WebhookOutcome.Answered(200, new byte[] {0, 9}),
            w ->
                new WebhookOutcome.Answered(
                    200, new SubscriberAnswer.UnsubscribeImmediate().encode()));
    MissedRetryPolicy patient = new MissedRetryPolicy(0, 2, 10, 10, 10, 0);
    for (Function<MissedWebhook, WebhookOutcome> answer : bad) {
      assertEquals(1, sweep(sweeper(answer, patient)));
      assertEquals(0, sweep(sweeper(answer, patient)), "rescheduled, not cleared");
      now.set(now.get().plusSeconds(10));
    }
    assertEquals(4, posted.size());
    assertEquals(1, store.all().size(), "a failed MISSED never deletes before retries run out");
    assertEquals(1, sweep(sweeper(this::confirm, patient)), "still pending after 4 failures");
  }

  private byte[] confirmBody(MissedWebhook w) {
    return ((WebhookOutcome.Answered) confirm(w)).body();
  }

  @Test
  void aSubscriberDownThenBackGetsOneMissedPerFailedSubscriptionAndKeepsThem() {
    Subscription a =
        failedDelivery(
            Subscription.exact(URL, Topic.ofUtf8("a"), Optional.of(RECOVER)), Topic.ofUtf8("a"));
    Subscription b =
        failedDelivery(
            Subscription.glob(URL, GlobPattern.of("b*"), Optional.of(RECOVER)), Topic.ofUtf8("b1"));
    // a second failure on the same row is still one pending notice, about the latest topic
    ledger.recordFailure(b, Topic.ofUtf8("b2"), now.get()).toCompletableFuture().join();
    assertEquals(2, sweep(sweeper(this::confirm)));
    assertEquals(2, posted.size());
    assertEquals(
        List.of(Topic.ofUtf8("a"), Topic.ofUtf8("b2")),
        posted.stream().map(w -> w.body().topic()).sorted().toList());
    assertEquals(2, store.all().size());
    assertTrue(store.all().containsAll(List.of(a, b)));
  }
}
