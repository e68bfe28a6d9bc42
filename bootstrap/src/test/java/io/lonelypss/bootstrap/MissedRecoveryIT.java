package io.lonelypss.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lonelypss.domain.GlobPattern;
import io.lonelypss.domain.Identifier;
import io.lonelypss.domain.Interest;
import io.lonelypss.domain.Sha512Digest;
import io.lonelypss.domain.SubscriberUrl;
import io.lonelypss.domain.Subscription;
import io.lonelypss.domain.Topic;
import io.lonelypss.domain.protocol.MissedBody;
import io.lonelypss.domain.protocol.NotifyHeader;
import io.lonelypss.domain.protocol.ResponseNotify;
import io.lonelypss.domain.protocol.SubscribeRequest;
import io.lonelypss.domain.protocol.SubscriberAnswer;
import io.lonelypss.domain.protocol.Tracing;
import io.lonelypss.domain.protocol.WireWriter;
import io.lonelypss.domain.testing.Await;
import io.vertx.core.Vertx;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Missed-message recovery end to end (DECISIONS D5): real broadcasters sweeping a real SQLite file,
 * subscribers on loopback that are down, come back, or never do. Sweeps and retries are configured
 * fast; the tests wait for conditions (rows cleared or gone), never for a time.
 */
class MissedRecoveryIT {
  private static final String[] FAST_MISSED = {
    "--sweep-missed-interval", "0.1",
    "--missed-retry-factor", "0",
    "--missed-retry-constant", "0.1",
    "--missed-retry-jitter", "0",
    "--missed-max-retries", "3",
    "--webhook-connect-timeout", "1",
    "--webhook-read-timeout", "1",
    "--webhook-total-timeout", "2"
  };

  @TempDir Path dir;

  private Vertx vertx;
  private final List<RunningBroadcaster> broadcasters = new ArrayList<>();
  private final List<FakeSubscriber> subscribers = new ArrayList<>();

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void stop() throws Exception {
    for (RunningBroadcaster b : broadcasters) {
      TestBroadcasters.stop(b);
    }
    subscribers.forEach(FakeSubscriber::close);
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private RunningBroadcaster broadcaster(String... more) throws Exception {
    String[] flags =
        java.util.stream.Stream.concat(
                java.util.Arrays.stream(FAST_MISSED), java.util.Arrays.stream(more))
            .toArray(String[]::new);
    RunningBroadcaster b = TestBroadcasters.start(dir, flags);
    broadcasters.add(b);
    return b;
  }

  private FakeSubscriber subscriber(int port) throws Exception {
    FakeSubscriber s = FakeSubscriber.start(vertx, port);
    subscribers.add(s);
    // RECEIVE is confirmed as lonelypsc does; MISSED (at /v1/recover) with CONFIRM_MISSED
    s.answerWith(
        r ->
            r.path().equals("/v1/recover")
                ? new FakeSubscriber.Answer(
                    200, new SubscriberAnswer.ConfirmMissed(Optional.empty(), new byte[0]).encode())
                : FakeSubscriber.confirm(r));
    return s;
  }

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static void subscribe(
      BroadcasterClient client, String url, Interest interest, String recovery) throws Exception {
    Subscription s =
        new Subscription(
            new SubscriberUrl(url), interest, Optional.of(new SubscriberUrl(recovery)));
    String path = interest instanceof GlobPattern ? "/v1/subscribe/glob" : "/v1/subscribe/exact";
    assertEquals(
        200, client.post(path, new SubscribeRequest(s, Tracing.empty()).encode()).statusCode());
  }

  private static long notify(BroadcasterClient client, Topic topic) throws Exception {
    byte[] message = "payload".getBytes(StandardCharsets.UTF_8);
    NotifyHeader header =
        new NotifyHeader(
            topic,
            Sha512Digest.hash(message),
            Tracing.empty(),
            Identifier.of(new byte[] {1}),
            message.length);
    HttpResponse<byte[]> r =
        client.post("/v1/notify", new WireWriter().raw(header.encode()).raw(message).toByteArray());
    assertEquals(200, r.statusCode());
    return ResponseNotify.parse(ByteBuffer.wrap(r.body())).subscribers();
  }

  /** Rows (of both tables) with the given url, and how many still have a pending MISSED. */
  private record Rows(int total, int pending) {}

  private Rows rows(String url) throws SQLException {
    try (Connection c =
            DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("subscriptions.db"));
        Statement st = c.createStatement()) {
      int total = 0;
      int pending = 0;
      for (String table :
          List.of("httppubsub_subscription_exacts", "httppubsub_subscription_globs")) {
        try (ResultSet rs =
            st.executeQuery(
                "SELECT missed_next_retry_at FROM " + table + " WHERE url = '" + url + "'")) {
          while (rs.next()) {
            total++;
            rs.getLong(1);
            if (!rs.wasNull()) {
              pending++;
            }
          }
        }
      }
      return new Rows(total, pending);
    }
  }

