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
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A notify past every 32-bit boundary (4 GiB + 1 MiB by default) through the packaged broadcaster
 * in a JVM of its own with a 256 MiB heap: both subscribers get the message intact (SHA-512 checked
 * as it arrives), and the broadcaster's peak resident set stays under 400 MiB, so the body was
 * streamed and spooled rather than held (http.md 13, DECISIONS D15). Each delivery takes far longer
 * than the webhook total timeout, which D16 counts from the end of the body, so it must not cut a
 * long transfer. The message is generated on the fly on both sides of the wire.
 *
 * <p>The size comes from the system property {@value #SIZE_PROPERTY} (Maven passes {@code -D} user
 * properties through to the test JVM), e.g. {@code -Dlonelypss.large.bytes=5368709120}. The test
 * skips, loudly, when the disk of the temp directory has less than twice the size free.
 */
class LargeNotifyIT {
  static final String SIZE_PROPERTY = "lonelypss.large.bytes";
  static final long DEFAULT_SIZE = 4L * 1024 * 1024 * 1024 + 1024 * 1024;
  static final long PEAK_RSS_LIMIT_KIB = 400L * 1024;
  private static final long SEED = 20240229L;

  @TempDir Path dir;

  @Test
  @Timeout(value = 20, unit = TimeUnit.MINUTES)
  void aNotifyPastEvery32BitBoundaryReachesTwoSubscribersIntactWithABoundedBroadcaster()
      throws Exception {
    long size = Long.parseLong(System.getProperty(SIZE_PROPERTY, Long.toString(DEFAULT_SIZE)));
    long usable = Files.getFileStore(dir).getUsableSpace();
    if (usable / 2 < size) {
      String why =
          String.format(
              Locale.ROOT,
              "LargeNotifyIT SKIPPED: a %d-byte notify needs twice its size free on the disk of %s,"
                  + " but only %d bytes are usable",
              size,
              dir,
              usable);
      System.err.println(why);
      System.out.println(why);
      Assumptions.abort(why);
    }
    GeneratedMessage message = new GeneratedMessage(size, SEED);
    long hashStart = System.nanoTime();
    Sha512Digest digest = message.sha512();
    double hashSeconds = (System.nanoTime() - hashStart) / 1e9;

    BroadcasterProcess process =
        BroadcasterProcess.start(
            dir,
            List.of("-Xmx256m"),
            "--port",
            "0",
            "--sqlite-path",
            dir.resolve("subs.db").toString(),
            "--spool-dir",
            dir.toString(),
            // far less than a delivery takes: D16 starts it once the body is sent, so it must not
            // cut the transfer (the progress timeout, 5 s by default, guards the transfer itself)
            "--webhook-total-timeout",
            "5");
    // A stalled upload blocks in a socket write, which no interrupt ends: killing the broadcaster
    // does, so the test ends (and cleans up) a little before its own timeout.
    ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor();
    watchdog.schedule(
        () -> {
          System.err.println("LargeNotifyIT: watchdog kills the broadcaster after 18 minutes");
          process.kill();
        },
        18,
        TimeUnit.MINUTES);
    Vertx vertx = Vertx.vertx();
    try (HashingSubscriber first = HashingSubscriber.start(vertx, size, digest);
        HashingSubscriber second = HashingSubscriber.start(vertx, size, digest)) {
      String base = process.baseUrl();
      BroadcasterClient client = new BroadcasterClient(base);
      Topic topic = Topic.ofUtf8("large");
      for (HashingSubscriber s : List.of(first, second)) {
        Subscription subscription =
            Subscription.exact(new SubscriberUrl(s.url("/v1/receive")), topic, Optional.empty());
        assertEquals(
            200,
            client
                .post(
                    "/v1/subscribe/exact",
                    new SubscribeRequest(subscription, Tracing.empty()).encode())
                .statusCode());
      }

      NotifyHeader header =
          new NotifyHeader(
              topic, digest, Tracing.empty(), Identifier.of(new byte[] {1, 2, 3, 4}), size);
      long start = System.nanoTime();
      Answer answer = postNotify(base, header, message);
      double seconds = (System.nanoTime() - start) / 1e9;
      long peakKib = peakResidentKib(process.pid());
      List<Path> spooled = spoolFiles();
      System.out.printf(
          Locale.ROOT,
          "LargeNotifyIT: bytes=%d seconds=%.1f (%.0f MiB/s; hashing beforehand %.1f s)"
              + " broadcaster VmHWM=%.1f MiB (-Xmx256m)%n",
          size,
          seconds,
          size / seconds / (1024 * 1024),
          hashSeconds,
          peakKib / 1024.0);

      assertEquals(200, answer.status(), () -> "notify status; broadcaster log:\n" + log(process));
      ResponseNotify response = ResponseNotify.parse(ByteBuffer.wrap(answer.body()));
      assertEquals(2, response.subscribers(), "subscribers confirmed");
      for (HashingSubscriber s : List.of(first, second)) {
        HashingSubscriber.Verdict verdict = s.received.get(1, TimeUnit.MINUTES);
        assertEquals(List.of(), verdict.problems(), "what the subscriber found");
        assertEquals(size, verdict.messageBytes());
        assertEquals(digest, verdict.digest());
      }
      assertEquals(List.of(), spooled, "spool files left after the answer");
      assertTrue(
          peakKib < PEAK_RSS_LIMIT_KIB,
          "broadcaster peak RSS " + peakKib + " KiB, limit " + PEAK_RSS_LIMIT_KIB + " KiB");
    } finally {
      watchdog.shutdownNow();
      process.close();
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  private record Answer(int status, byte[] body) {}

  /** POST /v1/notify over HTTP/1.1 with an explicit Content-Length, the message streamed. */
  private static Answer postNotify(String base, NotifyHeader header, GeneratedMessage message)
      throws IOException {
    byte[] head = header.encode();
    HttpURLConnection connection =
        (HttpURLConnection) URI.create(base + "/v1/notify").toURL().openConnection();
    try {
      connection.setRequestMethod("POST");
      connection.setDoOutput(true);
      connection.setRequestProperty("Content-Type", "application/octet-stream");
      connection.setFixedLengthStreamingMode(head.length + message.length());
      connection.setConnectTimeout(10_000);
      // the answer waits for both deliveries, which take about as long as the upload
      connection.setReadTimeout((int) TimeUnit.MINUTES.toMillis(10));
      try (OutputStream out = connection.getOutputStream()) {
        out.write(head);
        message.writeTo(out);
      }
      int status = connection.getResponseCode();
      InputStream in = status < 400 ? connection.getInputStream() : connection.getErrorStream();
      byte[] body;
      if (in == null) {
        body = new byte[0];
      } else {
        try (in) {
          body = in.readNBytes(64 * 1024);
        }
      }
      return new Answer(status, body);
    } finally {
      connection.disconnect();
    }
  }

  private static String log(BroadcasterProcess process) {
    try {
      return process.log();
    } catch (IOException e) {
      return "(unreadable: " + e + ")";
    }
  }

  /** The peak resident set size of a process in KiB ({@code VmHWM}, Linux). */
  private static long peakResidentKib(long pid) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
      if (line.startsWith("VmHWM:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    throw new AssertionError("no VmHWM in /proc/" + pid + "/status");
  }

  private List<Path> spoolFiles() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(p -> p.getFileName().toString().endsWith(".spool"))
          .collect(Collectors.toList());
    }
  }

  /** Reads the process log until the broadcaster says where it listens (or the process dies). */
}
