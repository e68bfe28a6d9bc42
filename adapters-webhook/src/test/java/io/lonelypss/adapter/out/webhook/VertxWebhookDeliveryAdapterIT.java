package io.lonelypss.adapter.out.webhook;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lonelypss.application.port.out.ReceiveWebhook;
import io.lonelypss.application.port.out.WebhookOutcome;
import io.lonelypss.domain.Identifier;
import io.lonelypss.domain.MessageBody;
import io.lonelypss.domain.Sha512Digest;
import io.lonelypss.domain.SubscriberUrl;
import io.lonelypss.domain.Topic;
import io.lonelypss.domain.protocol.ReceiveHeader;
import io.lonelypss.domain.testing.Vectors;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.SelfSignedCertificate;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The webhook sender against real sockets on loopback, with Vert.x servers as subscribers. */
class VertxWebhookDeliveryAdapterIT {
  private static final int MIB = 1024 * 1024;
  private static final Topic TOPIC = Topic.ofUtf8("orders/created");

  private Vertx vertx;
  private final List<VertxWebhookDeliveryAdapter> adapters = new ArrayList<>();
  private final Random random = new Random(20261127);

  @TempDir Path tempDir;

  @BeforeEach
  void startVertx() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void stopVertx() throws Exception {
    for (VertxWebhookDeliveryAdapter adapter : adapters) {
      await(adapter.close());
    }
    await(vertx.close().toCompletionStage());
  }

  // ---------------------------------------------------------------- what goes on the wire

  @ParameterizedTest
  @ValueSource(
      strings = {
        "none/notify/S/v1/receive",
        "token/notify/S/v1/receive",
        "none/notify_to_url_with_fragment/S/v1/receive"
      })
  void replaysTheReceiveVectorByteForByte(String name) throws Exception {
    Map<String, Object> vector =
        Vectors.load("http-messages.json").stream()
            .filter(c -> name.equals(c.get("name")))
            .findFirst()
            .orElseThrow();
    Map<String, Object> decoded = Vectors.object(vector, "request_decoded");
    Map<String, String> expected = headersOf(vector);
    byte[] message = Vectors.hex((String) decoded.get("message_hex"));
    ReceiveHeader header =
        new ReceiveHeader(
            Vectors.hex((String) decoded.get("tracing_hex")),
            Topic.of(Vectors.hex((String) decoded.get("topic_hex"))),
            Identifier.of(Vectors.hex((String) decoded.get("identifier_hex"))),
            message.length);
    int status = ((Number) vector.get("response_status")).intValue();
    byte[] answer = Vectors.hex((String) vector.get("response_body_hex"));
    Subscriber subscriber = subscriber(status, answer);
    ReceiveWebhook webhook =
        new ReceiveWebhook(
            new SubscriberUrl(
                subscriber.url(vector.get("path") + (name.contains("fragment") ? "#b" : ""))),
            header,
            Sha512Digest.hash(message),
            new MessageBody.InMemory(message),
            Optional.ofNullable(expected.get("authorization")));

    WebhookOutcome outcome = deliver(adapter(WebhookSettings.DEFAULTS), webhook);

    Received received = await(subscriber.received());
    assertEquals("POST", received.method());
    assertEquals(vector.get("path"), received.uri());
    assertEquals(vector.get("request_body_hex"), Vectors.hex(received.body()));
    assertEquals(expected.get("content-length"), received.headers().get("content-length"));
    assertEquals(expected.get("content-type"), received.headers().get("content-type"));
    assertEquals(List.of(expected.get("repr-digest")), received.headers().getAll("repr-digest"));
    assertEquals(expected.get("authorization"), received.headers().get("authorization"));
    assertEquals(name.startsWith("none/"), !received.headers().contains("authorization"));
    assertNull(received.headers().get("transfer-encoding"));
    assertEquals("127.0.0.1:" + subscriber.port(), received.headers().get("host"));
    assertAnswered(status, answer, outcome);
  }

