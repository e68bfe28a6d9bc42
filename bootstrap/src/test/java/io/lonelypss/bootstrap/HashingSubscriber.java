package io.lonelypss.bootstrap;

import io.lonelypss.domain.Sha512Digest;
import io.lonelypss.domain.protocol.ReceiveHeader;
import io.lonelypss.domain.protocol.SubscriberAnswer;
import io.lonelypss.domain.protocol.Tracing;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A subscriber on loopback for messages of any size: it streams each RECEIVE (never collects it),
 * parses the header from the first bytes, hashes only the message bytes with SHA-512 as they
 * arrive, checks the count and the digest against the {@code Repr-Digest} header and against the
 * digest the test expects, then answers 200 + CONFIRM_RECEIVE (auth none) if all is well, else 400
 * with an empty body. The first RECEIVE's verdict is {@link #received}.
 */
final class HashingSubscriber implements AutoCloseable {
  /** The largest RECEIVE header: {@code 2+65535+2+65535+1+255+8} bytes. */
  private static final int MAX_HEADER = 2 + 65535 + 2 + 65535 + 1 + 255 + 8;

  /** What one RECEIVE brought; {@code problems} is empty when it was intact. */
  record Verdict(long messageBytes, Sha512Digest digest, List<String> problems) {}

  final CompletableFuture<Verdict> received = new CompletableFuture<>();
  private final long expectedLength;
  private final Sha512Digest expectedDigest;
  private HttpServer server;

  private HashingSubscriber(long expectedLength, Sha512Digest expectedDigest) {
    this.expectedLength = expectedLength;
    this.expectedDigest = expectedDigest;
  }

  /** Starts on 127.0.0.1 and any free port. */
  static HashingSubscriber start(Vertx vertx, long expectedLength, Sha512Digest expectedDigest)
      throws Exception {
    HashingSubscriber self = new HashingSubscriber(expectedLength, expectedDigest);
    self.server =
        vertx
            .createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0))
            .requestHandler(req -> self.new Delivery(req).start())
            .listen()
            .toCompletionStage()
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS);
    return self;
  }

  String url(String path) {
    return "http://127.0.0.1:" + server.actualPort() + path;
  }

  @Override
  public void close() {
    server.close().toCompletionStage().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
  }

  /** One RECEIVE, streamed; every method runs on the request's event loop. */
  private final class Delivery {
    private final HttpServerRequest request;
    private final MessageDigest hasher = Sha512Digest.newHasher();
    private Buffer head = Buffer.buffer();
    private ReceiveHeader header;
    private long messageBytes;
    private boolean failed;

    Delivery(HttpServerRequest request) {
      this.request = request;
    }

    void start() {
      request.handler(this::onChunk);
      request.endHandler(v -> onEnd());
      request.exceptionHandler(
          t -> {
            failed = true;
            received.complete(
                new Verdict(messageBytes, null, List.of("the request broke off: " + t)));
          });
    }

    private void onChunk(Buffer chunk) {
      if (header != null) {
        messageBytes += chunk.length();
        hasher.update(chunk.getBytes());
        return;
      }
      if (head == null) {
        return; // the header was unreadable; the rest is discarded
      }
      head.appendBuffer(chunk);
      ByteBuffer view = ByteBuffer.wrap(head.getBytes());
      Optional<ReceiveHeader> parsed = ReceiveHeader.tryParse(view);
      if (parsed.isPresent()) {
        header = parsed.get();
        messageBytes = view.remaining();
        hasher.update(view);
        head = null;
      } else if (head.length() > MAX_HEADER) {
        head = null;
      }
    }

    private void onEnd() {
      if (failed) {
        return;
      }
      List<String> problems = new ArrayList<>();
      Sha512Digest digest = Sha512Digest.finish(hasher);
      if (header == null) {
        problems.add("no readable RECEIVE header");
      } else {
        if (header.messageLength() != expectedLength) {
          problems.add("header declares " + header.messageLength() + " bytes");
        }
        if (messageBytes != expectedLength) {
          problems.add("received " + messageBytes + " message bytes");
        }
        if (!digest.sameAs(expectedDigest)) {
          problems.add("the received message hashes to " + digest);
        }
      }
      String reprDigest = request.getHeader(ReceiveHeader.REPR_DIGEST_HEADER);
      if (!ReceiveHeader.reprDigest(expectedDigest).equals(reprDigest)) {
        problems.add("Repr-Digest is " + reprDigest);
      }
      if (!received.complete(new Verdict(messageBytes, digest, List.copyOf(problems)))) {
        problems.add("a second RECEIVE");
      }
      if (problems.isEmpty()) {
        byte[] confirm =
            new SubscriberAnswer.ConfirmReceive(
                    Optional.empty(), Tracing.empty(), header.identifier(), 1)
                .encode();
        request
            .response()
            .putHeader("Content-Type", "application/octet-stream")
            .end(Buffer.buffer(confirm));
      } else {
        request.response().setStatusCode(400).end();
      }
    }
  }
}
