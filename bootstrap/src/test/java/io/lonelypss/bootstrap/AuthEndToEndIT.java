package io.lonelypss.bootstrap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.lonelypss.bootstrap.FakeSubscriber.Answer;
import io.lonelypss.bootstrap.FakeSubscriber.Received;
import io.lonelypss.bootstrap.IndependentHmacCheck.Verdict;
import io.lonelypss.domain.Identifier;
import io.lonelypss.domain.Sha512Digest;
import io.lonelypss.domain.SubscriberUrl;
import io.lonelypss.domain.Subscription;
import io.lonelypss.domain.Topic;
import io.lonelypss.domain.protocol.CheckSubscriptionsRequest;
import io.lonelypss.domain.protocol.NotifyHeader;
import io.lonelypss.domain.protocol.ResponseCheckSubscriptions;
import io.lonelypss.domain.protocol.ResponseGeneric;
import io.lonelypss.domain.protocol.ResponseNotify;
import io.lonelypss.domain.protocol.StrongEtag;
import io.lonelypss.domain.protocol.SubscribeRequest;
import io.lonelypss.domain.protocol.SubscriberAnswer;
import io.lonelypss.domain.protocol.Tracing;
import io.lonelypss.domain.protocol.UnsubscribeRequest;
import io.lonelypss.domain.protocol.WireWriter;
import io.lonelypss.domain.protocol.auth.AuthScheme;
import io.lonelypss.domain.protocol.auth.HmacScheme;
import io.lonelypss.domain.protocol.auth.SignedFields;
import io.lonelypss.domain.protocol.auth.TokenScheme;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Authentication end to end (http.md 6.1, 7.2, 8; DECISIONS D4, D7, D8), with real parts only:
 * secrets written by {@code lonelypss setup}, a broadcaster started with {@code --secrets} on a
 * SQLite file, HTTP on loopback, and a subscriber that checks each RECEIVE's hmac with code of its
 * own ({@link IndependentHmacCheck}) before it confirms.
 */
class AuthEndToEndIT {
  private static final String SUBSCRIBE_EXACT = "/v1/subscribe/exact";
  private static final String NOTIFY = "/v1/notify";

  @TempDir Path dir;

  private final SecureRandom random = new SecureRandom();
  private Vertx vertx;
  private FakeSubscriber subscriber;
  private RunningBroadcaster broadcaster;
  private BroadcasterClient client;

  /** What {@code setup} wrote, read from {@code subscriber-secrets.json} as a subscriber would. */
  private record Secrets(
      Path broadcasterFile,
      String toBroadcasterType,
      String toBroadcaster,
      String toSubscriberType,
      String toSubscriber) {}

  /**
   * The subscriber's side of the secrets: {@code toBroadcaster} signs requests and webhook answers,
   * {@code toSubscriber} checks the broadcaster's response bodies.
   */
  private record Keys(Secrets secrets, AuthScheme toBroadcaster, AuthScheme toSubscriber) {}

  /** One way of getting authorization wrong, and the status it must get (never a 500). */
  private record BadAuthorization(
      String name, Function<SignedFields, Optional<String>> value, int status) {}

  @BeforeEach
  void startSubscriber() throws Exception {
    vertx = Vertx.vertx();
    subscriber = FakeSubscriber.start(vertx, 0);
  }

