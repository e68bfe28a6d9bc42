package io.lonelypss.adapter.in.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lonelypss.application.port.out.StoreUnavailableException;
import io.lonelypss.application.port.out.SubscriptionStorePort;
import io.lonelypss.application.service.AuthPolicy;
import io.lonelypss.application.service.CheckSubscriptionsService;
import io.lonelypss.application.service.MissedRetryPolicy;
import io.lonelypss.application.service.NotifyService;
import io.lonelypss.application.service.SetSubscriptionsService;
import io.lonelypss.application.service.SubscribeService;
import io.lonelypss.application.service.UnsubscribeService;
import io.lonelypss.application.testing.InMemoryMissedLedger;
import io.lonelypss.application.testing.InMemoryReplayGuard;
import io.lonelypss.application.testing.InMemorySubscriptionStore;
import io.lonelypss.domain.GlobPattern;
import io.lonelypss.domain.Identifier;
import io.lonelypss.domain.Interest;
import io.lonelypss.domain.Sha512Digest;
import io.lonelypss.domain.SubscriberUrl;
import io.lonelypss.domain.Subscription;
import io.lonelypss.domain.Topic;
import io.lonelypss.domain.protocol.CheckSubscriptionsRequest;
import io.lonelypss.domain.protocol.NotifyHeader;
import io.lonelypss.domain.protocol.ResponseCheckSubscriptions;
import io.lonelypss.domain.protocol.ResponseNotify;
import io.lonelypss.domain.protocol.SetSubscriptionsRequest;
import io.lonelypss.domain.protocol.StrongEtag;
import io.lonelypss.domain.protocol.SubscribeRequest;
import io.lonelypss.domain.protocol.Tracing;
import io.lonelypss.domain.protocol.UnsubscribeRequest;
import io.lonelypss.domain.protocol.WireWriter;
import io.lonelypss.domain.protocol.auth.AuthScheme;
import io.lonelypss.domain.protocol.auth.NoneScheme;
import io.lonelypss.domain.protocol.auth.TokenScheme;
import io.lonelypss.domain.testing.Await;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The routes over real HTTP on loopback, with an in-memory store and a recording webhook port. */
class BroadcasterRouterIT {
  private static final long SPOOL_THRESHOLD = 1024;
  private static final long MAX_NOTIFY = 1024 * 1024;
  private static final long MAX_REQUEST = 256 * 1024;

  @TempDir Path spoolDir;

