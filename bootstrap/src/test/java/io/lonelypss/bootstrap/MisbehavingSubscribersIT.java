package io.lonelypss.bootstrap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lonelypss.domain.Identifier;
import io.lonelypss.domain.Sha512Digest;
import io.lonelypss.domain.SubscriberUrl;
import io.lonelypss.domain.Subscription;
import io.lonelypss.domain.Topic;
import io.lonelypss.domain.protocol.CheckSubscriptionsRequest;
import io.lonelypss.domain.protocol.NotifyHeader;
import io.lonelypss.domain.protocol.ReceiveHeader;
import io.lonelypss.domain.protocol.ResponseCheckSubscriptions;
import io.lonelypss.domain.protocol.ResponseNotify;
import io.lonelypss.domain.protocol.StrongEtag;
import io.lonelypss.domain.protocol.SubscribeRequest;
import io.lonelypss.domain.protocol.SubscriberAnswer;
import io.lonelypss.domain.protocol.Tracing;
import io.lonelypss.domain.protocol.WireWriter;
import io.vertx.core.Vertx;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One NOTIFY fanned out to healthy subscribers and to real servers on loopback that misbehave in
 * every way we know of (DECISIONS D2, D4, D16): none of them delays the healthy ones beyond its own
 * timeout, makes the NOTIFY answer an error, or counts as delivered; none loses its subscription,
 * except the one answering 200 + UNSUBSCRIBE_IMMEDIATE.
 *
 * <p>No timing is assumed where it could be wrong on a slow machine: that the healthy deliveries do
 * not wait for the hanging ones is observed by the hanging server itself, at the moment the
 * broadcaster gives up on it. Wall-clock bounds only compare against sums of timeouts that can
 * never fire early.
 */
class MisbehavingSubscribersIT {
  private static final Topic TOPIC = Topic.ofUtf8("fan-out/misbehaving");

  /** Short timeouts, so the test is quick (a 1 s read timeout has a test of its own). */
  private static final Timeouts TIMEOUTS = new Timeouts(1, 2, 2);

  /** Rows (distinct URLs) on the never-answering server, and on the trickling one. */
  private static final int HANGING_ROWS = 4;

  private static final int TRICKLING_ROWS = 2;

  /**
   * The trickle: a 19-byte confirmation at this pace would take 4.75 s, well past the total
   * timeout, while each byte is progress well within the read timeout.
   */
  private static final Duration TRICKLE_INTERVAL = Duration.ofMillis(250);

  /**
   * With the default connect and read timeouts, the never-accepted and the hanging rows alone would
   * hold a NOTIFY this long: a NOTIFY answered sooner shows the configured ones in force.
   */
  private static final Duration DEFAULT_TIMEOUTS_FLOOR =
      seconds(Setting.WEBHOOK_CONNECT_TIMEOUT).compareTo(seconds(Setting.WEBHOOK_READ_TIMEOUT)) < 0
          ? seconds(Setting.WEBHOOK_CONNECT_TIMEOUT)
          : seconds(Setting.WEBHOOK_READ_TIMEOUT);

  /** Large enough that a server closing at its first read really closes mid-body. */
  private static final int MESSAGE_LENGTH = 128 * 1024;

  private static final long SAFETY_SECONDS = 30;

  /** What the never-answering server saw when the broadcaster closed one of its requests. */
  private record HangClosed(byte[] message, Set<String> healthyAlreadyDelivered) {}

  /** One subscription row, in creation order (which is delivery order, exact rows by id). */
  private record Row(String name, SubscriberUrl url, boolean expectedToBeRemoved) {}

  private record Published(ResponseNotify answer, Duration elapsed) {}

  /** Webhook timeouts (DECISIONS D16) in whole seconds, as given on the command line. */
  private record Timeouts(int connectSeconds, int readSeconds, int totalSeconds) {
    List<String> flags() {
      return List.of(
          "--webhook-connect-timeout",
          Integer.toString(connectSeconds),
          "--webhook-read-timeout",
          Integer.toString(readSeconds),
          "--webhook-total-timeout",
          Integer.toString(totalSeconds));
    }

    Duration read() {
      return Duration.ofSeconds(readSeconds);
    }

