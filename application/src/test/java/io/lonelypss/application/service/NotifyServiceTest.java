package io.lonelypss.application.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lonelypss.application.port.in.NotifyCommand;
import io.lonelypss.application.port.out.MissedClaim;
import io.lonelypss.application.port.out.MissedLedgerPort;
import io.lonelypss.application.port.out.MissedWebhook;
import io.lonelypss.application.port.out.ReceiveWebhook;
import io.lonelypss.application.port.out.WebhookDeliveryPort;
import io.lonelypss.application.port.out.WebhookOutcome;
import io.lonelypss.application.testing.InMemoryReplayGuard;
import io.lonelypss.application.testing.InMemorySubscriptionStore;
import io.lonelypss.domain.GlobPattern;
import io.lonelypss.domain.Identifier;
import io.lonelypss.domain.Message;
import io.lonelypss.domain.MessageBody;
import io.lonelypss.domain.Sha512Digest;
import io.lonelypss.domain.SubscriberUrl;
import io.lonelypss.domain.Subscription;
import io.lonelypss.domain.Topic;
import io.lonelypss.domain.protocol.ResponseNotify;
import io.lonelypss.domain.protocol.SubscriberAnswer;
import io.lonelypss.domain.protocol.Tracing;
import io.lonelypss.domain.protocol.auth.NoneScheme;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** DECISIONS D2 (one RECEIVE per row) and D4 (how answers are judged), against in-memory ports. */
class NotifyServiceTest {
  private static final SubscriberUrl URL = new SubscriberUrl("http://127.0.0.1:3902/v1/receive");
  private static final SubscriberUrl BRIDGE =
      new SubscriberUrl("http://127.0.0.1:3003/v1/receive_for_websockets");
  private static final byte[] MESSAGE = "hello world".getBytes(StandardCharsets.UTF_8);

  private final InMemorySubscriptionStore store = new InMemorySubscriptionStore();
  private final List<ReceiveWebhook> sent = new CopyOnWriteArrayList<>();
  private final RecordingLedger missed = new RecordingLedger();

  /** A webhook port answering every RECEIVE with {@code answer}; MISSED is not used here. */
  private static WebhookDeliveryPort webhooks(Function<ReceiveWebhook, WebhookOutcome> answer) {
    return new WebhookDeliveryPort() {
      @Override
      public CompletionStage<WebhookOutcome> postReceive(ReceiveWebhook webhook) {
        return CompletableFuture.completedFuture(answer.apply(webhook));
      }

      @Override
      public CompletionStage<WebhookOutcome> postMissed(MissedWebhook webhook) {
        throw new UnsupportedOperationException("no MISSED during a notify");
      }
    };
  }

  /** Records the failures a notify reports to the missed ledger. */
  private static final class RecordingLedger implements MissedLedgerPort {
    record Failure(Subscription subscription, Topic topic, Instant nextRetryAt) {}

    final List<Failure> failures = new CopyOnWriteArrayList<>();

    @Override
    public CompletionStage<Boolean> recordFailure(
        Subscription subscription, Topic topic, Instant nextRetryAt) {
      failures.add(new Failure(subscription, topic, nextRetryAt));
      return CompletableFuture.completedFuture(subscription.recovery().isPresent());
    }

    @Override
    public CompletionStage<Optional<MissedClaim>> claimOverdue(
        Instant now, long lockId, Instant lockExpiresAt) {
      throw new UnsupportedOperationException();
    }

    @Override
    public CompletionStage<Void> confirm(MissedClaim claim) {
      throw new UnsupportedOperationException();
    }

    @Override
    public CompletionStage<Void> reschedule(MissedClaim claim, int attempts, Instant next) {
      throw new UnsupportedOperationException();
    }

    @Override
    public CompletionStage<Boolean> giveUp(MissedClaim claim) {
      throw new UnsupportedOperationException();
    }
  }

