package io.lonelypss.bootstrap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lonelypss.domain.GlobPattern;
import io.lonelypss.domain.Identifier;
import io.lonelypss.domain.Interest;
import io.lonelypss.domain.Sha512Digest;
import io.lonelypss.domain.SubscriberUrl;
import io.lonelypss.domain.Subscription;
import io.lonelypss.domain.Topic;
import io.lonelypss.domain.protocol.NotifyHeader;
import io.lonelypss.domain.protocol.ReceiveHeader;
import io.lonelypss.domain.protocol.ResponseNotify;
import io.lonelypss.domain.protocol.SubscribeRequest;
import io.lonelypss.domain.protocol.Tracing;
import io.lonelypss.domain.protocol.UnsubscribeRequest;
import io.lonelypss.domain.protocol.WireWriter;
import io.vertx.core.Vertx;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole product on loopback: the real broadcaster (SQLite file, HTTP server, webhook client)
 * and a real HTTP subscriber. Subscribe, notify, receive intact, unsubscribe, receive nothing.
 */
class EndToEndIT {
  @TempDir Path dir;

  private Vertx vertx;
  private FakeSubscriber subscriber;
  private RunningBroadcaster broadcaster;
  private BroadcasterClient client;
  private SubscriberUrl receiveUrl;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    subscriber = FakeSubscriber.start(vertx, 0);
    broadcaster = TestBroadcasters.start(dir);
    client = new BroadcasterClient(broadcaster.baseUrl());
    receiveUrl = new SubscriberUrl(subscriber.url("/v1/receive"));
  }

  @AfterEach
  void stop() throws Exception {
    TestBroadcasters.stop(broadcaster);
    subscriber.close();
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private void subscribe(Interest interest) throws Exception {
    Subscription s =
        new Subscription(
            receiveUrl, interest, Optional.of(new SubscriberUrl(subscriber.url("/v1/recover"))));
    String path = interest instanceof GlobPattern ? "/v1/subscribe/glob" : "/v1/subscribe/exact";
    HttpResponse<byte[]> r = client.post(path, new SubscribeRequest(s, Tracing.empty()).encode());
    assertEquals(200, r.statusCode());
  }

  private void unsubscribe(Interest interest) throws Exception {
    String path =
        interest instanceof GlobPattern ? "/v1/unsubscribe/glob" : "/v1/unsubscribe/exact";
    HttpResponse<byte[]> r =
        client.post(path, new UnsubscribeRequest(receiveUrl, interest, Tracing.empty()).encode());
    assertEquals(200, r.statusCode());
  }

  private ResponseNotify publish(Topic topic, byte[] message) throws Exception {
    Identifier id = Identifier.of(new byte[] {7, 7, 7, 7});
    NotifyHeader header =
        new NotifyHeader(topic, Sha512Digest.hash(message), Tracing.empty(), id, message.length);
    byte[] body = new WireWriter().raw(header.encode()).raw(message).toByteArray();
    HttpResponse<byte[]> r = client.post("/v1/notify", body);
    assertEquals(200, r.statusCode());
    ResponseNotify answer = ResponseNotify.parse(ByteBuffer.wrap(r.body()));
    assertEquals(id, answer.identifier());
    return answer;
  }

  private static void assertIntact(FakeSubscriber.Received r, Topic topic, byte[] message) {
    assertNotNull(r.header(), "RECEIVE header parses");
    assertEquals("/v1/receive", r.path());
    assertEquals(topic, r.header().topic());
    assertEquals(message.length, r.header().messageLength());
    assertArrayEquals(message, r.message());
    assertEquals(
        ReceiveHeader.reprDigest(Sha512Digest.hash(message)), r.headers().get("Repr-Digest"));
    assertEquals(String.valueOf(r.body().length), r.headers().get("Content-Length"));
    assertEquals("application/octet-stream", r.headers().get("Content-Type"));
  }

  @Test
  void subscribeNotifyReceiveUnsubscribeAndThenNothingArrives() throws Exception {
    Topic topic = Topic.ofUtf8("orders/created");
    GlobPattern glob = GlobPattern.of("orders/*");
    subscribe(topic);
    subscribe(glob);

    // exact + matching glob for one URL: two copies (D2), both confirmed
    byte[] hello = "hello world".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    assertEquals(2, publish(topic, hello).subscribers());
    assertEquals(2, subscriber.received.size());
    subscriber.received.forEach(r -> assertIntact(r, topic, hello));

    // a 1 MiB body, above nothing in particular, still intact
    subscriber.received.clear();
    byte[] big = new byte[1024 * 1024];
    new Random(99).nextBytes(big);
    assertEquals(2, publish(topic, big).subscribers());
    subscriber.received.forEach(r -> assertIntact(r, topic, big));

    // only the glob matches a sibling topic
    subscriber.received.clear();
    Topic sibling = Topic.ofUtf8("orders/deleted");
    assertEquals(1, publish(sibling, hello).subscribers());
    assertIntact(subscriber.received.get(0), sibling, hello);

    unsubscribe(topic);
    unsubscribe(glob);
    subscriber.received.clear();
    assertEquals(0, publish(topic, hello).subscribers());
    assertEquals(0, publish(sibling, hello).subscribers());
    assertEquals(List.of(), subscriber.received);
  }

  @Test
  void aTopicThatIsNotUtf8ReachesItsExactSubscriberButNoGlob() throws Exception {
    Topic binary = Topic.of(new byte[] {0, (byte) 0xff, 'b', 'i', 'n'});
    subscribe(binary);
    subscribe(GlobPattern.of("*"));
    byte[] message = {1, 2, 3};
    assertEquals(1, publish(binary, message).subscribers());
    assertEquals(1, subscriber.received.size());
    assertIntact(subscriber.received.get(0), binary, message);
  }

  @Test
  void aBodyAboveTheSpoolSizeIsStreamedFromATempFileThatIsThenDeleted() throws Exception {
    TestBroadcasters.stop(broadcaster);
    broadcaster = TestBroadcasters.start(dir, "--message-body-spool-size", "65536");
    client = new BroadcasterClient(broadcaster.baseUrl());
    Topic topic = Topic.ofUtf8("spooled");
    subscribe(topic);
    byte[] big = new byte[3 * 1024 * 1024 + 17];
    new Random(5).nextBytes(big);
    assertEquals(1, publish(topic, big).subscribers());
    assertIntact(subscriber.received.get(0), topic, big);
    try (Stream<Path> files = Files.list(dir)) {
      assertTrue(
          files.noneMatch(p -> p.getFileName().toString().endsWith(".spool")),
          "spool file deleted");
    }
  }
}