  private static void await(String what, Await.Condition condition) throws Exception {
    Await.until(what, Duration.ofSeconds(60), condition);
  }

  private Await.Condition noPending(String url) {
    return () -> {
      try {
        return rows(url).pending() == 0;
      } catch (SQLException e) {
        return false;
      }
    };
  }

  private static List<String> missedTopics(FakeSubscriber s) {
    return s.received.stream()
        .filter(r -> r.path().equals("/v1/recover"))
        .map(r -> MissedBody.parse(ByteBuffer.wrap(r.body())).topic().toString())
        .sorted()
        .toList();
  }

  @Test
  void aSubscriberThatWasDownGetsOneMissedPerFailedSubscriptionAndStaysSubscribed()
      throws Exception {
    int port = freePort();
    String receive = "http://127.0.0.1:" + port + "/v1/receive";
    String recover = "http://127.0.0.1:" + port + "/v1/recover";
    // enough retries to outlast the short time the subscriber is down
    BroadcasterClient client =
        new BroadcasterClient(broadcaster("--missed-max-retries", "50").baseUrl());
    subscribe(client, receive, Topic.ofUtf8("orders/1"), recover);
    subscribe(client, receive, GlobPattern.of("orders/*"), recover);
    subscribe(client, receive, Topic.ofUtf8("quiet"), recover);

    // down: nothing listens on the port
    assertEquals(0, notify(client, Topic.ofUtf8("orders/1")));
    assertEquals(0, notify(client, Topic.ofUtf8("orders/2")));
    assertEquals(new Rows(3, 2), rows(receive), "two rows failed; one pending MISSED each");

    FakeSubscriber back = subscriber(port);
    await("both MISSED are confirmed", noPending(receive));
    // the glob row remembers its latest failed topic; one MISSED per failed row
    assertEquals(List.of("orders/1", "orders/2"), missedTopics(back));
    assertEquals(new Rows(3, 0), rows(receive), "all three subscriptions kept");
    assertEquals(2, notify(client, Topic.ofUtf8("orders/1")), "delivered again");
  }

  @Test
  void aSubscriberDownForGoodIsRemovedOnceItsRetriesRunOut() throws Exception {
    BroadcasterClient client = new BroadcasterClient(broadcaster().baseUrl());
    FakeSubscriber recovery = subscriber(0);
    recovery.answerWith(r -> new FakeSubscriber.Answer(500, new byte[0]));
    String receive = "http://127.0.0.1:" + freePort() + "/v1/receive";
    subscribe(client, receive, Topic.ofUtf8("gone"), recovery.url("/v1/recover"));
    subscribe(
        client,
        "http://127.0.0.1:" + freePort() + "/v1/other",
        Topic.ofUtf8("kept"),
        recovery.url("/v1/recover"));

    assertEquals(0, notify(client, Topic.ofUtf8("gone")));
    await(
        "the subscription is deleted",
        () -> {
          try {
            return rows(receive).total() == 0;
          } catch (SQLException e) {
            return false;
          }
        });
    assertEquals(List.of("gone", "gone", "gone"), missedTopics(recovery), "max retries: 3");
  }

  @Test
  void twoBroadcastersSweepingOneDatabaseSendEachMissedOnce() throws Exception {
    RunningBroadcaster a = broadcaster("--missed-max-retries", "50");
    broadcaster("--missed-max-retries", "50"); // B: same database, sweeping too
    BroadcasterClient client = new BroadcasterClient(a.baseUrl());
    int port = freePort();
    String receive = "http://127.0.0.1:" + port + "/v1/receive";
    String recover = "http://127.0.0.1:" + port + "/v1/recover";
    List<String> topics = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      topics.add("topic/" + (char) ('a' + i));
      subscribe(client, receive, Topic.ofUtf8(topics.get(i)), recover);
    }
    for (String topic : topics) {
      assertEquals(0, notify(client, Topic.ofUtf8(topic)));
    }
    assertEquals(new Rows(12, 12), rows(receive));

    FakeSubscriber back = subscriber(port);
    await("every MISSED is confirmed", noPending(receive));
    assertEquals(topics, missedTopics(back), "each MISSED exactly once");
    assertTrue(rows(receive).total() == 12, "all kept");
  }
}