  /** What one notify did: the answer and how each delivery was judged. */
  private record Outcome(long confirmedSubscribers, int attempted, int failed) {}

  private Outcome publish(Topic topic, Function<ReceiveWebhook, WebhookOutcome> subscriber) {
    Instant now = Instant.parse("2025-01-27T17:46:40Z");
    AuthPolicy none =
        new AuthPolicy(new NoneScheme(), new NoneScheme(), new InMemoryReplayGuard(), () -> now);
    NotifyService service =
        new NotifyService(
            store,
            webhooks(
                webhook -> {
                  sent.add(webhook);
                  return subscriber.apply(webhook);
                }),
            missed,
            MissedRetryPolicy.DEFAULTS,
            none,
            () -> now,
            new Random(42),
            NotifyService.Settings.DEFAULTS);
    Message message =
        new Message(
            topic,
            Sha512Digest.hash(MESSAGE),
            Identifier.of(new byte[] {1, 2, 3, 4}),
            new MessageBody.InMemory(MESSAGE));
    List<DeliveryResult> results = service.deliverAll(message).toCompletableFuture().join();
    long confirmed =
        results.stream()
            .filter(r -> r instanceof DeliveryResult.Delivered)
            .mapToLong(r -> ((DeliveryResult.Delivered) r).subscribers())
            .sum();
    long failed = results.stream().filter(r -> r instanceof DeliveryResult.Failed).count();
    return new Outcome(confirmed, results.size(), (int) failed);
  }

  @Test
  void theAnswerCarriesTheConfirmedCountTheIdentifierAndTheMinimalTracingBlock() {
    subscribe(Subscription.exact(URL, Topic.ofUtf8("t"), Optional.empty()));
    subscribe(Subscription.glob(URL, GlobPattern.of("t*"), Optional.empty()));
    Instant received = Instant.parse("2025-01-27T17:46:40.250Z");
    Instant sentAt = Instant.parse("2025-01-27T17:46:41Z");
    NotifyService service =
        new NotifyService(
            store,
            webhooks(webhook -> confirm(webhook, 200, 2)),
            missed,
            MissedRetryPolicy.DEFAULTS,
            new AuthPolicy(
                new NoneScheme(), new NoneScheme(), new InMemoryReplayGuard(), () -> sentAt),
            () -> sentAt,
            new Random(1),
            NotifyService.Settings.DEFAULTS);
    Message message =
        new Message(
            Topic.ofUtf8("t"),
            Sha512Digest.hash(MESSAGE),
            Identifier.of(new byte[] {9, 8}),
            new MessageBody.InMemory(MESSAGE));
    ResponseNotify answer =
        service.publish(new NotifyCommand(message, received)).toCompletableFuture().join();
    assertEquals(4, answer.subscribers());
    assertEquals(Identifier.of(new byte[] {9, 8}), answer.identifier());
    assertEquals(Optional.empty(), answer.authorization());
    assertEquals(
        java.util.HexFormat.of()
            .formatHex(Tracing.minimalNotifyBlock(1738000000250000000L, 1738000001000000000L)),
        java.util.HexFormat.of().formatHex(answer.tracing()));
  }

  private void subscribe(Subscription s) {
    store.add(s).toCompletableFuture().join();
  }

  private List<Subscription> rows(SubscriberUrl url) {
    return store.listForUrl(url).toCompletableFuture().join();
  }

  private static WebhookOutcome confirm(ReceiveWebhook w, int status, long count) {
    return new WebhookOutcome.Answered(
        status,
        new SubscriberAnswer.ConfirmReceive(
                Optional.empty(), Tracing.empty(), w.header().identifier(), count)
            .encode());
  }

  private static WebhookOutcome unsubscribe(int status) {
    return new WebhookOutcome.Answered(
        status, new SubscriberAnswer.UnsubscribeImmediate().encode());
  }