  @Test
  void sendsThePathAndQueryAsWrittenWithoutTheFragment() throws Exception {
    Subscriber subscriber = subscriber(200, new byte[0]);
    String pathAndQuery = "/v1/receive/a%2Fb?x=1&y=%20z";

    WebhookOutcome outcome =
        deliver(
            adapter(WebhookSettings.DEFAULTS),
            webhook(subscriber.url(pathAndQuery + "#second-subscription"), bytes(10)));

    Received received = await(subscriber.received());
    assertEquals(pathAndQuery, received.uri());
    assertEquals("127.0.0.1:" + subscriber.port(), received.headers().get("host"));
    assertAnswered(200, new byte[0], outcome);
  }

  @Test
  void streamsASpooledBodyIntactAndReleasesTheFile() throws Exception {
    byte[] message = bytes(5 * MIB + 123);
    Path file = tempDir.resolve("spooled.bin");
    Files.write(file, message);
    try (FileChannel open = FileChannel.open(file)) {
      assertTrue(open.isOpen());
      assertEquals(1, openHandlesTo(file), "the handle check sees an open file");
    }
    CompletableFuture<byte[]> digestSeen = new CompletableFuture<>();
    CompletableFuture<MultiMap> headersSeen = new CompletableFuture<>();
    int port =
        serve(
            new HttpServerOptions(),
            request -> {
              MessageDigest hasher = Sha512Digest.newHasher();
              headersSeen.complete(MultiMap.caseInsensitiveMultiMap().addAll(request.headers()));
              request.handler(chunk -> hasher.update(chunk.getBytes()));
              request.endHandler(
                  v -> {
                    digestSeen.complete(hasher.digest());
                    request.response().end("ok");
                  });
            });
    ReceiveWebhook webhook =
        new ReceiveWebhook(
            new SubscriberUrl("http://127.0.0.1:" + port + "/v1/receive"),
            header(message.length),
            Sha512Digest.hash(message),
            new MessageBody.Spooled(file, message.length),
            Optional.empty());

    WebhookOutcome outcome = deliver(adapter(WebhookSettings.DEFAULTS), webhook);

    assertAnswered(200, "ok".getBytes(StandardCharsets.US_ASCII), outcome);
    MessageDigest expected = Sha512Digest.newHasher();
    expected.update(webhook.header().encode());
    expected.update(message);
    assertArrayEquals(expected.digest(), await(digestSeen));
    MultiMap headers = await(headersSeen);
    assertEquals(Long.toString(webhook.contentLength()), headers.get("content-length"));
    assertNull(headers.get("transfer-encoding"));
    assertTrue(Files.exists(file), "the caller deletes the spool file, not the sender");
    assertEquals(0, openHandlesTo(file));
    Files.delete(file);
  }

  @Test
  void closesTheSpoolFileWhenNobodyAnswers() throws Exception {
    byte[] message = bytes(MIB);
    Path file = tempDir.resolve("spooled.bin");
    Files.write(file, message);
    ReceiveWebhook webhook =
        new ReceiveWebhook(
            new SubscriberUrl("http://127.0.0.1:" + closedPort() + "/v1/receive"),
            header(message.length),
            Sha512Digest.hash(message),
            new MessageBody.Spooled(file, message.length),
            Optional.empty());

    WebhookOutcome outcome = deliver(adapter(WebhookSettings.DEFAULTS), webhook);

    assertInstanceOf(WebhookOutcome.NoAnswer.class, outcome);
    assertTrue(Files.exists(file));
    assertEquals(0, openHandlesTo(file));
  }

