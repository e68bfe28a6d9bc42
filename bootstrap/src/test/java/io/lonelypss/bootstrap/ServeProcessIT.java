package io.lonelypss.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import io.lonelypss.domain.testing.Await;
import io.vertx.core.Vertx;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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

  @Test
  void stoppingDuringAnUploadLeavesNoSpoolFileBehind() throws Exception {
    Path spool = Files.createDirectories(dir.resolve("spool"));
    try (BroadcasterProcess process =
        BroadcasterProcess.start(
            dir,
            "--port",
            "0",
            "--spool-dir",
            spool.toString(),
            "--message-body-spool-size",
            "1024",
            "--shutdown-grace",
            "1")) {
      java.net.URI uri = java.net.URI.create(process.baseUrl());
      byte[] message = new byte[1024 * 1024];
      NotifyHeader header =
          new NotifyHeader(
              Topic.ofUtf8("cut"),
              Sha512Digest.hash(message),
              Tracing.empty(),
              Identifier.of(new byte[] {1}),
              message.length);
      try (java.net.Socket socket = new java.net.Socket(uri.getHost(), uri.getPort())) {
        java.io.OutputStream out = socket.getOutputStream();
        out.write(
            ("POST /v1/notify HTTP/1.1\r\nHost: "
                    + uri.getAuthority()
                    + "\r\nContent-Type: application/octet-stream\r\nContent-Length: "
                    + (header.encodedLength() + message.length)
                    + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.write(header.encode());
        out.write(message, 0, 256 * 1024);
        out.flush();
        Await.until(
            "the upload is being spooled", Duration.ofSeconds(30), Await.fileCount(spool, 1));
        process.sendStop(); // the upload never completes; the grace period runs out
        assertEquals(143, process.awaitExit());
      }
      Await.until("no spool file is left", Duration.ofSeconds(30), Await.fileCount(spool, 0));
    }
  }

  @Test
  void unauthenticatedOffLoopbackWarnsAndSecretsNeverReachTheLog() throws Exception {
    try (BroadcasterProcess open =
        BroadcasterProcess.start(dir, "--port", "0", "--host", "0.0.0.0")) {
      String log = open.log();
      assertTrue(log.contains("without authentication"), log);
      open.stop();
    }
    Path secured = Files.createDirectories(dir.resolve("secured"));
    assertEquals(
        0,
        Main.run(
            new String[] {"setup"},
            java.util.Map.of(),
            secured,
            new java.io.PrintStream(java.io.OutputStream.nullOutputStream()),
            new java.io.PrintStream(java.io.OutputStream.nullOutputStream())));
    SecretsFile secrets = SecretsFile.read(secured.resolve("broadcaster-secrets.json"));
    try (BroadcasterProcess process = BroadcasterProcess.start(secured, "--port", "0")) {
      process.stop();
      String log = process.log();
      assertTrue(log.contains("auth: to-broadcaster hmac, to-subscriber hmac"), log);
      assertFalse(log.contains("without authentication"), log);
      assertFalse(log.contains(secrets.toBroadcaster().secret()), "to-broadcaster secret logged");
      assertFalse(log.contains(secrets.toSubscriber().secret()), "to-subscriber secret logged");
    }
  }
}
