package io.lonelypss.bootstrap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lonelypss.application.port.out.ClockPort;
import io.lonelypss.domain.GlobPattern;
import io.lonelypss.domain.Identifier;
import io.lonelypss.domain.Interest;
import io.lonelypss.domain.Sha512Digest;
import io.lonelypss.domain.SubscriberUrl;
import io.lonelypss.domain.Subscription;
import io.lonelypss.domain.Topic;
import io.lonelypss.domain.protocol.CheckSubscriptionsRequest;
import io.lonelypss.domain.protocol.MissedBody;
import io.lonelypss.domain.protocol.NotifyHeader;
import io.lonelypss.domain.protocol.ResponseCheckSubscriptions;
import io.lonelypss.domain.protocol.ResponseNotify;
import io.lonelypss.domain.protocol.SetSubscriptionsRequest;
import io.lonelypss.domain.protocol.StrongEtag;
import io.lonelypss.domain.protocol.SubscribeRequest;
import io.lonelypss.domain.protocol.SubscriberAnswer;
import io.lonelypss.domain.protocol.Tracing;
import io.lonelypss.domain.protocol.UnsubscribeRequest;
import io.lonelypss.domain.protocol.WireReader;
import io.lonelypss.domain.protocol.WireWriter;
import io.lonelypss.domain.protocol.auth.AuthResult;
import io.lonelypss.domain.protocol.auth.AuthScheme;
import io.lonelypss.domain.protocol.auth.SignedFields;
import io.lonelypss.domain.testing.Vectors;
import io.vertx.core.Vertx;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