  @Test
  void aMissingSpoolFileIsNoAnswer() throws Exception {
    Subscriber subscriber = subscriber(200, new byte[0]);
    ReceiveWebhook webhook =
        new ReceiveWebhook(
            new SubscriberUrl(subscriber.url("/v1/receive")),
            header(10),
            Sha512Digest.hash(new byte[10]),
            new MessageBody.Spooled(tempDir.resolve("gone.bin"), 10),
            Optional.empty());

    WebhookOutcome outcome = deliver(adapter(WebhookSettings.DEFAULTS), webhook);

    assertNoAnswer("spooled body", outcome);
  }

  @Test
  void aSpoolFileShorterThanDeclaredIsNoAnswer() throws Exception {
    Path file = tempDir.resolve("short.bin");
    Files.write(file, bytes(1000));
    int port = serve(new HttpServerOptions(), request -> request.handler(chunk -> {}));
    ReceiveWebhook webhook =
        new ReceiveWebhook(
            new SubscriberUrl("http://127.0.0.1:" + port + "/v1/receive"),
            header(2000),
            Sha512Digest.hash(new byte[2000]),
            new MessageBody.Spooled(file, 2000),
            Optional.empty());

    WebhookOutcome outcome = deliver(adapter(WebhookSettings.DEFAULTS), webhook);

    assertNoAnswer("shorter than its declared length", outcome);
    assertEquals(0, openHandlesTo(file));
  }

  // ---------------------------------------------------------------- answers and failures

  @Test
  void anHttpsSubscriberWithAnUntrustedCertificateIsNoAnswer() throws Exception {
    SelfSignedCertificate certificate = SelfSignedCertificate.create("localhost");
    int port =
        serve(
            new HttpServerOptions().setSsl(true).setKeyCertOptions(certificate.keyCertOptions()),
            request -> request.response().end());

    WebhookOutcome outcome =
        deliver(
            adapter(WebhookSettings.DEFAULTS.withConnectTimeout(Duration.ofSeconds(20))),
            webhook("https://127.0.0.1:" + port + "/v1/receive", bytes(3)));

    assertNoAnswer("SSL", outcome);
  }

  @Test
  void aSuccessfulAnswerCarriesItsStatusAndBody() throws Exception {
    byte[] answer = Vectors.hex("0008000000000880edefcf3637e12400000001");
    Subscriber subscriber = subscriber(200, answer);

    WebhookOutcome outcome =
        deliver(
            adapter(WebhookSettings.DEFAULTS), webhook(subscriber.url("/v1/receive"), bytes(3)));

    assertAnswered(200, answer, outcome);
  }

  @Test
  void aServerErrorIsStillAnAnswer() throws Exception {
    Subscriber subscriber = subscriber(500, "oops".getBytes(StandardCharsets.US_ASCII));

    WebhookOutcome outcome =
        deliver(
            adapter(WebhookSettings.DEFAULTS), webhook(subscriber.url("/v1/receive"), bytes(3)));

    assertAnswered(500, "oops".getBytes(StandardCharsets.US_ASCII), outcome);
  }

  @Test
  void aRefusedConnectionIsNoAnswer() throws Exception {
    String url = "http://127.0.0.1:" + closedPort() + "/v1/receive";

    WebhookOutcome outcome = deliver(adapter(WebhookSettings.DEFAULTS), webhook(url, bytes(3)));

    assertNoAnswer("cannot connect", outcome);
  }

  @Test
  void aSilentSubscriberIsNoAnswerAfterTheIdleTimeout() throws Exception {
    int port = serve(new HttpServerOptions(), request -> request.body());
    Duration idle = Duration.ofMillis(300);
    long started = System.nanoTime();

    WebhookOutcome outcome =
        deliver(
            adapter(WebhookSettings.DEFAULTS.withIdleTimeout(idle)),
            webhook("http://127.0.0.1:" + port + "/v1/receive", bytes(3)));

    assertNoAnswer("waiting for the answer", outcome);
    assertTrue(System.nanoTime() - started >= idle.toNanos());
  }

