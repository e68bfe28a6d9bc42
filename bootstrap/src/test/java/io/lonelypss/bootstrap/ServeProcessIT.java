package io.lonelypss.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lonelypss.domain.Identifier;
import io.lonelypss.domain.Sha512Digest;
import io.lonelypss.domain.SubscriberUrl;
import io.lonelypss.domain.Subscription;
import io.lonelypss.domain.Topic;
import io.lonelypss.domain.protocol.NotifyHeader;
import io.lonelypss.domain.protocol.ResponseNotify;
import io.lonelypss.domain.protocol.SubscribeRequest;
import io.lonelypss.domain.protocol.Tracing;
import io.lonelypss.domain.protocol.WireWriter;
import io.vertx.core.Vertx;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar as a user runs it: {@code java -jar lonelypss.jar serve} in a directory with a
 * {@code lonelypss.json}, then a stop signal (what Ctrl-C sends) while a notify is in flight: the
 * notify still gets its answer and the process exits 0.
 */
class ServeProcessIT {
  @TempDir Path dir;

  @Test
  void serveStartsFromItsConfigFileAndAStopSignalLetsInFlightRequestsFinish() throws Exception {
    Files.writeString(dir.resolve("lonelypss.json"), "{\"port\": 0, \"shutdown-grace\": 20}");
    Vertx vertx = Vertx.vertx();
    try (BroadcasterProcess process = BroadcasterProcess.start(dir);
        FakeSubscriber subscriber = FakeSubscriber.start(vertx, 0)) {
      String base = process.baseUrl();
      assertTrue(
          Files.exists(dir.resolve("subscriptions.db")), "SQLite file in the working directory");
      BroadcasterClient client = new BroadcasterClient(base);

      SubscriberUrl url = new SubscriberUrl(subscriber.url("/v1/receive"));
      Topic topic = Topic.ofUtf8("slow");
      assertEquals(
          200,
          client
              .post(
                  "/v1/subscribe/exact",
                  new SubscribeRequest(
                          Subscription.exact(url, topic, Optional.empty()), Tracing.empty())
                      .encode())
              .statusCode());

      // the subscriber holds its answer until the stop signal has been sent
      CountDownLatch delivering = new CountDownLatch(1);
      CompletableFuture<Void> release = new CompletableFuture<>();
      subscriber.answerWith(
          r -> {
            delivering.countDown();
            release.orTimeout(30, TimeUnit.SECONDS).join();
            return FakeSubscriber.confirm(r);
          });
      byte[] message = "in flight".getBytes(StandardCharsets.UTF_8);
      NotifyHeader header =
          new NotifyHeader(
              topic,
              Sha512Digest.hash(message),
              Tracing.empty(),
              Identifier.of(new byte[] {5}),
              message.length);
      CompletableFuture<HttpResponse<byte[]>> notify =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return client.post(
                      "/v1/notify",
                      new WireWriter().raw(header.encode()).raw(message).toByteArray());
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              });
      assertTrue(delivering.await(30, TimeUnit.SECONDS), "delivery started");
      process.sendStop(); // SIGTERM, as Ctrl-C's SIGINT: the shutdown hook runs
      release.complete(null);

      HttpResponse<byte[]> answer = notify.get(60, TimeUnit.SECONDS);
      assertEquals(200, answer.statusCode());
      assertEquals(1, ResponseNotify.parse(ByteBuffer.wrap(answer.body())).subscribers());
      // a JVM ended by SIGTERM exits 128 + 15 once its shutdown hook has finished
      assertEquals(143, process.awaitExit());
      String log = process.log();
      assertTrue(log.contains("stopped"), "clean stop logged: " + log);
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }
}