  @Test
  void aConfirmedDeliveryCountsTheSubscribersItReports() {
    subscribe(Subscription.exact(URL, Topic.ofUtf8("t"), Optional.empty()));
    Outcome r = publish(Topic.ofUtf8("t"), w -> confirm(w, 200, 3));
    assertEquals(3, r.confirmedSubscribers());
    assertEquals(1, r.attempted());
    assertEquals(0, r.failed());
    ReceiveWebhook w = sent.get(0);
    assertEquals(URL, w.target());
    assertEquals(8, w.header().identifier().length());
    assertEquals(MESSAGE.length, w.header().messageLength());
    assertEquals(Sha512Digest.hash(MESSAGE), w.sha512());
    assertEquals(Optional.empty(), w.authorization());
  }

  @Test
  void anExactAndAMatchingGlobOnOneUrlGetTwoDeliveriesWithFreshIdentifiers() {
    subscribe(Subscription.exact(URL, Topic.ofUtf8("orders/1"), Optional.empty()));
    subscribe(Subscription.glob(URL, GlobPattern.of("orders/*"), Optional.empty()));
    Outcome r = publish(Topic.ofUtf8("orders/1"), w -> confirm(w, 200, 1));
    assertEquals(2, r.confirmedSubscribers());
    assertEquals(2, sent.size());
    assertNotEquals(sent.get(0).header().identifier(), sent.get(1).header().identifier());
  }

  @Test
  void aTopicThatIsNotUtf8ReachesExactSubscribersOnly() {
    Topic binary = Topic.of(new byte[] {(byte) 0xff, 'a'});
    subscribe(Subscription.exact(URL, binary, Optional.empty()));
    subscribe(Subscription.glob(URL, GlobPattern.of("*"), Optional.empty()));
    Outcome r = publish(binary, w -> confirm(w, 200, 1));
    assertEquals(1, r.confirmedSubscribers());
    assertEquals(1, sent.size());
  }

  @Test
  void aConfirmationEchoingAnotherIdentifierIsAFailure() {
    subscribe(Subscription.exact(URL, Topic.ofUtf8("t"), Optional.empty()));
    Outcome r =
        publish(
            Topic.ofUtf8("t"),
            w ->
                new WebhookOutcome.Answered(
                    200,
                    new SubscriberAnswer.ConfirmReceive(
                            Optional.empty(), Tracing.empty(), Identifier.of(new byte[] {9}), 1)
                        .encode()));
    assertEquals(0, r.confirmedSubscribers());
    assertEquals(1, r.failed());
    assertEquals(1, rows(URL).size());
  }

  @Test
  void aConfirmationWithANon2xxStatusIsAFailure() {
    subscribe(Subscription.exact(URL, Topic.ofUtf8("t"), Optional.empty()));
    Outcome r = publish(Topic.ofUtf8("t"), w -> confirm(w, 500, 1));
    assertEquals(0, r.confirmedSubscribers());
    assertEquals(1, r.failed());
  }

  @Test
  void unsubscribeImmediateWith2xxRemovesOnlyThatRow() {
    subscribe(Subscription.exact(URL, Topic.ofUtf8("t"), Optional.empty()));
    subscribe(Subscription.exact(URL, Topic.ofUtf8("other"), Optional.empty()));
    Outcome r = publish(Topic.ofUtf8("t"), w -> unsubscribe(200));
    assertEquals(0, r.confirmedSubscribers());
    assertEquals(0, r.failed());
    assertEquals(
        List.of(Topic.ofUtf8("other")), rows(URL).stream().map(Subscription::interest).toList());
  }

  @Test
  void unsubscribeImmediateWith4xxFromASubscriberKeepsTheSubscription() {
    subscribe(Subscription.exact(URL, Topic.ofUtf8("t"), Optional.empty()));
    Outcome r = publish(Topic.ofUtf8("t"), w -> unsubscribe(403));
    assertEquals(1, r.failed());
    assertEquals(1, rows(URL).size());
  }