  @Test
  void aStalledUploadIsNoAnswerAfterTheIdleTimeout() throws Exception {
    int port =
        serve(new HttpServerOptions().setReceiveBufferSize(64 * 1024), HttpServerRequest::pause);

    WebhookOutcome outcome =
        deliver(
            adapter(WebhookSettings.DEFAULTS.withIdleTimeout(Duration.ofMillis(300))),
            webhook("http://127.0.0.1:" + port + "/v1/receive", bytes(32 * MIB)));

    assertNoAnswer("while sending the body", outcome);
  }

  @Test
  void aSubscriberThatHangsUpMidAnswerIsNoAnswer() throws Exception {
    int port =
        serve(
            new HttpServerOptions(),
            request ->
                request
                    .body()
                    .onSuccess(
                        body ->
                            request
                                .response()
                                .putHeader("Content-Length", "100")
                                .write("only part of it")
                                .onComplete(written -> request.connection().close())));

    WebhookOutcome outcome =
        deliver(
            adapter(WebhookSettings.DEFAULTS),
            webhook("http://127.0.0.1:" + port + "/v1/receive", bytes(3)));

    assertInstanceOf(WebhookOutcome.NoAnswer.class, outcome);
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void anAnswerOfExactlyTheLimitIsKept(boolean chunked) throws Exception {
    byte[] answer = bytes(1024);
    int port = serveAnswer(answer, chunked);

    WebhookOutcome outcome =
        deliver(
            adapter(WebhookSettings.DEFAULTS.withMaxAnswerBytes(1024)),
            webhook("http://127.0.0.1:" + port + "/v1/receive", bytes(3)));

    assertAnswered(200, answer, outcome);
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void anAnswerOverTheLimitIsNoAnswer(boolean chunked) throws Exception {
    int port = serveAnswer(bytes(1025), chunked);

    WebhookOutcome outcome =
        deliver(
            adapter(WebhookSettings.DEFAULTS.withMaxAnswerBytes(1024)),
            webhook("http://127.0.0.1:" + port + "/v1/receive", bytes(3)));

    assertNoAnswer("answer too large", outcome);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "SSH-2.0-OpenSSH_9.6\r\n",
        "HTTP/1.1 two hundred OK\r\n\r\n",
        "\0\1\2\3 binary junk\r\n\r\n"
      })
  void garbageInsteadOfHttpIsNoAnswer(String garbage) throws Exception {
    CompletableFuture<Void> contacted = new CompletableFuture<>();
    int port =
        await(
                vertx
                    .createNetServer()
                    .connectHandler(
                        (NetSocket socket) ->
                            socket.handler(
                                data -> {
                                  if (contacted.complete(null)) {
                                    socket.write(
                                        Buffer.buffer(
                                            garbage.getBytes(StandardCharsets.ISO_8859_1)));
                                  }
                                }))
                    .listen(0, "127.0.0.1")
                    .toCompletionStage())
            .actualPort();

    WebhookOutcome outcome =
        deliver(
            adapter(WebhookSettings.DEFAULTS.withIdleTimeout(Duration.ofSeconds(1))),
            webhook("http://127.0.0.1:" + port + "/v1/receive", bytes(3)));

    assertInstanceOf(WebhookOutcome.NoAnswer.class, outcome);
    assertTrue(contacted.isDone());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "ftp://127.0.0.1/v1/receive",
        "http://exa mple.com/v1/receive",
        "not a url",
        "http:///v1/receive",
        "http://127.0.0.1:99999/v1/receive"
      })
  void aUrlThatCannotBePostedToIsNoAnswerAtOnce(String url) {
    CompletionStage<WebhookOutcome> stage =
        adapter(WebhookSettings.DEFAULTS).postReceive(webhook(url, bytes(3)));

    assertTrue(stage.toCompletableFuture().isDone());
    assertInstanceOf(WebhookOutcome.NoAnswer.class, stage.toCompletableFuture().join());
  }