  @AfterEach
  void stopEverything() throws Exception {
    TestBroadcasters.stop(broadcaster);
    subscriber.close();
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  // ---------------------------------------------------------------- 1. hmac, both directions

  @Test
  void hmacSignsBothDirectionsAndTheSubscriberVerifiesEachReceiveWithItsOwnCheck()
      throws Exception {
    Keys keys = startBroadcaster(setup());
    assertEquals("hmac", keys.secrets().toBroadcasterType());
    assertEquals("hmac", keys.secrets().toSubscriberType());
    Topic topic = Topic.ofUtf8("auth/hmac");
    Subscription subscription = exact(subscriber.url("/v1/receive"), topic);
    subscribe(keys, subscription);

    IndependentHmacCheck check = new IndependentHmacCheck(keys.secrets().toSubscriber());
    List<Verdict> verdicts = new CopyOnWriteArrayList<>();
    Function<Received, Answer> verifyingThenConfirming =
        r -> {
          Verdict v = verdict(check, r);
          verdicts.add(v);
          return v.accepted()
              ? FakeSubscriber.confirmingWith(keys.toBroadcaster(), Instant::now).apply(r)
              : refusedAsLonelypscDoes();
        };
    subscriber.answerWith(verifyingThenConfirming);

    byte[] message = "signed all the way".getBytes(StandardCharsets.UTF_8);
    ResponseNotify answer = notify(keys, topic, message);

    assertEquals(1, verdicts.size(), "one RECEIVE");
    assertTrue(verdicts.get(0).accepted(), verdicts.get(0).reason());
    assertEquals(1, answer.subscribers(), "the signed confirmation is counted");
    Received receive = subscriber.received.get(0);
    assertEquals("/v1/receive", receive.path());
    assertArrayEquals(message, receive.message());
    // signed with the to-subscriber secret, not the other one: the same check with the
    // to-broadcaster secret refuses it
    Verdict otherSecret =
        verdict(new IndependentHmacCheck(keys.secrets().toBroadcaster()), receive);
    assertFalse(otherSecret.accepted(), "the RECEIVE is signed with the to-subscriber secret");

    // D4: a confirmation that is not correctly signed is a failed delivery, not an unsubscribe
    StrongEtag subscribed = StrongEtag.ofSubscriptions(subscription.url(), List.of(subscription));
    assertEquals(subscribed, checkSubscriptions(keys, subscription.url()));
    byte[] otherSecret64 = new byte[HmacScheme.SECRET_LENGTH];
    random.nextBytes(otherSecret64);
    Map<String, Function<Received, Answer>> wronglySigned = new LinkedHashMap<>();
    wronglySigned.put(
        "signed with the to-subscriber secret",
        FakeSubscriber.confirmingWith(
            HmacScheme.fromSecretString(keys.secrets().toSubscriber(), random), Instant::now));
    wronglySigned.put(
        "signed with an unrelated secret",
        FakeSubscriber.confirmingWith(new HmacScheme(otherSecret64, random), Instant::now));
    wronglySigned.put("not signed at all", FakeSubscriber::confirm);
    for (Map.Entry<String, Function<Received, Answer>> wrong : wronglySigned.entrySet()) {
      subscriber.answerWith(wrong.getValue());
      int before = subscriber.received.size();
      ResponseNotify refused = notify(keys, topic, message);
      assertEquals(before + 1, subscriber.received.size(), wrong.getKey() + ": delivered");
      assertEquals(0, refused.subscribers(), wrong.getKey() + ": not counted");
      assertEquals(
          subscribed,
          checkSubscriptions(keys, subscription.url()),
          wrong.getKey() + ": the subscription is kept");
    }

    // and a correctly signed answer counts again
    subscriber.answerWith(verifyingThenConfirming);
    assertEquals(1, notify(keys, topic, message).subscribers());
    assertTrue(verdicts.stream().allMatch(Verdict::accepted), verdicts::toString);
  }

  // ---------------------------------------------------------------- 2. 401 / 403

  @TestFactory
  Stream<DynamicTest> requestsWithoutAValidSignatureGet401Or403AndChangeNothing() throws Exception {
    Keys keys = startBroadcaster(setup());
    HmacScheme toBroadcaster = (HmacScheme) keys.toBroadcaster();
    Topic topic = Topic.ofUtf8("auth/refused");
    Subscription existing = exact(subscriber.url("/v1/receive"), topic);
    subscribe(keys, existing);
    StrongEtag existingEtag = StrongEtag.ofSubscriptions(existing.url(), List.of(existing));
    List<BadAuthorization> cases = badAuthorizations(keys, toBroadcaster);

    List<DynamicTest> tests = new ArrayList<>();
    for (int i = 0; i < cases.size(); i++) {
      BadAuthorization bad = cases.get(i);
      SubscriberUrl url = new SubscriberUrl(subscriber.url("/v1/receive/refused-" + i));
      tests.add(
          dynamicTest(
              "subscribe with " + bad.name() + " -> " + bad.status(),
              () -> {
                Subscription s = exact(url.value(), topic);
                HttpResponse<byte[]> r =
                    client.post(
                        SUBSCRIBE_EXACT,
                        new SubscribeRequest(s, Tracing.empty()).encode(),
                        bad.value().apply(subscribeFields(s)));
                assertEquals(bad.status(), r.statusCode(), bad.name());
                assertEquals(0, r.body().length, "error bodies are empty");
                assertEquals(
                    StrongEtag.ofSubscriptions(url, List.of()),
                    checkSubscriptions(keys, url),
                    "nothing stored");
              }));
      tests.add(
          dynamicTest(
              "notify with " + bad.name() + " -> " + bad.status(),
              () -> {
                byte[] message = ("refused " + bad.name()).getBytes(StandardCharsets.UTF_8);
                NotifyHeader header = notifyHeader(topic, message);
                HttpResponse<byte[]> r =
                    client.post(
                        NOTIFY,
                        notifyBody(header, message),
                        bad.value().apply(notifyFields(header)));
                assertEquals(bad.status(), r.statusCode(), bad.name());
                assertEquals(0, r.body().length, "error bodies are empty");
                assertEquals(List.of(), subscriber.received, "nothing delivered");
                assertEquals(
                    existingEtag,
                    checkSubscriptions(keys, existing.url()),
                    "subscriptions unchanged");
              }));
    }
    return tests.stream();
  }

  private List<BadAuthorization> badAuthorizations(Keys keys, HmacScheme toBroadcaster) {
    HmacScheme toSubscriber = HmacScheme.fromSecretString(keys.secrets().toSubscriber(), random);
    String anyCode = Base64.getEncoder().encodeToString(new byte[64]);
    List<BadAuthorization> cases = new ArrayList<>();
    cases.add(new BadAuthorization("no Authorization header", f -> Optional.empty(), 401));
    cases.add(new BadAuthorization("an empty Authorization header", f -> Optional.of(""), 401));
    cases.add(
        new BadAuthorization(
            "a code made with the to-subscriber secret",
            f -> toSubscriber.authorize(f, Instant.now()),
            403));
    cases.add(
        new BadAuthorization(
            "a tampered code",
            f -> Optional.of(tamperCode(toBroadcaster.authorize(f, Instant.now()).orElseThrow())),
            403));
    cases.add(
        new BadAuthorization(
            "a correct code from 121 s ago",
            f -> Optional.of(toBroadcaster.authorizeWith(f, nowSeconds() - 121, nonce())),
            403));
    cases.add(
        new BadAuthorization(
            "a correct code from 10 minutes ahead",
            f -> Optional.of(toBroadcaster.authorizeWith(f, nowSeconds() + 600, nonce())),
            403));
    cases.add(
        new BadAuthorization("X-HMAC abc:def:ghi", f -> Optional.of("X-HMAC abc:def:ghi"), 403));
    cases.add(
        new BadAuthorization(
            "a correct code with a + before the timestamp",
            f -> Optional.of(signedThenEdited(toBroadcaster, f, "X-HMAC ", "X-HMAC +")),
            403));
    cases.add(
        new BadAuthorization(
            "a correct code with a space before the timestamp",
            f -> Optional.of(signedThenEdited(toBroadcaster, f, "X-HMAC ", "X-HMAC  ")),
            403));
    cases.add(
        new BadAuthorization(
            "a correct code with _ in the timestamp",
            f -> {
              String v = toBroadcaster.authorizeWith(f, nowSeconds(), nonce());
              return Optional.of("X-HMAC " + v.charAt(7) + "_" + v.substring(8));
            },
            403));
    cases.add(
        new BadAuthorization(
            "a correct code with a lower-case scheme",
            f -> Optional.of(signedThenEdited(toBroadcaster, f, "X-HMAC ", "x-hmac ")),
            403));
    // Latin-1 characters go on the wire as single bytes: these two are the UTF-8 bytes of 'ö'
    cases.add(
        new BadAuthorization(
            "a non-ASCII nonce",
            f -> Optional.of("X-HMAC " + nowSeconds() + ":n\u00c3\u00b6nce:" + anyCode),
            403));
    cases.add(
        new BadAuthorization(
            "a non-ASCII digit in the timestamp",
            f -> Optional.of("X-HMAC 17\u00b2" + nowSeconds() + ":nonce:" + anyCode),
            403));
    cases.add(
        new BadAuthorization(
            "a nonce of 256 bytes",
            f -> Optional.of("X-HMAC " + nowSeconds() + ":" + "n".repeat(256) + ":" + anyCode),
            403));
    cases.add(
        new BadAuthorization(
            "a timestamp and nonce but no code separator",
            f -> Optional.of("X-HMAC " + nowSeconds() + ":nonce"),
            403));
    cases.add(
        new BadAuthorization(
            "a code of 63 bytes",
            f ->
                Optional.of(
                    "X-HMAC "
                        + nowSeconds()
                        + ":nonce:"
                        + Base64.getEncoder().encodeToString(new byte[63])),
            403));
    cases.add(new BadAuthorization("Bearer x", f -> Optional.of("Bearer x"), 403));
    cases.add(
        new BadAuthorization(
            "the to-broadcaster secret as a bearer token",
            f -> Optional.of("Bearer " + keys.secrets().toBroadcaster()),
            403));
    return cases;
  }

  @Test
  void aReplayedSubscribeIsRefusedEvenOnceTheSubscriptionIsGone() throws Exception {
    Keys keys = startBroadcaster(setup());
    Subscription s = exact(subscriber.url("/v1/receive"), Topic.ofUtf8("auth/replay"));
    byte[] body = new SubscribeRequest(s, Tracing.empty()).encode();
    Optional<String> authorization =
        keys.toBroadcaster().authorize(subscribeFields(s), Instant.now());

    assertEquals(200, client.post(SUBSCRIBE_EXACT, body, authorization).statusCode());
    HttpResponse<byte[]> again = client.post(SUBSCRIBE_EXACT, body, authorization);
    assertEquals(403, again.statusCode(), "a replay, refused before the 409 of a duplicate");
    assertEquals(0, again.body().length);

    // once the subscription is removed, the replay would add it back: it must not
    UnsubscribeRequest unsubscribe = new UnsubscribeRequest(s.url(), s.interest(), Tracing.empty());
    assertEquals(
        200,
        client
            .post(
                "/v1/unsubscribe/exact",
                unsubscribe.encode(),
                keys.toBroadcaster().authorize(subscribeFields(s), Instant.now()))
            .statusCode());
    HttpResponse<byte[]> replay = client.post(SUBSCRIBE_EXACT, body, authorization);
    assertEquals(403, replay.statusCode());
    assertEquals(0, replay.body().length);
    assertEquals(
        StrongEtag.ofSubscriptions(s.url(), List.of()),
        checkSubscriptions(keys, s.url()),
        "nothing stored by the replay");
  }

  @Test
  void aReplayedNotifyIsRefusedAndDeliversNothing() throws Exception {
    Keys keys = startBroadcaster(setup());
    Topic topic = Topic.ofUtf8("auth/replay-notify");
    subscribe(keys, exact(subscriber.url("/v1/receive"), topic));
    subscriber.answerWith(FakeSubscriber.confirmingWith(keys.toBroadcaster(), Instant::now));
    byte[] message = "once".getBytes(StandardCharsets.UTF_8);
    NotifyHeader header = notifyHeader(topic, message);
    byte[] body = notifyBody(header, message);
    Optional<String> authorization =
        keys.toBroadcaster().authorize(notifyFields(header), Instant.now());

    HttpResponse<byte[]> first = client.post(NOTIFY, body, authorization);
    assertEquals(200, first.statusCode());
    assertEquals(1, ResponseNotify.parse(ByteBuffer.wrap(first.body())).subscribers());
    assertEquals(1, subscriber.received.size());

    HttpResponse<byte[]> replay = client.post(NOTIFY, body, authorization);
    assertEquals(403, replay.statusCode());
    assertEquals(0, replay.body().length);
    assertEquals(1, subscriber.received.size(), "the replay delivered nothing");
  }

  // ---------------------------------------------------------------- 3. replay across processes

  @Test
  void aSecondBroadcasterProcessOnTheSameDatabaseRefusesACodeTheFirstAccepted() throws Exception {
    Keys keys = startBroadcaster(setup());
    Path processDir = Files.createDirectories(dir.resolve("process-b"));
    try (BroadcasterProcess b =
        BroadcasterProcess.start(
            processDir,
            "--port",
            "0",
            "--sqlite-path",
            dir.resolve("subscriptions.db").toString(),
            "--secrets",
            keys.secrets().broadcasterFile().toString(),
            "--spool-dir",
            processDir.toString(),
            "--shutdown-grace",
            "5")) {
      BroadcasterClient clientB = new BroadcasterClient(b.baseUrl());
      String url = subscriber.url("/v1/receive");

      Subscription first = exact(url, Topic.ofUtf8("cluster/first"));
      byte[] firstBody = new SubscribeRequest(first, Tracing.empty()).encode();
      Optional<String> firstAuth =
          keys.toBroadcaster().authorize(subscribeFields(first), Instant.now());
      assertEquals(200, client.post(SUBSCRIBE_EXACT, firstBody, firstAuth).statusCode(), "A");
      HttpResponse<byte[]> replayToB = clientB.post(SUBSCRIBE_EXACT, firstBody, firstAuth);
      assertEquals(
          403,
          replayToB.statusCode(),
          "B finds the code A accepted in httppubsub_hmacs (a 409 would mean it was not)\n"
              + b.log());
      assertEquals(0, replayToB.body().length);

      // B itself is healthy: a fresh signed request is accepted, and signed in return
      Subscription second = exact(url, Topic.ofUtf8("cluster/second"));
      byte[] secondBody = new SubscribeRequest(second, Tracing.empty()).encode();
      Optional<String> secondAuth =
          keys.toBroadcaster().authorize(subscribeFields(second), Instant.now());
      HttpResponse<byte[]> fresh = clientB.post(SUBSCRIBE_EXACT, secondBody, secondAuth);
      assertEquals(200, fresh.statusCode(), b.log());
      assertConfirmSubscribeSigned(keys, second, fresh);
      // and the other way round: what B accepted, A refuses
      assertEquals(403, client.post(SUBSCRIBE_EXACT, secondBody, secondAuth).statusCode());

      assertEquals(
          StrongEtag.ofSubscriptions(new SubscriberUrl(url), List.of(first, second)),
          checkSubscriptions(keys, new SubscriberUrl(url)),
          "one database: A sees what B stored");
      assertEquals(143, b.stop(), "B stops cleanly on SIGTERM\n" + b.log());
    }
  }

  // ---------------------------------------------------------------- 4. URL fragment (D8)

  @Test
  void aSubscriptionUrlWithAFragmentIsSignedAsTheSubscriberRebuildsItAndStaysSubscribed()
      throws Exception {
    Keys keys = startBroadcaster(setup());
    Topic topic = Topic.ofUtf8("auth/fragment");
    Subscription s = exact(subscriber.url("/v1/receive") + "#uid=frag", topic);
    subscribe(keys, s);
    IndependentHmacCheck check = new IndependentHmacCheck(keys.secrets().toSubscriber());
    List<Verdict> verdicts = new CopyOnWriteArrayList<>();
    subscriber.answerWith(
        r -> {
          Verdict v = verdict(check, r);
          verdicts.add(v);
          // confirmingWith signs over http://<Host><path>, the URL without the fragment
          return v.accepted()
              ? FakeSubscriber.confirmingWith(keys.toBroadcaster(), Instant::now).apply(r)
              : refusedAsLonelypscDoes();
        });

    ResponseNotify answer = notify(keys, topic, "with a fragment".getBytes(StandardCharsets.UTF_8));

    assertEquals(1, subscriber.received.size());
    Received receive = subscriber.received.get(0);
    assertEquals("/v1/receive", receive.path(), "the fragment never goes on the wire");
    assertEquals("127.0.0.1:" + subscriber.port(), receive.headers().get("Host"));
    assertTrue(verdicts.get(0).accepted(), verdicts.get(0).reason());
    assertEquals(1, answer.subscribers(), "the confirmation over the rebuilt URL is accepted");
    assertEquals(
        StrongEtag.ofSubscriptions(s.url(), List.of(s)),
        checkSubscriptions(keys, s.url()),
        "the subscription with its fragment still exists");
  }

  // ---------------------------------------------------------------- 5. token, both directions

  @Test
  void tokenAuthSendsEachDirectionsTokenAndRefusesAWrongOne() throws Exception {
    Keys keys =
        startBroadcaster(
            setup("--to-broadcasters-auth", "token", "--to-subscribers-auth", "token"));
    assertEquals("token", keys.secrets().toBroadcasterType());
    assertEquals("token", keys.secrets().toSubscriberType());
    String requestToken = "Bearer " + keys.secrets().toBroadcaster();
    String webhookToken = "Bearer " + keys.secrets().toSubscriber();
    Topic topic = Topic.ofUtf8("auth/token");

    // wrong or missing tokens: refused, nothing stored
    Map<String, Optional<String>> wrong = new LinkedHashMap<>();
    wrong.put("no token", Optional.empty());
    wrong.put("the to-subscriber token", Optional.of(webhookToken));
    wrong.put("a lower-case scheme", Optional.of("bearer " + keys.secrets().toBroadcaster()));
    wrong.put("one character changed", Optional.of(changeLastChar(requestToken)));
    wrong.put("a bare secret", Optional.of(keys.secrets().toBroadcaster()));
    int i = 0;
    for (Map.Entry<String, Optional<String>> w : wrong.entrySet()) {
      Subscription s = exact(subscriber.url("/v1/receive/wrong-" + i++), topic);
      HttpResponse<byte[]> r =
          client.post(
              SUBSCRIBE_EXACT, new SubscribeRequest(s, Tracing.empty()).encode(), w.getValue());
      assertEquals(w.getValue().isEmpty() ? 401 : 403, r.statusCode(), w.getKey());
      assertEquals(0, r.body().length, w.getKey());
      assertEquals(
          StrongEtag.ofSubscriptions(s.url(), List.of()),
          checkSubscriptions(keys, s.url()),
          w.getKey() + ": nothing stored");
    }

    // the right token: stored, and the answer carries the to-subscriber token
    Subscription s = exact(subscriber.url("/v1/receive"), topic);
    HttpResponse<byte[]> subscribed =
        client.post(
            SUBSCRIBE_EXACT,
            new SubscribeRequest(s, Tracing.empty()).encode(),
            Optional.of(requestToken));
    assertEquals(200, subscribed.statusCode());
    assertEquals(
        Optional.of(webhookToken),
        ResponseGeneric.parse(ByteBuffer.wrap(subscribed.body())).authorization());

    List<String> receivedTokens = new CopyOnWriteArrayList<>();
    subscriber.answerWith(
        r -> {
          receivedTokens.add(String.valueOf(r.headers().get("Authorization")));
          return webhookToken.equals(r.headers().get("Authorization"))
              ? confirmation(r, requestToken)
              : refusedAsLonelypscDoes();
        });
    byte[] message = "token".getBytes(StandardCharsets.UTF_8);
    NotifyHeader header = notifyHeader(topic, message);
    HttpResponse<byte[]> notified =
        client.post(NOTIFY, notifyBody(header, message), Optional.of(requestToken));
    assertEquals(200, notified.statusCode());
    ResponseNotify answer = ResponseNotify.parse(ByteBuffer.wrap(notified.body()));
    assertEquals(List.of(webhookToken), receivedTokens, "RECEIVE carries the to-subscriber token");
    assertEquals(1, answer.subscribers(), "the confirmation with the right token counts");
    assertEquals(Optional.of(webhookToken), answer.authorization());

    // a confirmation with the wrong token is not counted, and the subscription is kept
    subscriber.answerWith(r -> confirmation(r, webhookToken));
    assertEquals(0, notify(keys, topic, message).subscribers());
    assertEquals(
        StrongEtag.ofSubscriptions(s.url(), List.of(s)), checkSubscriptions(keys, s.url()));

    // a notify with a wrong token delivers nothing
    int before = subscriber.received.size();
    HttpResponse<byte[]> refused =
        client.post(
            NOTIFY, notifyBody(notifyHeader(topic, message), message), Optional.of(webhookToken));
    assertEquals(403, refused.statusCode());
    assertEquals(0, refused.body().length);
    assertEquals(before, subscriber.received.size(), "nothing delivered");
  }

  // ---------------------------------------------------------------- helpers

  /** Runs {@code lonelypss setup} with {@code flags} in a directory of its own. */
  private Secrets setup(String... flags) throws Exception {
    Path setupDir = Files.createDirectories(dir.resolve("setup"));
    String[] args = new String[flags.length + 1];
    args[0] = "setup";
    System.arraycopy(flags, 0, args, 1, flags.length);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        Main.run(
            args,
            Map.of(),
            setupDir,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
    JsonObject json =
        new JsonObject(Files.readString(setupDir.resolve(SetupCommand.SUBSCRIBER_SECRETS)));
    assertEquals("2", json.getString("version"));
    JsonObject toBroadcaster = json.getJsonObject("to-broadcaster");
    JsonObject toSubscriber = json.getJsonObject("to-subscriber");
    assertFalse(
        toBroadcaster.getString("secret").equals(toSubscriber.getString("secret")),
        "two different secrets");
    return new Secrets(
        setupDir.resolve(SetupCommand.BROADCASTER_SECRETS),
        toBroadcaster.getString("type"),
        toBroadcaster.getString("secret"),
        toSubscriber.getString("type"),
        toSubscriber.getString("secret"));
  }

  private Keys startBroadcaster(Secrets secrets) throws Exception {
    broadcaster = TestBroadcasters.start(dir, "--secrets", secrets.broadcasterFile().toString());
    client = new BroadcasterClient(broadcaster.baseUrl());
    return new Keys(
        secrets,
        scheme(secrets.toBroadcasterType(), secrets.toBroadcaster()),
        scheme(secrets.toSubscriberType(), secrets.toSubscriber()));
  }

  private AuthScheme scheme(String type, String secret) {
    switch (type) {
      case "hmac":
        return HmacScheme.fromSecretString(secret, random);
      case "token":
        return new TokenScheme(secret);
      default:
        throw new IllegalArgumentException("unexpected scheme " + type);
    }
  }

  private static Subscription exact(String url, Topic topic) {
    return Subscription.exact(new SubscriberUrl(url), topic, Optional.empty());
  }

  private static SignedFields subscribeFields(Subscription s) {
    return new SignedFields.SubscribeExact(
        Tracing.empty(),
        s.url().value(),
        s.recovery().map(SubscriberUrl::value),
        (Topic) s.interest());
  }

  /** A signed subscribe that must succeed with a correctly signed answer. */
  private void subscribe(Keys keys, Subscription s) throws Exception {
    HttpResponse<byte[]> r =
        client.post(
            SUBSCRIBE_EXACT,
            new SubscribeRequest(s, Tracing.empty()).encode(),
            keys.toBroadcaster().authorize(subscribeFields(s), Instant.now()));
    assertEquals(200, r.statusCode());
    assertConfirmSubscribeSigned(keys, s, r);
  }

  private static void assertConfirmSubscribeSigned(
      Keys keys, Subscription s, HttpResponse<byte[]> r) {
    ResponseGeneric answer = ResponseGeneric.parse(ByteBuffer.wrap(r.body()));
    assertTrue(answer.authorization().isPresent(), "the answer is signed");
    assertTrue(
        keys.toSubscriber()
            .verify(
                answer.authorization(),
                new SignedFields.ConfirmSubscribeExact(
                    answer.tracing(),
                    s.url().value(),
                    s.recovery().map(SubscriberUrl::value),
                    (Topic) s.interest()),
                Instant.now())
            .isOk(),
        "CONFIRM_SUBSCRIBE_EXACT verifies with the to-subscriber secret");
  }

  private static NotifyHeader notifyHeader(Topic topic, byte[] message) {
    byte[] id = new byte[4];
    new SecureRandom().nextBytes(id);
    return new NotifyHeader(
        topic, Sha512Digest.hash(message), Tracing.empty(), Identifier.of(id), message.length);
  }

  private static byte[] notifyBody(NotifyHeader header, byte[] message) {
    return new WireWriter().raw(header.encode()).raw(message).toByteArray();
  }

  private static SignedFields notifyFields(NotifyHeader h) {
    return new SignedFields.Notify(h.tracing(), h.topic(), h.identifier(), h.sha512());
  }

  /** A signed notify that must succeed with a correctly signed answer echoing the identifier. */
  private ResponseNotify notify(Keys keys, Topic topic, byte[] message) throws Exception {
    NotifyHeader header = notifyHeader(topic, message);
    HttpResponse<byte[]> r =
        client.post(
            NOTIFY,
            notifyBody(header, message),
            keys.toBroadcaster().authorize(notifyFields(header), Instant.now()));
    assertEquals(200, r.statusCode());
    ResponseNotify answer = ResponseNotify.parse(ByteBuffer.wrap(r.body()));
    assertEquals(header.identifier(), answer.identifier());
    assertTrue(answer.authorization().isPresent(), "the answer is signed");
    assertTrue(
        keys.toSubscriber()
            .verify(
                answer.authorization(),
                new SignedFields.ConfirmNotify(
                    answer.tracing(),
                    header.identifier(),
                    answer.subscribers(),
                    topic,
                    header.sha512()),
                Instant.now())
            .isOk(),
        "CONFIRM_NOTIFY verifies with the to-subscriber secret");
    return answer;
  }

  /** A signed check_subscriptions whose signed answer is the etag stored for {@code url}. */
  private StrongEtag checkSubscriptions(Keys keys, SubscriberUrl url) throws Exception {
    HttpResponse<byte[]> r =
        client.post(
            "/v1/check_subscriptions",
            new CheckSubscriptionsRequest(Tracing.empty(), url).encode(),
            keys.toBroadcaster()
                .authorize(
                    new SignedFields.CheckSubscriptions(Tracing.empty(), url.value()),
                    Instant.now()));
    assertEquals(200, r.statusCode());
    ResponseCheckSubscriptions answer = ResponseCheckSubscriptions.parse(ByteBuffer.wrap(r.body()));
    assertTrue(
        keys.toSubscriber()
            .verify(
                answer.authorization(),
                new SignedFields.CheckSubscriptionsResponse(answer.tracing(), answer.etag()),
                Instant.now())
            .isOk(),
        "CHECK_SUBSCRIPTIONS_RESPONSE verifies with the to-subscriber secret");
    return answer.etag();
  }

  private static Verdict verdict(IndependentHmacCheck check, Received r) {
    return check.receive(
        r.headers().get("Authorization"),
        r.headers().get("Host"),
        r.path(),
        r.headers().get("Repr-Digest"),
        r.body(),
        Instant.now());
  }

  /** What lonelypsc answers when it cannot verify a RECEIVE: 403 + UNSUBSCRIBE_IMMEDIATE. */
  private static Answer refusedAsLonelypscDoes() {
    return new Answer(403, new SubscriberAnswer.UnsubscribeImmediate().encode());
  }

  /** 200 + CONFIRM_RECEIVE for 1 subscriber carrying {@code authorization}. */
  private static Answer confirmation(Received r, String authorization) {
    return new Answer(
        200,
        new SubscriberAnswer.ConfirmReceive(
                Optional.of(authorization), Tracing.empty(), r.header().identifier(), 1)
            .encode());
  }

  private String signedThenEdited(
      HmacScheme scheme, SignedFields fields, String target, String replacement) {
    String value = scheme.authorizeWith(fields, nowSeconds(), nonce());
    assertTrue(value.startsWith(target));
    return replacement + value.substring(target.length());
  }

  /** The value with one base64 character of its code changed. */
  private static String tamperCode(String value) {
    int at = value.lastIndexOf(':') + 1;
    char c = value.charAt(at);
    return value.substring(0, at) + (c == 'A' ? 'B' : 'A') + value.substring(at + 1);
  }

  private static String changeLastChar(String value) {
    char last = value.charAt(value.length() - 1);
    return value.substring(0, value.length() - 1) + (last == 'x' ? 'y' : 'x');
  }

  private String nonce() {
    byte[] bytes = new byte[4];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static long nowSeconds() {
    return Instant.now().getEpochSecond();
  }
}
