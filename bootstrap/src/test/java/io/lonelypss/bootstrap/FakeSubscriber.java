package io.lonelypss.bootstrap;

import io.lonelypss.domain.Sha512Digest;
import io.lonelypss.domain.protocol.ReceiveHeader;
import io.lonelypss.domain.protocol.SubscriberAnswer;
import io.lonelypss.domain.protocol.Tracing;
import io.lonelypss.domain.protocol.auth.AuthScheme;
import io.lonelypss.domain.protocol.auth.SignedFields;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A subscriber on loopback that answers RECEIVE webhooks the way lonelypsc does when all is well
 * (checks Repr-Digest against the body, answers 200 + CONFIRM_RECEIVE echoing the identifier), or
 * with whatever {@link #answerWith} says. Every request is recorded.
 */
final class FakeSubscriber implements AutoCloseable {
  record Received(
      String path, MultiMap headers, byte[] body, ReceiveHeader header, byte[] message) {
    String topicText() {
      return header.topic().toString();
    }
  }

  record Answer(int status, byte[] body) {}

  final List<Received> received = new CopyOnWriteArrayList<>();
  private final Vertx vertx;
  private final HttpServer server;
  private volatile Function<Received, Answer> answers = FakeSubscriber::confirm;

  private FakeSubscriber(Vertx vertx, HttpServer server) {
    this.vertx = vertx;
    this.server = server;
  }

  /** Starts on {@code port} (0 = any free port). */
  static FakeSubscriber start(Vertx vertx, int port) throws Exception {
    FakeSubscriber[] self = new FakeSubscriber[1];
    HttpServer server =
        vertx
            .createHttpServer()
            .requestHandler(
                req ->
                    req.body()
                        .onSuccess(
                            body -> {
                              Answer a = self[0].handle(req.path(), req.headers(), body);
                              req.response()
                                  .setStatusCode(a.status())
                                  .putHeader("Content-Type", "application/octet-stream")
                                  .end(Buffer.buffer(a.body()));
                            }))
            .listen(port, "127.0.0.1")
            .toCompletionStage()
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS);
    self[0] = new FakeSubscriber(vertx, server);
    return self[0];
  }

  int port() {
    return server.actualPort();
  }

  String url(String path) {
    return "http://127.0.0.1:" + port() + path;
  }

  void answerWith(Function<Received, Answer> answers) {
    this.answers = answers;
  }

  private Answer handle(String path, MultiMap headers, Buffer body) {
    byte[] bytes = body.getBytes();
    ByteBuffer view = ByteBuffer.wrap(bytes);
    ReceiveHeader header = ReceiveHeader.tryParse(view).orElse(null);
    byte[] message = new byte[view.remaining()];
    view.get(message);
    Received r = new Received(path, headers, bytes, header, message);
    received.add(r);
    return answers.apply(r);
  }

  /** lonelypsc's happy path: digest checked, then CONFIRM_RECEIVE for 1 subscriber. */
  static Answer confirm(Received r) {
    return confirm(r, Optional.empty());
  }

  /**
   * Like {@link #confirm(Received)}, with the confirmation signed by {@code toBroadcaster} over the
   * URL as lonelypsc rebuilds it from the request ({@code http://<Host><path>}).
   */
  static Function<Received, Answer> confirmingWith(
      AuthScheme toBroadcaster, Supplier<Instant> now) {
    return r -> {
      if (r.header() == null) {
        return confirm(r);
      }
      String url = "http://" + r.headers().get("Host") + r.path();
      Optional<String> auth =
          toBroadcaster.authorize(
              new SignedFields.ConfirmReceive(new byte[0], r.header().identifier(), 1, url),
              now.get());
      return confirm(r, auth);
    };
  }

  private static Answer confirm(Received r, Optional<String> authorization) {
    String digest = r.headers().get("Repr-Digest");
    if (r.header() == null || digest == null || !digest.startsWith("sha-512=")) {
      return new Answer(400, new SubscriberAnswer.UnsubscribeImmediate().encode());
    }
    byte[] claimed = Base64.getDecoder().decode(digest.substring("sha-512=".length()));
    if (!Sha512Digest.of(claimed).sameAs(Sha512Digest.hash(r.message()))
        || r.message().length != r.header().messageLength()) {
      return new Answer(403, new SubscriberAnswer.UnsubscribeImmediate().encode());
    }
    return new Answer(
        200,
        new SubscriberAnswer.ConfirmReceive(
                authorization, Tracing.empty(), r.header().identifier(), 1)
            .encode());
  }

  @Override
  public void close() {
    server.close().toCompletionStage().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
  }

  Vertx vertx() {
    return vertx;
  }
}