  @Test
  void aDeliveryThatGetsNoConnectionInTimeIsNoAnswer() throws Exception {
    CompletableFuture<Void> firstArrived = new CompletableFuture<>();
    int port = serve(new HttpServerOptions(), request -> firstArrived.complete(null));
    VertxWebhookDeliveryAdapter adapter =
        adapter(
            WebhookSettings.DEFAULTS
                .withPoolSize(1)
                .withConnectTimeout(Duration.ofMillis(200))
                .withIdleTimeout(Duration.ofSeconds(2)));
    String url = "http://127.0.0.1:" + port + "/v1/receive";
    CompletionStage<WebhookOutcome> first = adapter.postReceive(webhook(url, bytes(3)));
    await(firstArrived);

    WebhookOutcome second = deliver(adapter, webhook(url, bytes(3)));

    assertNoAnswer("cannot connect", second);
    assertInstanceOf(WebhookOutcome.NoAnswer.class, await(first));
  }

  // ---------------------------------------------------------------- timeouts per D16

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void aSlowUploadIsNotCutByTheTotalTimeout(boolean spooled) throws Exception {
    int size = 40 * MIB;
    long fastFrom = size - 12 * MIB;
    int stepBytes = 512 * 1024;
    Duration total = Duration.ofMillis(250);
    CompletableFuture<Long> uploadNanos = new CompletableFuture<>();
    int port =
        serve(
            new HttpServerOptions().setReceiveBufferSize(128 * 1024),
            request -> {
              long arrived = System.nanoTime();
              // Reads stepBytes per 10 ms tick, then everything once fastFrom bytes are in.
              long[] received = {0};
              long[] allowance = {stepBytes};
              long ticker =
                  vertx.setPeriodic(
                      10,
                      id -> {
                        allowance[0] += stepBytes;
                        request.resume();
                      });
              request.handler(
                  chunk -> {
                    received[0] += chunk.length();
                    if (received[0] >= fastFrom) {
                      vertx.cancelTimer(ticker);
                    } else if (received[0] >= allowance[0]) {
                      request.pause();
                    }
                  });
              request.endHandler(
                  v -> {
                    uploadNanos.complete(System.nanoTime() - arrived);
                    request.response().end(Long.toString(received[0]));
                  });
            });
    byte[] message = bytes(size - 100);
    MessageBody body;
    if (spooled) {
      Path file = tempDir.resolve("large.bin");
      Files.write(file, message);
      body = new MessageBody.Spooled(file, message.length);
    } else {
      body = new MessageBody.InMemory(message);
    }
    ReceiveWebhook webhook =
        new ReceiveWebhook(
            new SubscriberUrl("http://127.0.0.1:" + port + "/v1/receive"),
            header(message.length),
            Sha512Digest.hash(message),
            body,
            Optional.empty());

    WebhookOutcome outcome =
        deliver(
            adapter(
                WebhookSettings.DEFAULTS
                    .withTotalTimeout(total)
                    .withIdleTimeout(Duration.ofSeconds(2))),
            webhook);

    assertAnswered(
        200, Long.toString(webhook.contentLength()).getBytes(StandardCharsets.US_ASCII), outcome);
    assertTrue(await(uploadNanos) > 2 * total.toNanos(), "the upload outlasted the total timeout");
  }

  @Test
  void aTrickledAnswerIsCutByTheTotalTimeout() throws Exception {
    int port =
        serve(
            new HttpServerOptions(),
            request ->
                request
                    .body()
                    .onSuccess(
                        body -> {
                          request.response().setChunked(true).write("0");
                          long ticker = vertx.setPeriodic(50, id -> request.response().write("0"));
                          request.connection().closeHandler(v -> vertx.cancelTimer(ticker));
                        }));
    Duration total = Duration.ofMillis(600);
    long started = System.nanoTime();

    WebhookOutcome outcome =
        deliver(
            adapter(
                WebhookSettings.DEFAULTS
                    .withIdleTimeout(Duration.ofMillis(300))
                    .withTotalTimeout(total)),
            webhook("http://127.0.0.1:" + port + "/v1/receive", bytes(3)));

    assertNoAnswer("no complete answer", outcome);
    assertTrue(System.nanoTime() - started >= total.toNanos());
  }