    /**
     * The least time the slow rows can take one after the other: the row that is never accepted
     * keeps a delivery busy for the connect timeout, every hanging row for the read timeout, every
     * trickling row for the total timeout (or the read timeout, were a trickled byte late), and
     * these timers never fire early. Delivered in parallel, one NOTIFY must take less.
     */
    Duration slowRowsFloor() {
      int trickling = Math.min(readSeconds, totalSeconds);
      return Duration.ofSeconds(
          connectSeconds + (long) readSeconds * HANGING_ROWS + (long) trickling * TRICKLING_ROWS);
    }
  }

  @TempDir Path dir;

  private Vertx vertx;
  private final List<AutoCloseable> servers = new ArrayList<>();
  private final Map<String, FakeSubscriber> healthy = new LinkedHashMap<>();
  private final BlockingQueue<HangClosed> hangClosures = new LinkedBlockingQueue<>();
  private final List<Row> rows = new ArrayList<>();

  private MisbehavingSubscriber refusing;
  private MisbehavingSubscriber notAccepting;
  private MisbehavingSubscriber hanging;
  private MisbehavingSubscriber trickling;
  private MisbehavingSubscriber closingMidRequest;
  private MisbehavingSubscriber closingMidAnswer;
  private MisbehavingSubscriber sendingNonHttp;
  private FakeSubscriber confirmingWith500;
  private FakeSubscriber answering200Garbage;
  private FakeSubscriber echoingWrongIdentifier;
  private FakeSubscriber failingVerification403;
  private FakeSubscriber unsubscribing200;

  private RunningBroadcaster broadcaster;
  private BroadcasterClient client;

  @BeforeEach
  void startSubscribers() throws Exception {
    vertx = Vertx.vertx();
    for (String name : List.of("first", "middle", "last")) {
      healthy.put(name, serve(FakeSubscriber.start(vertx, 0)));
    }
    refusing = serve(MisbehavingSubscriber.refusingConnections());
    notAccepting = serve(MisbehavingSubscriber.notAccepting());
    hanging = serve(MisbehavingSubscriber.neverAnswering(vertx, this::recordHangClosed));
    trickling = serve(MisbehavingSubscriber.trickling(vertx, TRICKLE_INTERVAL));
    closingMidRequest = serve(MisbehavingSubscriber.closingMidRequest(vertx));
    closingMidAnswer = serve(MisbehavingSubscriber.closingMidAnswer(vertx));
    byte[] garbage = new byte[300];
    new Random(3).nextBytes(garbage);
    byte[] nonHttp =
        new WireWriter()
            .raw(garbage)
            .raw("\r\nnot HTTP at all\r\n\r\n".getBytes(StandardCharsets.US_ASCII))
            .toByteArray();
    sendingNonHttp = serve(MisbehavingSubscriber.sendingNonHttp(vertx, nonHttp));

    confirmingWith500 = serve(FakeSubscriber.start(vertx, 0));
    confirmingWith500.answerWith(
        r -> new FakeSubscriber.Answer(500, FakeSubscriber.confirm(r).body()));
    answering200Garbage = serve(FakeSubscriber.start(vertx, 0));
    answering200Garbage.answerWith(
        r ->
            new FakeSubscriber.Answer(
                200, "this is not a lonelypss answer".getBytes(StandardCharsets.US_ASCII)));
    echoingWrongIdentifier = serve(FakeSubscriber.start(vertx, 0));
    echoingWrongIdentifier.answerWith(
        r -> {
          byte[] other = r.header().identifier().bytes();
          for (int i = 0; i < other.length; i++) {
            other[i] = (byte) ~other[i];
          }
          return new FakeSubscriber.Answer(
              200,
              new SubscriberAnswer.ConfirmReceive(
                      Optional.empty(), Tracing.empty(), Identifier.of(other), 1)
                  .encode());
        });
    // what lonelypsc answers when it fails to verify a webhook (http.md 7.2)
    failingVerification403 = serve(FakeSubscriber.start(vertx, 0));
    failingVerification403.answerWith(
        r -> new FakeSubscriber.Answer(403, new SubscriberAnswer.UnsubscribeImmediate().encode()));
    unsubscribing200 = serve(FakeSubscriber.start(vertx, 0));
    unsubscribing200.answerWith(
        r -> new FakeSubscriber.Answer(200, new SubscriberAnswer.UnsubscribeImmediate().encode()));
  }