  private Vertx vertx;
  private HttpServer server;
  private InMemorySubscriptionStore store;
  private RecordingWebhooks webhooks;
  private HttpClient http;
  private String base;
  private final String url = "http://127.0.0.1:1/" + UUID.randomUUID() + "/v1/receive";

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    store = new InMemorySubscriptionStore();
    webhooks = new RecordingWebhooks();
    server = serve(routerOver(store), "");
    http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  }

  private Router routerOver(SubscriptionStorePort s) {
    return routerOver(s, new NoneScheme());
  }

  private Router routerOver(SubscriptionStorePort s, AuthScheme toBroadcaster) {
    AuthPolicy auth =
        new AuthPolicy(toBroadcaster, new NoneScheme(), new InMemoryReplayGuard(), Instant::now);
    BroadcasterUseCases useCases =
        new BroadcasterUseCases(
            new SubscribeService(s, auth),
            new UnsubscribeService(s, auth),
            new NotifyService(
                s,
                webhooks,
                new InMemoryMissedLedger(new InMemorySubscriptionStore()),
                MissedRetryPolicy.DEFAULTS,
                auth,
                Instant::now,
                new Random(1),
                NotifyService.Settings.DEFAULTS),
            new CheckSubscriptionsService(s, auth),
            new SetSubscriptionsService(s, auth));
    return BroadcasterRouter.create(
        vertx,
        useCases,
        new HttpAdapterSettings(
            SPOOL_THRESHOLD, spoolDir, MAX_NOTIFY, MAX_REQUEST, Clock.systemUTC()));
  }

  private HttpServer serve(Router router, String prefix) throws Exception {
    HttpServer s =
        vertx
            .createHttpServer()
            .requestHandler(router)
            .listen(0, "127.0.0.1")
            .toCompletionStage()
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS);
    base = "http://127.0.0.1:" + s.actualPort() + prefix;
    return s;
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private HttpResponse<byte[]> post(String path, byte[] body)
      throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", "application/octet-stream")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  private List<Subscription> stored() throws Exception {
    return store.listForUrl(new SubscriberUrl(url)).toCompletableFuture().get(5, TimeUnit.SECONDS);
  }

  private byte[] subscribeExact(String topic) {
    return new SubscribeRequest(
            Subscription.exact(new SubscriberUrl(url), Topic.ofUtf8(topic), Optional.empty()),
            Tracing.empty())
        .encode();
  }

  private static byte[] notifyBody(Topic topic, byte[] message, byte[] trailing) {
    NotifyHeader header =
        new NotifyHeader(
            topic,
            Sha512Digest.hash(message),
            Tracing.empty(),
            Identifier.of(new byte[] {1, 2, 3, 4}),
            message.length);
    return new WireWriter().raw(header.encode()).raw(message).raw(trailing).toByteArray();
  }

  @Test
  void subscribeExactAnswersTheGenericResponseAndStoresTheRow() throws Exception {
    HttpResponse<byte[]> r = post("/v1/subscribe/exact", subscribeExact("a/b"));
    assertEquals(200, r.statusCode());
    assertArrayEquals(new byte[] {0, 3, 0, 0, 0, 0}, r.body());
    assertEquals("application/octet-stream", r.headers().firstValue("content-type").orElse(""));
    assertEquals(
        List.of(Topic.ofUtf8("a/b")), stored().stream().map(Subscription::interest).toList());
  }

  @Test
  void subscribingTwiceAnswersConflictAndKeepsOneRow() throws Exception {
    assertEquals(200, post("/v1/subscribe/exact", subscribeExact("t")).statusCode());
    HttpResponse<byte[]> again = post("/v1/subscribe/exact", subscribeExact("t"));
    assertEquals(409, again.statusCode());
    assertEquals(0, again.body().length);
    assertEquals(1, stored().size());
  }

  @Test
  void trailingBytesAfterASubscribeAreIgnored() throws Exception {
    byte[] body = new WireWriter().raw(subscribeExact("t")).raw(new byte[] {9, 9, 9}).toByteArray();
    assertEquals(200, post("/v1/subscribe/exact", body).statusCode());
    assertEquals(1, stored().size());
  }

  @Test
  void unsubscribingSomethingNotSubscribedAnswersConflict() throws Exception {
    byte[] body =
        new UnsubscribeRequest(new SubscriberUrl(url), GlobPattern.of("x/*"), Tracing.empty())
            .encode();
    HttpResponse<byte[]> r = post("/v1/unsubscribe/glob", body);
    assertEquals(409, r.statusCode());
    assertEquals(0, r.body().length);
  }

  @Test
  void checkAndSetSubscriptionsAgreeOnTheEtag() throws Exception {
    SubscriberUrl u = new SubscriberUrl(url);
    Optional<SubscriberUrl> recovery = Optional.of(new SubscriberUrl(url + "/recover"));
    List<Subscription> exacts =
        List.of(Subscription.exact(u, Topic.of(new byte[] {(byte) 0x80}), recovery));
    List<Subscription> globs =
        List.of(
            Subscription.glob(u, GlobPattern.of("a*"), recovery),
            Subscription.glob(u, GlobPattern.of("\u00e9*"), Optional.empty()));
    SetSubscriptionsRequest set = SetSubscriptionsRequest.of(Tracing.empty(), u, exacts, globs);
    HttpResponse<byte[]> r = post("/v1/set_subscriptions", set.encode());
    assertEquals(200, r.statusCode());
    assertArrayEquals(new byte[] {0, 3, 0, 0, 0, 0}, r.body());

    HttpResponse<byte[]> check =
        post("/v1/check_subscriptions", new CheckSubscriptionsRequest(Tracing.empty(), u).encode());
    assertEquals(200, check.statusCode());
    StrongEtag etag = ResponseCheckSubscriptions.parse(ByteBuffer.wrap(check.body())).etag();
    assertEquals(set.etag(), etag);
    assertEquals(3, stored().size());
  }

  static Stream<Arguments> malformedBodies() {
    SubscriberUrl u = new SubscriberUrl("http://127.0.0.1:1/v1/receive");
    byte[] good =
        new SubscribeRequest(
                Subscription.exact(u, Topic.ofUtf8("orders"), Optional.empty()), Tracing.empty())
            .encode();
    byte[] badUtf8Url =
        new WireWriter()
            .lp16(new byte[] {(byte) 0xff})
            .lp16(new byte[0])
            .lp16(new byte[0])
            .lp16(new byte[0])
            .toByteArray();
    byte[] badUtf8Glob =
        new WireWriter()
            .lp16(u.utf8())
            .lp16(new byte[] {(byte) 0xc3})
            .lp16(new byte[0])
            .lp16(new byte[0])
            .toByteArray();
    byte[] lengthPastEnd = new WireWriter().u16(500).raw(new byte[10]).toByteArray();
    SetSubscriptionsRequest set =
        SetSubscriptionsRequest.of(
            Tracing.empty(),
            u,
            List.of(Subscription.exact(u, Topic.ofUtf8("a"), Optional.empty())),
            List.of());
    byte[] wrongEtag = set.encode();
    wrongEtag[2 + 2 + u.utf8().length + 1] ^= 1;
    byte[] formatOne = set.encode();
    formatOne[2 + 2 + u.utf8().length] = 1;
    byte[] unsorted =
        new WireWriter()
            .lp16(new byte[0])
            .lp16(u.utf8())
            .u8(0)
            .raw(new byte[64])
            .u32(2)
            .lp16(new byte[] {'b'})
            .lp16(new byte[0])
            .lp16(new byte[] {'a'})
            .lp16(new byte[0])
            .u32(0)
            .toByteArray();
    byte[] hugeCount =
        new WireWriter()
            .lp16(new byte[0])
            .lp16(u.utf8())
            .u8(0)
            .raw(new byte[64])
            .u32(0xffffffffL)
            .toByteArray();
    return Stream.of(
        Arguments.of("empty subscribe body", "/v1/subscribe/exact", new byte[0]),
        Arguments.of(
            "subscribe body ends inside a field",
            "/v1/subscribe/exact",
            Arrays.copyOf(good, good.length - 3)),
        Arguments.of("length prefix runs past the body", "/v1/subscribe/glob", lengthPastEnd),
        Arguments.of("url is not UTF-8", "/v1/subscribe/exact", badUtf8Url),
        Arguments.of("glob is not UTF-8", "/v1/subscribe/glob", badUtf8Glob),
        Arguments.of("unsubscribe body too short", "/v1/unsubscribe/exact", new byte[] {0, 1}),
        Arguments.of(
            "check_subscriptions body too short", "/v1/check_subscriptions", new byte[] {0, 0, 0}),
        Arguments.of("set_subscriptions with a wrong etag", "/v1/set_subscriptions", wrongEtag),
        Arguments.of("set_subscriptions with etag format 1", "/v1/set_subscriptions", formatOne),
        Arguments.of("set_subscriptions unsorted", "/v1/set_subscriptions", unsorted),
        Arguments.of("set_subscriptions count past the body", "/v1/set_subscriptions", hugeCount),
        Arguments.of("notify with no body", "/v1/notify", new byte[0]),
        Arguments.of("notify ends inside its header", "/v1/notify", new byte[] {0, 5, 'a'}),
        Arguments.of(
            "notify with a wrong sha512",
            "/v1/notify",
            mutateSha(
                notifyBody(
                    Topic.ofUtf8("orders"),
                    "hi".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    new byte[0]))),
        Arguments.of(
            "notify shorter than its declared length",
            "/v1/notify",
            Arrays.copyOf(notifyBody(Topic.ofUtf8("orders"), new byte[100], new byte[0]), 100)),
        Arguments.of(
            "notify with trailing bytes",
            "/v1/notify",
            notifyBody(Topic.ofUtf8("orders"), new byte[10], new byte[] {1})));
  }

  private static byte[] mutateSha(byte[] notify) {
    notify[2 + "orders".length()] ^= 1;
    return notify;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformedBodies")
  void malformedBodiesAnswer400WithAnEmptyBodyAndChangeNothing(String why, String path, byte[] body)
      throws Exception {
    store
        .add(
            Subscription.exact(
                new SubscriberUrl("http://127.0.0.1:1/v1/receive"),
                Topic.ofUtf8("orders"),
                Optional.empty()))
        .toCompletableFuture()
        .get(5, TimeUnit.SECONDS);
    HttpResponse<byte[]> r = post(path, body);
    assertEquals(400, r.statusCode(), why);
    assertEquals(0, r.body().length, why);
    assertEquals(
        1,
        store
            .listForUrl(new SubscriberUrl("http://127.0.0.1:1/v1/receive"))
            .toCompletableFuture()
            .get(5, TimeUnit.SECONDS)
            .size(),
        why);
    assertTrue(webhooks.sent.isEmpty(), "nothing delivered: " + why);
    assertSpoolDirEmpty();
  }

  @Test
  void unknownPathsAnswer404WithAnEmptyBody() throws Exception {
    for (String path :
        List.of(
            "/v1/nope",
            "/v1/notify/",
            "/v1//notify",
            "/",
            "/v2/subscribe/exact",
            "/v1/subscribe/exact/")) {
      HttpResponse<byte[]> r = post(path, new byte[] {1});
      assertEquals(404, r.statusCode(), path);
      assertEquals(0, r.body().length, path);
    }
  }

  @Test
  void wrongMethodsAnswer405WithAnEmptyBody() throws Exception {
    for (String path : List.of("/v1/notify", "/v1/subscribe/exact", "/v1/check_subscriptions")) {
      HttpResponse<byte[]> r =
          http.send(
              HttpRequest.newBuilder(URI.create(base + path)).GET().build(),
              HttpResponse.BodyHandlers.ofByteArray());
      assertEquals(405, r.statusCode(), path);
      assertEquals(0, r.body().length, path);
    }
  }

  @Test
  void bodiesAboveTheRequestLimitAnswer413() throws Exception {
    HttpResponse<byte[]> r = post("/v1/set_subscriptions", new byte[(int) MAX_REQUEST + 1]);
    assertEquals(413, r.statusCode());
    assertEquals(0, r.body().length);
  }

  @Test
  void notifyAboveTheConfiguredMaximumAnswers413BeforeReadingTheBody() throws Exception {
    byte[] body = notifyBody(Topic.ofUtf8("big"), new byte[(int) MAX_NOTIFY], new byte[0]);
    HttpResponse<byte[]> r = post("/v1/notify", body);
    assertEquals(413, r.statusCode());
    assertTrue(webhooks.sent.isEmpty());
    assertSpoolDirEmpty();
  }

  @Test
  void aChunkedNotifyDeclaringMoreThanTheMaximumIsCutWith413AfterItsHeader() throws Exception {
    assertEquals(200, post("/v1/subscribe/exact", subscribeExact("big")).statusCode());
    // no Content-Length: the header's declared length is past the limit, so reading stops right
    // after the header with 413 (D15) instead of spooling the rest; longer-than-declared bodies
    // are 400 (trailing bytes) as soon as the excess arrives
    byte[] body = notifyBody(Topic.ofUtf8("big"), new byte[(int) MAX_NOTIFY + 4096], new byte[0]);
    HttpResponse<byte[]> r =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/v1/notify"))
                .header("Content-Type", "application/octet-stream")
                .POST(
                    HttpRequest.BodyPublishers.ofInputStream(
                        () -> new java.io.ByteArrayInputStream(body)))
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(413, r.statusCode());
    assertEquals(0, r.body().length);
    assertTrue(webhooks.sent.isEmpty());
    assertSpoolDirEmpty();
  }

  @Test
  void smallNotifyIsDeliveredFromMemoryAndAnswersTheConfirmedCount() throws Exception {
    assertEquals(200, post("/v1/subscribe/exact", subscribeExact("orders")).statusCode());
    byte[] message = "hello world".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    HttpResponse<byte[]> r =
        post("/v1/notify", notifyBody(Topic.ofUtf8("orders"), message, new byte[0]));
    assertEquals(200, r.statusCode());
    ResponseNotify answer = ResponseNotify.parse(ByteBuffer.wrap(r.body()));
    assertEquals(1, answer.subscribers());
    assertEquals(Identifier.of(new byte[] {1, 2, 3, 4}), answer.identifier());
    assertEquals(Tracing.MINIMAL_NOTIFY_BLOCK_LENGTH, answer.tracing().length);
    assertEquals(1, webhooks.sent.size());
    assertFalse(webhooks.sent.get(0).spooled());
    assertArrayEquals(message, webhooks.sent.get(0).message());
  }

  @Test
  void largeNotifyIsSpooledToAFileThatIsDeletedAfterwards() throws Exception {
    assertEquals(200, post("/v1/subscribe/exact", subscribeExact("big")).statusCode());
    byte[] message = new byte[256 * 1024];
    new Random(7).nextBytes(message);
    HttpResponse<byte[]> r =
        post("/v1/notify", notifyBody(Topic.ofUtf8("big"), message, new byte[0]));
    assertEquals(200, r.statusCode());
    assertEquals(1, ResponseNotify.parse(ByteBuffer.wrap(r.body())).subscribers());
    assertTrue(webhooks.sent.get(0).spooled());
    assertArrayEquals(message, webhooks.sent.get(0).message());
    assertSpoolDirEmpty();
  }

  @Test
  void theDatabaseBeingUnavailableAnswers503() throws Exception {
    SubscriptionStorePort broken = new UnavailableStore();
    HttpServer other = serve(routerOver(broken), "");
    try {
      assertEquals(503, post("/v1/subscribe/exact", subscribeExact("t")).statusCode());
      assertEquals(
          503,
          post("/v1/notify", notifyBody(Topic.ofUtf8("t"), new byte[3], new byte[0])).statusCode());
      assertEquals(
          503,
          post(
                  "/v1/check_subscriptions",
                  new CheckSubscriptionsRequest(Tracing.empty(), new SubscriberUrl(url)).encode())
              .statusCode());
    } finally {
      other.close();
    }
  }

  @Test
  void theRouterCanBeMountedUnderASubPathOfAnotherApplication() throws Exception {
    Router app = Router.router(vertx);
    app.get("/health").handler(ctx -> ctx.response().end("ok"));
    app.route("/pubsub/*").subRouter(routerOver(store));
    serve(app, "/pubsub");
    HttpResponse<byte[]> r = post("/v1/subscribe/exact", subscribeExact("mounted"));
    assertEquals(200, r.statusCode());
    assertEquals(1, stored().size());
    assertEquals(404, post("/v1/unknown", new byte[0]).statusCode());
  }

  private HttpResponse<byte[]> post(String path, byte[] body, String authorization)
      throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", "application/octet-stream")
            .header("Authorization", authorization)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  @Test
  void withTokenAuthAMissingHeaderIs401AWrongOne403AndNothingIsStored() throws Exception {
    serve(routerOver(store, new TokenScheme("s3cret")), "");
    HttpResponse<byte[]> missing = post("/v1/subscribe/exact", subscribeExact("t"));
    assertEquals(401, missing.statusCode());
    assertEquals(0, missing.body().length);
    HttpResponse<byte[]> wrong = post("/v1/subscribe/exact", subscribeExact("t"), "Bearer nope");
    assertEquals(403, wrong.statusCode());
    assertEquals(0, wrong.body().length);
    HttpResponse<byte[]> garbled =
        post("/v1/subscribe/exact", subscribeExact("t"), "Bearer s3cr\u00e9t");
    assertEquals(403, garbled.statusCode());
    assertEquals(List.of(), stored());
    assertEquals(
        200, post("/v1/subscribe/exact", subscribeExact("t"), "Bearer s3cret").statusCode());
    assertEquals(1, stored().size());
  }

  @Test
  void anUnauthorizedNotifyIsRefusedBeforeItsBodyIsStoredOrDelivered() throws Exception {
    serve(routerOver(store, new TokenScheme("s3cret")), "");
    assertEquals(
        200, post("/v1/subscribe/exact", subscribeExact("big"), "Bearer s3cret").statusCode());
    byte[] body = notifyBody(Topic.ofUtf8("big"), new byte[200 * 1024], new byte[0]);
    assertEquals(401, post("/v1/notify", body).statusCode());
    assertEquals(403, post("/v1/notify", body, "Bearer wrong").statusCode());
    assertTrue(webhooks.sent.isEmpty());
    assertSpoolDirEmpty();
    webhooks.answerAuthorization = Optional.of("Bearer s3cret");
    HttpResponse<byte[]> ok = post("/v1/notify", body, "Bearer s3cret");
    assertEquals(200, ok.statusCode());
    assertEquals(1, ResponseNotify.parse(ByteBuffer.wrap(ok.body())).subscribers());
  }

  @Test
  void aPublisherThatDisconnectsMidUploadLeavesNoSpoolFileAndNothingIsDelivered() throws Exception {
    assertEquals(200, post("/v1/subscribe/exact", subscribeExact("cut")).statusCode());
    byte[] body = notifyBody(Topic.ofUtf8("cut"), new byte[512 * 1024], new byte[0]);
    URI uri = URI.create(base + "/v1/notify");
    try (java.net.Socket socket = new java.net.Socket(uri.getHost(), uri.getPort())) {
      java.io.OutputStream out = socket.getOutputStream();
      out.write(
          ("POST /v1/notify HTTP/1.1\r\nHost: "
                  + uri.getAuthority()
                  + "\r\nContent-Type: application/octet-stream\r\nContent-Length: "
                  + body.length
                  + "\r\n\r\n")
              .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      out.write(body, 0, 128 * 1024);
      out.flush();
      awaitSpoolFiles(1, "the body is being spooled");
    } // the connection closes mid-body
    awaitSpoolFiles(0, "the spool file is deleted after the disconnect");
    assertTrue(webhooks.sent.isEmpty());
  }

  @Test
  void spoolFilesLeftByAStoppedProcessAreDeletedAtStartAndOwnOnesAtStop() throws Exception {
    Process gone = new ProcessBuilder("true").start();
    assertEquals(0, gone.waitFor());
    Path stale = Files.createFile(spoolDir.resolve("lonelypss-notify-" + gone.pid() + "-1.spool"));
    Path live =
        Files.createFile(
            spoolDir.resolve("lonelypss-notify-" + ProcessHandle.current().pid() + "-2.spool"));
    Path unrelated = Files.createFile(spoolDir.resolve("notes.spool"));
    assertEquals(1, SpoolFiles.deleteLeftovers(spoolDir));
    assertFalse(Files.exists(stale));
    assertTrue(Files.exists(live));
    assertTrue(Files.exists(unrelated));
    // at stop, this process's own leftovers go too (uploads cut off by the stop)
    assertEquals(1, SpoolFiles.deleteOwn(spoolDir));
    assertFalse(Files.exists(live));
    assertTrue(Files.exists(unrelated));
  }

  private void awaitSpoolFiles(int count, String what) throws Exception {
    Await.until(what, Duration.ofSeconds(20), Await.fileCount(spoolDir, count));
  }

  /** Spool files are deleted before the answer is written, so none may be left by then. */
  private void assertSpoolDirEmpty() throws IOException {
    try (Stream<Path> files = Files.list(spoolDir)) {
      assertEquals(List.of(), files.toList(), "spool files left behind");
    }
  }

  /** A store whose every operation reports the database as unavailable. */
  private static final class UnavailableStore implements SubscriptionStorePort {
    private static <T> CompletionStage<T> down() {
      return CompletableFuture.failedFuture(
          new StoreUnavailableException("database down", new IOException("simulated")));
    }

    @Override
    public CompletionStage<Void> add(Subscription subscription) {
      return down();
    }

    @Override
    public CompletionStage<Void> remove(SubscriberUrl url, Interest interest) {
      return down();
    }

    @Override
    public CompletionStage<List<Subscription>> findMatching(Topic topic) {
      return down();
    }

    @Override
    public CompletionStage<List<Subscription>> listForUrl(SubscriberUrl url) {
      return down();
    }

    @Override
    public CompletionStage<Void> replaceForUrl(SubscriberUrl url, List<Subscription> desired) {
      return down();
    }
  }
}