  // ---------------------------------------------------------------- threads, pooling, closing

  @Test
  void deliversWhenCalledFromAnEventLoop() throws Exception {
    Subscriber subscriber = subscriber(200, new byte[] {1});
    VertxWebhookDeliveryAdapter adapter = adapter(WebhookSettings.DEFAULTS);
    ReceiveWebhook webhook = webhook(subscriber.url("/v1/receive"), bytes(3));
    CompletableFuture<CompletionStage<WebhookOutcome>> started = new CompletableFuture<>();

    vertx.runOnContext(v -> started.complete(adapter.postReceive(webhook)));

    assertAnswered(200, new byte[] {1}, await(await(started)));
  }

  @Test
  void concurrentDeliveriesOverASmallPoolEachGetTheirOwnAnswer() throws Exception {
    int port =
        serve(
            new HttpServerOptions(),
            request -> request.body().onSuccess(body -> request.response().end(body)));
    VertxWebhookDeliveryAdapter adapter = adapter(WebhookSettings.DEFAULTS.withPoolSize(4));
    List<ReceiveWebhook> webhooks = new ArrayList<>();
    List<CompletableFuture<WebhookOutcome>> outcomes = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      ReceiveWebhook webhook =
          webhook("http://127.0.0.1:" + port + "/v1/receive", bytes(1 + random.nextInt(5000)));
      webhooks.add(webhook);
      outcomes.add(adapter.postReceive(webhook).toCompletableFuture());
    }