  @Test
  void unsubscribeImmediateWith400FromABroadcasterBridgeRemovesTheRow() {
    subscribe(Subscription.glob(BRIDGE, GlobPattern.of("t*"), Optional.empty()));
    Outcome r = publish(Topic.ofUtf8("t1"), w -> unsubscribe(400));
    assertEquals(0, r.failed());
    assertEquals(List.of(), rows(BRIDGE));
  }

  @Test
  void noAnswerAndUnreadableAnswersAreFailuresThatKeepTheSubscription() {
    subscribe(Subscription.exact(URL, Topic.ofUtf8("t"), Optional.empty()));
    assertEquals(
        1, publish(Topic.ofUtf8("t"), w -> new WebhookOutcome.NoAnswer("refused")).failed());
    assertEquals(
        1,
        publish(Topic.ofUtf8("t"), w -> new WebhookOutcome.Answered(200, new byte[] {0, 8, 0}))
            .failed());
    assertEquals(
        1,
        publish(
                Topic.ofUtf8("t"),
                w -> new WebhookOutcome.Answered(200, "<html>".getBytes(StandardCharsets.UTF_8)))
            .failed());
    assertEquals(1, rows(URL).size());
  }

  @Test
  void noMatchingSubscriptionAnswersZeroWithoutSendingAnything() {
    Outcome r = publish(Topic.ofUtf8("nobody"), w -> confirm(w, 200, 1));
    assertEquals(new Outcome(0, 0, 0), r);
    assertEquals(List.of(), sent);
  }

  @Test
  void bridgeUrlsAreRecognisedByTheirPath() {
    assertEquals(
        true,
        NotifyService.isBridgeUrl(Subscription.exact(BRIDGE, Topic.ofUtf8("x"), Optional.empty())));
    assertEquals(
        false,
        NotifyService.isBridgeUrl(Subscription.exact(URL, Topic.ofUtf8("x"), Optional.empty())));
    assertEquals(
        false,
        NotifyService.isBridgeUrl(
            Subscription.exact(
                new SubscriberUrl("not a url at all"), Topic.ofUtf8("x"), Optional.empty())));
  }

  @Test
  void aFailedDeliveryWithARecoveryUrlIsRecordedForAMissedNoticeAndOthersAreNot() {
    SubscriberUrl recover = new SubscriberUrl("http://127.0.0.1:3902/v1/recover");
    subscribe(Subscription.glob(URL, GlobPattern.of("t*"), Optional.of(recover)));
    subscribe(Subscription.exact(BRIDGE, Topic.ofUtf8("t1"), Optional.empty()));
    Outcome r = publish(Topic.ofUtf8("t1"), w -> new WebhookOutcome.NoAnswer("refused"));
    assertEquals(2, r.failed());
    assertEquals(1, missed.failures.size(), "only the row with a recovery url");
    RecordingLedger.Failure f = missed.failures.get(0);
    assertEquals(Topic.ofUtf8("t1"), f.topic());
    assertEquals(GlobPattern.of("t*"), f.subscription().interest());
    Instant now = Instant.parse("2025-01-27T17:46:40Z");
    // delay(0) of the template is 2 to 4 seconds (http.md 6.2), from now: not an absolute time
    assertTrue(!f.nextRetryAt().isBefore(now.plusSeconds(2)), f.nextRetryAt().toString());
    assertTrue(f.nextRetryAt().isBefore(now.plusSeconds(4)), f.nextRetryAt().toString());
  }

  @Test
  void confirmedDeliveriesRecordNothingMissed() {
    subscribe(
        Subscription.exact(
            URL,
            Topic.ofUtf8("t"),
            Optional.of(new SubscriberUrl("http://127.0.0.1:3902/v1/recover"))));
    assertEquals(1, publish(Topic.ofUtf8("t"), w -> confirm(w, 200, 1)).confirmedSubscribers());
    assertEquals(List.of(), missed.failures);
  }
}