/**
 * Replays every exchange of one auth mode of {@code vectors/http-messages.json} against the real
 * broadcaster (SQLite, HTTP, webhooks) in capture order, with the subscriber S on 127.0.0.1:3902
 * and a peer broadcaster B on 127.0.0.1:3904 as in the capture, the capture's secrets, and the
 * clock frozen at the capture's time (DECISIONS D18).
 *
 * <p>Requests to the broadcaster are sent as recorded (body and {@code Authorization}) and must get
 * the recorded status and, for 200 answers, the recorded bytes. Where a signature is involved our
 * nonce differs, so the {@code authorization} field is verified with the to-subscriber secret over
 * what it must cover, and the rest compared byte for byte. RESPONSE_NOTIFY's tracing block is ours
 * (D13) and its subscriber count follows D1/D2. RECEIVEs the capture shows arriving at S are
 * compared with what our broadcaster sends S. The websocket bridge routes belong with the websocket
 * work.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class HttpVectorReplay {
  private static final int S_PORT = 3902;
  private static final int B_PORT = 3904;
  private static final String S_RECEIVE = "http://127.0.0.1:3902/v1/receive";
  private static final String B_RECEIVE = "http://127.0.0.1:3904/v1/receive_for_websockets";
  private static final Instant CAPTURE_TIME = Instant.ofEpochSecond(1738000000, 250_000_000);
  private static final ClockPort FROZEN = () -> CAPTURE_TIME;

  /** Subscriber counts under our rules, where they differ from or confirm the capture. */
  private static final Map<String, Long> EXPECTED_NOTIFY_COUNTS =
      Map.of(
          // D1 + D2: the glob "orders/*" matches over HTTP too, so S gets two copies
          "notify", 2L,
          "notify_binary_topic_no_subscribers", 0L,
          // B confirms with 0 local websocket subscribers
          "cluster_notify_via_A_reaches_B", 0L,
          // D8: with hmac too, S verifies our RECEIVE and confirms
          "notify_to_url_with_fragment", 1L,
          "notify_to_unreachable_subscriber", 0L);

  private Path dir;

  private final String mode;
  private final int expectedCases;
  private Vertx vertx;
  private FakeSubscriber s;
  private FakeSubscriber b;
  private RunningBroadcaster a;
  private BroadcasterClient client;
  private AuthScheme toBroadcaster;
  private AuthScheme toSubscriber;

  HttpVectorReplay(String mode, int expectedCases) {
    this.mode = mode;
    this.expectedCases = expectedCases;
  }

  @BeforeAll
  void start() throws Exception {
    dir = Files.createTempDirectory("lonelypss-replay-" + mode);
    List<Map<String, Object>> all = cases();
    Map<String, Object> secrets = Vectors.object(all.get(0), "secrets");
    SecretsFile.Direction in = direction(secrets, "to_broadcaster");
    SecretsFile.Direction out = direction(secrets, "to_subscriber");
    toBroadcaster = in.scheme(new Random(11));
    toSubscriber = out.scheme(new Random(12));
    Path secretsFile = dir.resolve("broadcaster-secrets.json");
    Files.writeString(secretsFile, new SecretsFile(in, out).toJson());

    vertx = Vertx.vertx();
    s = FakeSubscriber.start(vertx, S_PORT);
    s.answerWith(FakeSubscriber.confirmingWith(toBroadcaster, () -> CAPTURE_TIME));
    b = FakeSubscriber.start(vertx, B_PORT);
    // B answers like a broadcaster's bridge with no websocket client attached
    b.answerWith(
        r ->
            new FakeSubscriber.Answer(
                200,
                new SubscriberAnswer.ConfirmReceive(
                        toBroadcaster.authorize(
                            new SignedFields.ConfirmReceive(
                                new byte[0], r.header().identifier(), 0, B_RECEIVE),
                            CAPTURE_TIME),
                        Tracing.empty(),
                        r.header().identifier(),
                        0)
                    .encode()));
    a = TestBroadcasters.start(dir, FROZEN, "--secrets", secretsFile.toString());
    client = new BroadcasterClient(a.baseUrl());
  }

  private SecretsFile.Direction direction(Map<String, Object> secrets, String key) {
    return mode.equals("none")
        ? SecretsFile.Direction.NO_AUTH
        : new SecretsFile.Direction(mode, (String) secrets.get(key));
  }

  @AfterAll
  void stop() throws Exception {
    TestBroadcasters.stop(a);
    if (s != null) {
      s.close();
    }
    if (b != null) {
      b.close();
    }
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  private List<Map<String, Object>> cases() {
    List<Map<String, Object>> cases = new ArrayList<>();
    for (Map<String, Object> c : Vectors.load("http-messages.json")) {
      String path = (String) c.get("path");
      if (mode.equals(c.get("auth_mode")) && !path.endsWith("_for_websockets")) {
        cases.add(c);
      }
    }
    return cases;
  }

  @TestFactory
  Stream<DynamicTest> exchangesReplayInOrder() {
    List<Map<String, Object>> cases = cases();
    assertEquals(expectedCases, cases.size(), mode + " exchanges outside the websocket bridge");
    List<String> setUp = new ArrayList<>();
    return cases.stream().map(c -> DynamicTest.dynamicTest(displayName(c), () -> replay(c, setUp)));
  }

  private String displayName(Map<String, Object> c) {
    String name = (String) c.get("name");
    if (name.endsWith("/v1/notify") && c.get("response_status").equals(200L)) {
      return name + " [D13 tracing, D1/D2 count]";
    }
    if (name.endsWith("/v1/recover")) {
      return name + " [MISSED sweep comes with issue 4: codec only]";
    }
    if (name.contains("/S/v1/receive") && name.contains("error_receive")) {
      return name + " [D4: subscriber's 4xx + UNSUBSCRIBE_IMMEDIATE keeps the row]";
    }
    if (name.contains("url_with_fragment/S") && c.get("response_status").equals(403L)) {
      return name + " [D8: our RECEIVE verifies at S]";
    }
    return name;
  }

  private void replay(Map<String, Object> c, List<String> setUp) throws Exception {
    String step = (String) c.get("step");
    if (!setUp.contains(step)) {
      setUp.add(step);
      prepare(step);
    }
    String receiver = (String) c.get("receiver");
    if (receiver.startsWith("broadcaster")) {
      replayToBroadcaster(c);
    } else if (((String) c.get("path")).equals("/v1/recover")) {
      checkMissedCodec(c);
    } else if (step.startsWith("error_receive")) {
      replaySubscriberRejection(c);
    } else {
      checkWhatSReceived(c);
    }
  }

  /** State the capture made outside the recorded exchanges (direct subscriptions). */
  private void prepare(String step) throws Exception {
    switch (step) {
      case "cluster_notify_via_A_reaches_B" ->
          subscribe(B_RECEIVE, "cluster/topic", "http://127.0.0.1:3904/v1/missed_for_websockets");
      case "notify_to_url_with_fragment" -> subscribe(S_RECEIVE + "#uid=frag", "frag/topic", null);
      case "notify_to_unreachable_subscriber" ->
          subscribe(
              "http://127.0.0.1:3901/v1/receive",
              "missed/topic",
              "http://127.0.0.1:3902/v1/recover");
      default -> {
        // nothing to prepare
      }
    }
  }

  private void subscribe(String url, String topic, String recovery) throws Exception {
    Subscription sub =
        Subscription.exact(
            new SubscriberUrl(url),
            Topic.ofUtf8(topic),
            Optional.ofNullable(recovery).map(SubscriberUrl::new));
    Optional<String> auth =
        toBroadcaster.authorize(
            new SignedFields.SubscribeExact(
                new byte[0], url, Optional.ofNullable(recovery), Topic.ofUtf8(topic)),
            CAPTURE_TIME);
    assertEquals(
        200,
        client
            .post("/v1/subscribe/exact", new SubscribeRequest(sub, Tracing.empty()).encode(), auth)
            .statusCode());
  }

  private void unsubscribe(String url, Topic topic) throws Exception {
    Optional<String> auth =
        toBroadcaster.authorize(
            new SignedFields.SubscribeExact(new byte[0], url, Optional.empty(), topic),
            CAPTURE_TIME);
    assertEquals(
        200,
        client
            .post(
                "/v1/unsubscribe/exact",
                new UnsubscribeRequest(new SubscriberUrl(url), topic, Tracing.empty()).encode(),
                auth)
            .statusCode());
  }

  private void replayToBroadcaster(Map<String, Object> c) throws Exception {
    s.received.clear();
    b.received.clear();
    String path = (String) c.get("path");
    byte[] request = Vectors.hex((String) c.get("request_body_hex"));
    HttpResponse<byte[]> r =
        client.post(path, request, Optional.ofNullable(header(c, "authorization")));
    long expectedStatus = (Long) c.get("response_status");
    assertEquals(expectedStatus, r.statusCode(), "status");
    byte[] recorded = Vectors.hex((String) c.get("response_body_hex"));
    if (expectedStatus != 200) {
      assertEquals(0, r.body().length, "error answers have an empty body");
      return;
    }
    if (!path.equals("/v1/notify")) {
      assertEquals(
          Vectors.hex(withoutAuthorization(recorded)),
          Vectors.hex(withoutAuthorization(r.body())),
          "response bytes, authorization aside");
      assertSignedBySubscriberSecret(
          responseAuthorization(r.body()), responseFields(path, request, r.body()));
      return;
    }
    Map<String, Object> decoded = Vectors.object(c, "response_decoded");
    ResponseNotify ours = ResponseNotify.parse(ByteBuffer.wrap(r.body()));
    ResponseNotify theirs = ResponseNotify.parse(ByteBuffer.wrap(recorded));
    assertEquals(theirs.identifier(), ours.identifier(), "identifier echoed");
    assertEquals(decoded.get("identifier_hex"), ours.identifier().toString());
    assertMinimalTracing(ours.tracing());
    String step = (String) c.get("step");
    assertEquals(EXPECTED_NOTIFY_COUNTS.get(step), ours.subscribers(), "subscribers under D1/D2");
    assertEquals(decoded.get("num_subscribers"), theirs.subscribers());
    NotifyHeader header = NotifyHeader.tryParse(ByteBuffer.wrap(request)).orElseThrow();
    assertSignedBySubscriberSecret(
        ours.authorization(),
        new SignedFields.ConfirmNotify(
            ours.tracing(),
            ours.identifier(),
            ours.subscribers(),
            header.topic(),
            header.sha512()));
    if (step.equals("cluster_notify_via_A_reaches_B")) {
      assertEquals(1, b.received.size(), "B got the RECEIVE for its bridge subscription");
      assertEquals("/v1/receive_for_websockets", b.received.get(0).path());
    }
  }

  /** What our answer's signature must cover, rebuilt from the request and the answer. */
  private static SignedFields responseFields(String path, byte[] request, byte[] response) {
    ByteBuffer req = ByteBuffer.wrap(request);
    byte[] tracing = responseTracing(response);
    return switch (path) {
      case "/v1/subscribe/exact", "/v1/subscribe/glob" -> {
        SubscribeRequest sr =
            path.endsWith("glob")
                ? SubscribeRequest.parseGlob(req)
                : SubscribeRequest.parseExact(req);
        Subscription sub = sr.subscription();
        yield confirmFields(
            sub.url().value(), sub.recovery().map(SubscriberUrl::value), sub.interest(), tracing);
      }
      case "/v1/unsubscribe/exact", "/v1/unsubscribe/glob" -> {
        UnsubscribeRequest ur =
            path.endsWith("glob")
                ? UnsubscribeRequest.parseGlob(req)
                : UnsubscribeRequest.parseExact(req);
        yield confirmFields(ur.url().value(), Optional.empty(), ur.interest(), tracing);
      }
      case "/v1/check_subscriptions" ->
          new SignedFields.CheckSubscriptionsResponse(
              tracing, ResponseCheckSubscriptions.parse(ByteBuffer.wrap(response)).etag());
      case "/v1/set_subscriptions" ->
          new SignedFields.SetSubscriptionsResponse(
              tracing, SetSubscriptionsRequest.parse(req).etag());
      default -> throw new AssertionError("unexpected path " + path);
    };
  }

  private static SignedFields confirmFields(
      String url, Optional<String> recovery, Interest interest, byte[] tracing) {
    return interest instanceof GlobPattern glob
        ? new SignedFields.ConfirmSubscribeGlob(tracing, url, recovery, glob)
        : new SignedFields.ConfirmSubscribeExact(tracing, url, recovery, (Topic) interest);
  }

  private void assertSignedBySubscriberSecret(Optional<String> authorization, SignedFields fields) {
    if (mode.equals("none")) {
      assertEquals(Optional.empty(), authorization, "none: no authorization");
      return;
    }
    assertEquals(
        AuthResult.OK,
        toSubscriber.verify(authorization, fields, CAPTURE_TIME).result(),
        "signed with the to-subscriber secret: " + authorization);
  }

  /** The {@code authorization} field of a broadcaster response body (after the u16 type). */
  private static Optional<String> responseAuthorization(byte[] response) {
    WireReader r = WireReader.of(response);
    r.u16("type");
    String value = r.utf8Lp16("authorization");
    return value.isEmpty() ? Optional.empty() : Optional.of(value);
  }

  private static byte[] responseTracing(byte[] response) {
    WireReader r = WireReader.of(response);
    r.u16("type");
    r.lp16("authorization");
    return r.lp16("tracing");
  }

  /** The response with its {@code authorization} field emptied, for comparing the rest. */
  private static byte[] withoutAuthorization(byte[] response) {
    int length = ByteBuffer.wrap(response).getShort(2) & 0xffff;
    return new WireWriter()
        .raw(Arrays.copyOfRange(response, 0, 2))
        .u16(0)
        .raw(Arrays.copyOfRange(response, 4 + length, response.length))
        .toByteArray();
  }

  private static void assertMinimalTracing(byte[] tracing) {
    assertEquals(Tracing.MINIMAL_NOTIFY_BLOCK_LENGTH, tracing.length, "D13 minimal block");
    ByteBuffer t = ByteBuffer.wrap(tracing);
    assertEquals(0, t.get(), "not truncated");
    assertEquals(0, t.getShort(), "no traces");
    long received = t.getLong();
    long sent = t.getLong();
    assertTrue(received > 1_700_000_000L * 1_000_000_000L, "received-at is unix nanoseconds");
    assertTrue(sent > 1_700_000_000L * 1_000_000_000L, "sent-at is unix nanoseconds");
  }

  /** The RECEIVE(s) our broadcaster sent S for the preceding notify, against the captured one. */
  private void checkWhatSReceived(Map<String, Object> c) {
    String step = (String) c.get("step");
    List<FakeSubscriber.Received> got = List.copyOf(s.received);
    assertEquals(step.equals("notify") ? 2 : 1, got.size(), "RECEIVEs at S");
    byte[] captured = Vectors.hex((String) c.get("request_body_hex"));
    Map<String, Object> decoded = Vectors.object(c, "request_decoded");
    for (FakeSubscriber.Received r : got) {
      assertEquals(c.get("path"), r.path());
      assertNotNull(r.header());
      assertEquals(8, r.header().identifier().length(), "8-byte delivery identifier");
      assertEquals(
          Vectors.hex(withIdentifier(captured, r.header().identifier())),
          Vectors.hex(r.body()),
          "RECEIVE body, identifier aside");
      assertEquals(decoded.get("topic_hex"), Vectors.hex(r.header().topic().bytes()));
      assertEquals(header(c, "repr-digest"), r.headers().get("Repr-Digest"));
      assertEquals(header(c, "content-length"), r.headers().get("Content-Length"));
      assertEquals(header(c, "host"), r.headers().get("Host"));
      assertEquals("application/octet-stream", r.headers().get("Content-Type"));
      // S checks the signature over the URL it rebuilds from our request (D8)
      Optional<String> auth = Optional.ofNullable(r.headers().get("Authorization"));
      if (mode.equals("none")) {
        assertFalse(auth.isPresent(), "none: no Authorization header");
      } else {
        byte[] digest =
            Base64.getDecoder()
                .decode(r.headers().get("Repr-Digest").substring("sha-512=".length()));
        assertSignedBySubscriberSecret(
            auth,
            new SignedFields.Receive(
                r.header().tracing(),
                "http://" + r.headers().get("Host") + r.path(),
                r.header().topic(),
                r.header().identifier(),
                Sha512Digest.of(digest)));
      }
      if (c.get("response_status").equals(200L)) {
        assertEquals(
            Vectors.hex(
                withoutAuthorization(
                    withIdentifier(
                        Vectors.hex((String) c.get("response_body_hex")),
                        r.header().identifier()))),
            Vectors.hex(withoutAuthorization(FakeSubscriber.confirm(r).body())),
            "S's confirmation, identifier and authorization aside");
      }
    }
  }

  /**
   * The capture's RECEIVEs that S refuses (no digest; body not matching it; bad signature) cannot
   * come from a correct broadcaster, so we replay S's answer instead: our broadcaster must treat
   * 400/403 + UNSUBSCRIBE_IMMEDIATE from a subscriber as a failed delivery and keep the row (D4).
   */
  private void replaySubscriberRejection(Map<String, Object> c) throws Exception {
    Map<String, Object> decoded = Vectors.object(c, "request_decoded");
    Topic topic = Topic.of(Vectors.hex((String) decoded.get("topic_hex")));
    byte[] message = Vectors.hex((String) decoded.get("message_hex"));
    int status = ((Long) c.get("response_status")).intValue();
    byte[] answer = Vectors.hex((String) c.get("response_body_hex"));
    assertEquals("000a", Vectors.hex(answer));
    SubscriberUrl url = new SubscriberUrl(S_RECEIVE);
    subscribe(S_RECEIVE, topic.toString(), null);
    s.answerWith(r -> new FakeSubscriber.Answer(status, answer));
    try {
      s.received.clear();
      Identifier id = Identifier.of(new byte[] {1, 2, 3, 4});
      NotifyHeader header =
          new NotifyHeader(topic, Sha512Digest.hash(message), Tracing.empty(), id, message.length);
      HttpResponse<byte[]> r =
          client.post(
              "/v1/notify",
              new WireWriter().raw(header.encode()).raw(message).toByteArray(),
              toBroadcaster.authorize(
                  new SignedFields.Notify(new byte[0], topic, id, header.sha512()), CAPTURE_TIME));
      assertEquals(200, r.statusCode());
      assertEquals(0, ResponseNotify.parse(ByteBuffer.wrap(r.body())).subscribers());
      assertEquals(1, s.received.size());
      assertEquals(topic, s.received.get(0).header().topic());
      HttpResponse<byte[]> check =
          client.post(
              "/v1/check_subscriptions",
              new CheckSubscriptionsRequest(Tracing.empty(), url).encode(),
              toBroadcaster.authorize(
                  new SignedFields.CheckSubscriptions(new byte[0], S_RECEIVE), CAPTURE_TIME));
      assertEquals(
          StrongEtag.ofSubscriptions(
              url, List.of(Subscription.exact(url, topic, Optional.empty()))),
          ResponseCheckSubscriptions.parse(ByteBuffer.wrap(check.body())).etag(),
          "the subscription is still there");
    } finally {
      s.answerWith(FakeSubscriber.confirmingWith(toBroadcaster, () -> CAPTURE_TIME));
      unsubscribe(S_RECEIVE, topic);
    }
  }

  private static void checkMissedCodec(Map<String, Object> c) {
    Map<String, Object> decoded = Vectors.object(c, "request_decoded");
    byte[] body =
        new MissedBody(Tracing.empty(), Topic.of(Vectors.hex((String) decoded.get("topic_hex"))))
            .encode();
    assertArrayEquals(Vectors.hex((String) c.get("request_body_hex")), body);
    assertTrue(
        SubscriberAnswer.parse(ByteBuffer.wrap(Vectors.hex((String) c.get("response_body_hex"))))
            instanceof SubscriberAnswer.ConfirmMissed);
  }

  private static String header(Map<String, Object> c, String name) {
    for (Object h : Vectors.array(c, "request_headers")) {
      List<?> pair = (List<?>) h;
      if (name.equalsIgnoreCase((String) pair.get(0))) {
        return (String) pair.get(1);
      }
    }
    return null;
  }

  /**
   * {@code body} with its lp8 identifier replaced: the one after "lp16 tracing, lp16 topic"
   * (RECEIVE) or after "u16 type, lp16 authorization, lp16 tracing" (CONFIRM_RECEIVE).
   */
  private static byte[] withIdentifier(byte[] body, Identifier id) {
    ByteBuffer b = ByteBuffer.wrap(body);
    int offset;
    if (body.length >= 2 && b.getShort(0) == 8) {
      int auth = Short.toUnsignedInt(b.getShort(2));
      int tracing = Short.toUnsignedInt(b.getShort(4 + auth));
      offset = 6 + auth + tracing;
    } else {
      int tracing = Short.toUnsignedInt(b.getShort(0));
      int topic = Short.toUnsignedInt(b.getShort(2 + tracing));
      offset = 4 + tracing + topic;
    }
    int oldLength = Byte.toUnsignedInt(body[offset]);
    return new WireWriter()
        .raw(Arrays.copyOfRange(body, 0, offset))
        .lp8(id.bytes())
        .raw(Arrays.copyOfRange(body, offset + 1 + oldLength, body.length))
        .toByteArray();
  }
}