    for (int i = 0; i < webhooks.size(); i++) {
      assertAnswered(200, wireBody(webhooks.get(i)), await(outcomes.get(i)));
    }
  }

  @Test
  void afterCloseEveryDeliveryIsNoAnswer() throws Exception {
    Subscriber subscriber = subscriber(200, new byte[0]);
    VertxWebhookDeliveryAdapter adapter = adapter(WebhookSettings.DEFAULTS);
    await(adapter.close());

    WebhookOutcome outcome = deliver(adapter, webhook(subscriber.url("/v1/receive"), bytes(3)));

    assertNoAnswer("cannot connect", outcome);
    assertFalse(subscriber.received().isDone());
  }

  // ---------------------------------------------------------------- helpers

  /** What the fake subscriber saw. */
  private record Received(String method, String uri, MultiMap headers, byte[] body) {}

  /** A fake subscriber on loopback that records the first request and answers every one. */
  private record Subscriber(int port, CompletableFuture<Received> received) {
    String url(String pathAndQuery) {
      return "http://127.0.0.1:" + port + pathAndQuery;
    }
  }

  private Subscriber subscriber(int status, byte[] answer) throws Exception {
    CompletableFuture<Received> received = new CompletableFuture<>();
    int port =
        serve(
            new HttpServerOptions(),
            request ->
                request
                    .body()
                    .onSuccess(
                        body -> {
                          received.complete(
                              new Received(
                                  request.method().name(),
                                  request.uri(),
                                  MultiMap.caseInsensitiveMultiMap().addAll(request.headers()),
                                  body.getBytes()));
                          request.response().setStatusCode(status).end(Buffer.buffer(answer));
                        }));
    return new Subscriber(port, received);
  }

  private int serveAnswer(byte[] answer, boolean chunked) throws Exception {
    return serve(
        new HttpServerOptions(),
        request ->
            request
                .body()
                .onSuccess(
                    body -> {
                      if (chunked) {
                        int half = answer.length / 2;
                        request
                            .response()
                            .setChunked(true)
                            .write(Buffer.buffer(answer).slice(0, half));
                        request.response().end(Buffer.buffer(answer).slice(half, answer.length));
                      } else {
                        request.response().end(Buffer.buffer(answer));
                      }
                    }));
  }

  private int serve(HttpServerOptions options, Handler<HttpServerRequest> handler)
      throws Exception {
    return await(
            vertx
                .createHttpServer(options)
                .requestHandler(handler)
                .listen(0, "127.0.0.1")
                .toCompletionStage())
        .actualPort();
  }

  private VertxWebhookDeliveryAdapter adapter(WebhookSettings settings) {
    VertxWebhookDeliveryAdapter adapter = new VertxWebhookDeliveryAdapter(vertx, settings);
    adapters.add(adapter);
    return adapter;
  }

  private static WebhookOutcome deliver(VertxWebhookDeliveryAdapter adapter, ReceiveWebhook webhook)
      throws Exception {
    return await(adapter.postReceive(webhook));
  }

  /** Waits for a stage; the timeout is only a safety net against a hung test. */
  private static <T> T await(CompletionStage<T> stage) throws Exception {
    return stage.toCompletableFuture().get(60, TimeUnit.SECONDS);
  }

  private ReceiveWebhook webhook(String url, byte[] message) {
    return new ReceiveWebhook(
        new SubscriberUrl(url),
        header(message.length),
        Sha512Digest.hash(message),
        new MessageBody.InMemory(message),
        Optional.empty());
  }

  private ReceiveHeader header(long messageLength) {
    return new ReceiveHeader(new byte[0], TOPIC, Identifier.random(random, 8), messageLength);
  }

  private static byte[] wireBody(ReceiveWebhook webhook) {
    byte[] header = webhook.header().encode();
    byte[] message = ((MessageBody.InMemory) webhook.body()).bytes();
    byte[] all = new byte[header.length + message.length];
    System.arraycopy(header, 0, all, 0, header.length);
    System.arraycopy(message, 0, all, header.length, message.length);
    return all;
  }

  private byte[] bytes(int length) {
    byte[] b = new byte[length];
    random.nextBytes(b);
    return b;
  }

  /** A port nothing listens on: bound, then released. */
  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static Map<String, String> headersOf(Map<String, Object> vector) {
    Map<String, String> headers = new LinkedHashMap<>();
    for (Object pair : Vectors.array(vector, "request_headers")) {
      List<?> kv = (List<?>) pair;
      headers.put((String) kv.get(0), (String) kv.get(1));
    }
    return headers;
  }

  /** How many of this process's file descriptors point at {@code file} (Linux only). */
  private static long openHandlesTo(Path file) throws IOException {
    Path fds = Path.of("/proc/self/fd");
    Assumptions.assumeTrue(Files.isDirectory(fds), "needs /proc/self/fd");
    Path target = file.toRealPath();
    try (Stream<Path> entries = Files.list(fds)) {
      return entries
          .filter(
              fd -> {
                try {
                  return Files.readSymbolicLink(fd).equals(target);
                } catch (IOException | UnsupportedOperationException e) {
                  return false;
                }
              })
          .count();
    }
  }

  private static void assertAnswered(int status, byte[] body, WebhookOutcome outcome) {
    WebhookOutcome.Answered answered =
        assertInstanceOf(WebhookOutcome.Answered.class, outcome, () -> outcome.toString());
    assertEquals(status, answered.status());
    assertArrayEquals(body, answered.body());
  }

  private static void assertNoAnswer(String reasonPart, WebhookOutcome outcome) {
    WebhookOutcome.NoAnswer none =
        assertInstanceOf(WebhookOutcome.NoAnswer.class, outcome, () -> outcome.toString());
    assertTrue(
        none.reason().contains(reasonPart),
        () -> "reason '" + none.reason() + "' should mention '" + reasonPart + "'");
  }
}