  private <T extends AutoCloseable> T serve(T server) {
    servers.add(server);
    return server;
  }

  @AfterEach
  void stopAll() throws Exception {
    TestBroadcasters.stop(broadcaster);
    for (AutoCloseable server : servers) {
      server.close();
    }
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  /** Runs on the hanging server's event loop, the moment the broadcaster drops the request. */
  private void recordHangClosed(byte[] receiveBody) {
    byte[] message = messageOf(receiveBody);
    Set<String> delivered =
        healthy.entrySet().stream()
            .filter(
                e ->
                    e.getValue().received.stream()
                        .anyMatch(r -> Arrays.equals(r.message(), message)))
            .map(Map.Entry::getKey)
            .collect(Collectors.toUnmodifiableSet());
    hangClosures.add(new HangClosed(message, delivered));
  }

  private static byte[] messageOf(byte[] receiveBody) {
    ByteBuffer view = ByteBuffer.wrap(receiveBody);
    if (ReceiveHeader.tryParse(view).isEmpty()) {
      return new byte[0];
    }
    byte[] message = new byte[view.remaining()];
    view.get(message);
    return message;
  }

  @Test
  void misbehavingSubscribersNeitherDelayTheOthersNorFailTheNotifyNorLoseTheirSubscription()
      throws Exception {
    twoRoundsInParallel(TIMEOUTS);
  }

  /**
   * The same with a read timeout of 1 s: the webhook client's socket idle timeout once equalled the
   * keep-alive time here, and a pooled connection could be closed under round 2's delivery.
   */
  @Test
  void withAOneSecondReadTimeoutHealthySubscribersStillGetTheSecondRound() throws Exception {
    twoRoundsInParallel(new Timeouts(1, 1, 2));
  }

  /**
   * One NOTIFY to everyone, twice (nothing got stuck), at the default parallelism (32, more than
   * the rows).
   */
  private void twoRoundsInParallel(Timeouts timeouts) throws Exception {
    startBroadcaster(timeouts);
    subscribeEveryone();

    for (int round = 1; round <= 2; round++) {
      byte[] message = messageFor(round);
      Published published = publish(message, round);

      assertEquals(
          healthy.size(),
          published.answer().subscribers(),
          "round " + round + ": only the healthy subscribers count");
      assertHealthyReceivedIntact(message, round);

      // The healthy deliveries did not wait for the hanging ones: when the broadcaster dropped
      // each hanging request, every healthy subscriber already had this round's message.
      for (int i = 0; i < HANGING_ROWS; i++) {
        HangClosed closed = awaitHangClosed();
        assertArrayEquals(message, closed.message(), "round " + round + ": the request dropped");
        assertEquals(
            healthy.keySet(),
            closed.healthyAlreadyDelivered(),
            "round " + round + ": healthy subscribers delivered while a hanging request was open");
      }

      // One timeout cycle, not the sum of them; but the answer did wait for the hanging rows.
      assertTrue(
          published.elapsed().compareTo(timeouts.slowRowsFloor()) < 0,
          "round "
              + round
              + ": the notify took "
              + published.elapsed()
              + ", not less than the "
              + timeouts.slowRowsFloor()
              + " the slow rows take one after another");
      assertTrue(
          published.elapsed().compareTo(DEFAULT_TIMEOUTS_FLOOR) < 0,
          "round "
              + round
              + ": the configured timeouts, not the defaults, are in force: the notify took "
              + published.elapsed());
      assertTrue(
          published.elapsed().compareTo(timeouts.read()) >= 0,
          "round " + round + ": the answer waits for every delivery, took " + published.elapsed());

      assertMisbehavingWereTriedAndFailed(message, round);
      assertSubscriptionsLeft();
    }
    assertEquals(1, unsubscribing200.received.size(), "a removed row gets nothing more");
  }

  @Test
  void withParallelismOneEveryDeliveryStillHappensOneAfterAnother() throws Exception {
    startBroadcaster(TIMEOUTS, "--fanout-parallelism", "1");
    subscribeEveryone();
    byte[] message = messageFor(1);

    Published published = publish(message, 1);

    assertEquals(healthy.size(), published.answer().subscribers());
    assertHealthyReceivedIntact(message, 1);
    // one at a time, in row order: "first" was before the hanging rows, "last" after them all
    for (int i = 0; i < HANGING_ROWS; i++) {
      HangClosed closed = awaitHangClosed();
      assertArrayEquals(message, closed.message());
      assertTrue(
          closed.healthyAlreadyDelivered().contains("first"),
          "the row before the hanging ones was delivered first: " + closed);
      assertFalse(
          closed.healthyAlreadyDelivered().contains("last"),
          "the row after the hanging ones waited for them: " + closed);
    }
    assertTrue(
        published.elapsed().compareTo(TIMEOUTS.slowRowsFloor()) >= 0,
        "one at a time, the slow rows take at least "
            + TIMEOUTS.slowRowsFloor()
            + ", took "
            + published.elapsed());
    assertMisbehavingWereTriedAndFailed(message, 1);
    assertSubscriptionsLeft();
  }

  private static Duration seconds(Setting setting) {
    return Duration.ofSeconds(Long.parseLong(setting.defaultValue()));
  }

  private void startBroadcaster(Timeouts timeouts, String... flags) throws Exception {
    List<String> all = new ArrayList<>(timeouts.flags());
    all.addAll(List.of(flags));
    broadcaster = TestBroadcasters.start(dir, all.toArray(String[]::new));
    client = new BroadcasterClient(broadcaster.baseUrl());
  }

  /**
   * Healthy rows first, in the middle and last; the misbehaving ones in between, the hanging rows
   * all between "first" and "last".
   */
  private void subscribeEveryone() throws Exception {
    subscribe("healthy first", healthy.get("first").url("/v1/receive"), false);
    subscribe(refusing.name(), refusing.url("/v1/receive"), false);
    subscribe(hanging.name() + " 1", hanging.url("/v1/receive/1"), false);
    subscribe("500 + confirmation", confirmingWith500.url("/v1/receive"), false);
    subscribe(hanging.name() + " 2", hanging.url("/v1/receive/2"), false);
    subscribe(trickling.name() + " 1", trickling.url("/v1/receive/1"), false);
    subscribe(closingMidRequest.name(), closingMidRequest.url("/v1/receive"), false);
    subscribe(notAccepting.name(), notAccepting.url("/v1/receive"), false);
    subscribe("healthy middle", healthy.get("middle").url("/v1/receive"), false);
    subscribe(sendingNonHttp.name(), sendingNonHttp.url("/v1/receive"), false);
    subscribe(hanging.name() + " 3", hanging.url("/v1/receive/3"), false);
    subscribe("200 + garbage", answering200Garbage.url("/v1/receive"), false);
    subscribe("200 + wrong identifier", echoingWrongIdentifier.url("/v1/receive"), false);
    subscribe(trickling.name() + " 2", trickling.url("/v1/receive/2"), false);
    subscribe(closingMidAnswer.name(), closingMidAnswer.url("/v1/receive"), false);
    subscribe("403 + UNSUBSCRIBE_IMMEDIATE", failingVerification403.url("/v1/receive"), false);
    subscribe(hanging.name() + " 4", hanging.url("/v1/receive/4"), false);
    subscribe("200 + UNSUBSCRIBE_IMMEDIATE", unsubscribing200.url("/v1/receive"), true);
    subscribe("healthy last", healthy.get("last").url("/v1/receive"), false);
    assertSubscriptionsLeft(row -> false);
  }

  private void subscribe(String name, String url, boolean expectedToBeRemoved) throws Exception {
    Row row = new Row(name, new SubscriberUrl(url), expectedToBeRemoved);
    HttpResponse<byte[]> r =
        client.post(
            "/v1/subscribe/exact",
            new SubscribeRequest(
                    new Subscription(row.url(), TOPIC, Optional.empty()), Tracing.empty())
                .encode());
    assertEquals(200, r.statusCode(), "subscribing " + name);
    rows.add(row);
  }

  private static byte[] messageFor(int round) {
    byte[] message = new byte[MESSAGE_LENGTH];
    new Random(round).nextBytes(message);
    return message;
  }

  private Published publish(byte[] message, int round) throws Exception {
    Identifier id = Identifier.of(new byte[] {9, 9, (byte) round});
    NotifyHeader header =
        new NotifyHeader(TOPIC, Sha512Digest.hash(message), Tracing.empty(), id, message.length);
    byte[] body = new WireWriter().raw(header.encode()).raw(message).toByteArray();
    long start = System.nanoTime();
    HttpResponse<byte[]> r = client.post("/v1/notify", body);
    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
    assertEquals(200, r.statusCode(), "round " + round + ": misbehaving subscribers are no error");
    ResponseNotify answer = ResponseNotify.parse(ByteBuffer.wrap(r.body()));
    assertEquals(id, answer.identifier());
    return new Published(answer, elapsed);
  }

  private void assertHealthyReceivedIntact(byte[] message, int round) {
    for (Map.Entry<String, FakeSubscriber> e : healthy.entrySet()) {
      List<FakeSubscriber.Received> received = e.getValue().received;
      assertEquals(round, received.size(), e.getKey() + ": one RECEIVE per round");
      FakeSubscriber.Received r = received.get(round - 1);
      assertNotNull(r.header(), e.getKey() + ": RECEIVE header parses");
      assertEquals(TOPIC, r.header().topic());
      assertEquals(message.length, r.header().messageLength());
      assertArrayEquals(message, r.message(), e.getKey() + ": message intact");
      assertEquals(
          ReceiveHeader.reprDigest(Sha512Digest.hash(message)), r.headers().get("Repr-Digest"));
    }
  }

  /**
   * Every misbehaving subscriber that can see a request got this round's (so its failure is its
   * own, not a delivery that never started), and none got a second try.
   */
  private void assertMisbehavingWereTriedAndFailed(byte[] message, int round) throws Exception {
    assertEquals(HANGING_ROWS * round, hanging.requests.get(), "never-answering requests");
    assertEquals(TRICKLING_ROWS * round, trickling.requests.get(), "trickled requests");
    for (int i = 0; i < TRICKLING_ROWS; i++) {
      Integer written = trickling.brokenOff.poll(SAFETY_SECONDS, TimeUnit.SECONDS);
      assertNotNull(written, "round " + round + ": the trickle was cut off");
      assertTrue(written < 19, "cut before the 19-byte confirmation was out: " + written);
    }
    assertEquals(0, trickling.completedAnswers.get(), "no trickled answer got through");
    assertEquals(round, closingMidRequest.requests.get(), "mid-request closes");
    Integer read = closingMidRequest.brokenOff.poll(SAFETY_SECONDS, TimeUnit.SECONDS);
    assertNotNull(read, "round " + round + ": closed mid-request");
    assertTrue(read < message.length, "closed after reading " + read + " bytes: mid-body");
    assertEquals(round, closingMidAnswer.requests.get(), "mid-answer closes");
    assertEquals(round, sendingNonHttp.requests.get(), "non-HTTP answers");
    for (FakeSubscriber s :
        List.of(
            confirmingWith500,
            answering200Garbage,
            echoingWrongIdentifier,
            failingVerification403)) {
      assertEquals(round, s.received.size(), "one RECEIVE per round to every row");
      assertArrayEquals(message, s.received.get(round - 1).message());
    }
    assertEquals(1, unsubscribing200.received.size());
  }

  private void assertSubscriptionsLeft() throws Exception {
    assertSubscriptionsLeft(Row::expectedToBeRemoved);
  }

  /** Every row is still stored, checked through its URL's etag, except those {@code gone}. */
  private void assertSubscriptionsLeft(Predicate<Row> gone) throws Exception {
    for (Row row : rows) {
      List<Subscription> expected =
          gone.test(row)
              ? List.of()
              : List.of(new Subscription(row.url(), TOPIC, Optional.empty()));
      HttpResponse<byte[]> r =
          client.post(
              "/v1/check_subscriptions",
              new CheckSubscriptionsRequest(Tracing.empty(), row.url()).encode());
      assertEquals(200, r.statusCode());
      StrongEtag etag = ResponseCheckSubscriptions.parse(ByteBuffer.wrap(r.body())).etag();
      assertEquals(
          StrongEtag.ofSubscriptions(row.url(), expected),
          etag,
          row.name() + (gone.test(row) ? ": subscription removed" : ": subscription kept"));
    }
  }

  private HangClosed awaitHangClosed() throws InterruptedException {
    HangClosed closed = hangClosures.poll(SAFETY_SECONDS, TimeUnit.SECONDS);
    assertNotNull(closed, "the broadcaster dropped the never-answered request");
    return closed;
  }
}
