package io.lonelypss.bootstrap;

import io.lonelypss.domain.protocol.ReceiveHeader;
import io.lonelypss.domain.protocol.SubscriberAnswer;
import io.lonelypss.domain.protocol.Tracing;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.net.NetServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A subscriber on loopback that gets a RECEIVE webhook wrong on the wire, in one way each: it
 * refuses the connection, never accepts it, never answers, trickles its answer, closes mid-request
 * or mid-answer, or answers bytes that are not HTTP. What it saw is recorded thread-safely (the
 * servers run on Vert.x event loops, the test on its own thread).
 */
final class MisbehavingSubscriber implements AutoCloseable {
  private static final String HOST = "127.0.0.1";

  /**
   * How long a loopback connect may take before the accept queue counts as full. A connect the
   * kernel still accepts takes microseconds; were one mistaken for full, the broadcaster's attempt
   * would be accepted and never answered, which fails just the same.
   */
  private static final int QUEUE_PROBE_TIMEOUT_MS = 500;

  /** Requests (raw servers: connections that sent anything) that reached this subscriber. */
  final AtomicInteger requests = new AtomicInteger();

  /**
   * One entry per exchange that ended before this subscriber was done: the answer bytes written by
   * {@link #trickling}, or the request bytes read by {@link #closingMidRequest}.
   */
  final BlockingQueue<Integer> brokenOff = new LinkedBlockingQueue<>();

  /** Answers {@link #trickling} got out completely (it must never get that far). */
  final AtomicInteger completedAnswers = new AtomicInteger();

  private final String name;
  private volatile int port;
  private volatile Supplier<Future<Void>> closer = Future::succeededFuture;

  private MisbehavingSubscriber(String name) {
    this.name = name;
  }

  /** A port on loopback that was bound and then closed: connecting is refused at once. */
  static MisbehavingSubscriber refusingConnections() throws IOException {
    MisbehavingSubscriber self = new MisbehavingSubscriber("refuses connections");
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
      self.port = socket.getLocalPort();
    }
    return self;
  }

  /**
   * A listening socket on loopback that never accepts, its accept queue filled up front: the kernel
   * drops further connection attempts (SYNs) unanswered, so connecting can only time out.
   */
  static MisbehavingSubscriber notAccepting() throws IOException {
    MisbehavingSubscriber self = new MisbehavingSubscriber("never accepts the connection");
    ServerSocket listener = new ServerSocket(0, 1, InetAddress.getByName(HOST));
    List<Socket> queued = new ArrayList<>();
    boolean full = false;
    self.port = listener.getLocalPort();
    self.closer =
        () -> {
          try {
            for (Socket socket : queued) {
              socket.close();
            }
            listener.close();
            return Future.succeededFuture();
          } catch (IOException e) {
            return Future.failedFuture(e);
          }
        };
    try {
      for (int i = 0; i < 32 && !full; i++) {
        Socket socket = new Socket();
        try {
          socket.connect(listener.getLocalSocketAddress(), QUEUE_PROBE_TIMEOUT_MS);
          queued.add(socket);
        } catch (SocketTimeoutException e) {
          socket.close();
          full = true;
        }
      }
      if (!full) {
        throw new IllegalStateException("the accept queue of a listening socket never filled up");
      }
      return self;
    } catch (IOException | RuntimeException e) {
      self.close();
      throw e;
    }
  }

  /**
   * Reads the whole request and never answers. When the connection closes (the broadcaster gave
   * up), {@code whenClosed} is called on the spot, on the server's event loop, with the RECEIVE
   * body it had received.
   */
  static MisbehavingSubscriber neverAnswering(Vertx vertx, Consumer<byte[]> whenClosed)
      throws Exception {
    MisbehavingSubscriber self = new MisbehavingSubscriber("never answers");
    return self.listen(
        vertx
            .createHttpServer()
            .requestHandler(
                req -> {
                  self.requests.incrementAndGet();
                  Buffer received = Buffer.buffer();
                  req.handler(received::appendBuffer);
                  req.connection().closeHandler(v -> whenClosed.accept(received.getBytes()));
                }));
  }

  /**
   * Reads the whole request, then answers 200 with a valid CONFIRM_RECEIVE echoing the identifier,
   * announced with its full {@code Content-Length} but sent one byte every {@code interval}.
   */
  static MisbehavingSubscriber trickling(Vertx vertx, Duration interval) throws Exception {
    MisbehavingSubscriber self = new MisbehavingSubscriber("trickles its answer");
    return self.listen(
        vertx
            .createHttpServer()
            .requestHandler(
                req -> {
                  self.requests.incrementAndGet();
                  req.body()
                      .onSuccess(
                          body -> {
                            byte[] answer = validConfirmation(body.getBytes());
                            HttpServerResponse response =
                                req.response()
                                    .setStatusCode(200)
                                    .putHeader("Content-Type", "application/octet-stream")
                                    .putHeader("Content-Length", Integer.toString(answer.length));
                            self.trickle(vertx, response, answer, interval);
                          });
                }));
  }

  private void trickle(Vertx vertx, HttpServerResponse response, byte[] answer, Duration every) {
    AtomicInteger written = new AtomicInteger();
    AtomicBoolean over = new AtomicBoolean();
    long timer =
        vertx.setPeriodic(
            every.toMillis(),
            id -> {
              if (over.get()) {
                vertx.cancelTimer(id);
                return;
              }
              int i = written.getAndIncrement();
              response.write(Buffer.buffer(new byte[] {answer[i]}));
              if (i + 1 == answer.length) {
                over.set(true);
                vertx.cancelTimer(id);
                response.end();
                completedAnswers.incrementAndGet();
              }
            });
    response.closeHandler(
        v -> {
          vertx.cancelTimer(timer);
          if (over.compareAndSet(false, true)) {
            brokenOff.add(written.get());
          }
        });
  }

  /** Closes the connection as soon as the first bytes of the request arrive. */
  static MisbehavingSubscriber closingMidRequest(Vertx vertx) throws Exception {
    MisbehavingSubscriber self = new MisbehavingSubscriber("closes mid-request");
    return self.listen(
        vertx
            .createNetServer()
            .connectHandler(
                socket -> {
                  AtomicBoolean first = new AtomicBoolean(true);
                  socket.handler(
                      chunk -> {
                        if (first.getAndSet(false)) {
                          self.requests.incrementAndGet();
                          self.brokenOff.add(chunk.length());
                          socket.close();
                        }
                      });
                }));
  }

  /**
   * Reads the whole request, announces a valid CONFIRM_RECEIVE with its full {@code
   * Content-Length}, sends half of it and closes the connection.
   */
  static MisbehavingSubscriber closingMidAnswer(Vertx vertx) throws Exception {
    MisbehavingSubscriber self = new MisbehavingSubscriber("closes mid-answer");
    return self.listen(
        vertx
            .createHttpServer()
            .requestHandler(
                req -> {
                  self.requests.incrementAndGet();
                  req.body()
                      .onSuccess(
                          body -> {
                            byte[] answer = validConfirmation(body.getBytes());
                            req.response()
                                .setStatusCode(200)
                                .putHeader("Content-Type", "application/octet-stream")
                                .putHeader("Content-Length", Integer.toString(answer.length))
                                .write(Buffer.buffer(answer).getBuffer(0, answer.length / 2))
                                .onComplete(written -> req.connection().close());
                          });
                }));
  }

  /**
   * Answers the first bytes of the request with {@code garbage}, which is not HTTP, and leaves the
   * connection open.
   */
  static MisbehavingSubscriber sendingNonHttp(Vertx vertx, byte[] garbage) throws Exception {
    MisbehavingSubscriber self = new MisbehavingSubscriber("answers bytes that are not HTTP");
    return self.listen(
        vertx
            .createNetServer()
            .connectHandler(
                socket -> {
                  AtomicBoolean first = new AtomicBoolean(true);
                  socket.handler(
                      chunk -> {
                        if (first.getAndSet(false)) {
                          self.requests.incrementAndGet();
                          socket.write(Buffer.buffer(garbage));
                        }
                      });
                }));
  }

  /** 200-worthy CONFIRM_RECEIVE for {@code receiveBody}: identifier echoed, 1 subscriber. */
  static byte[] validConfirmation(byte[] receiveBody) {
    ReceiveHeader header =
        ReceiveHeader.tryParse(ByteBuffer.wrap(receiveBody))
            .orElseThrow(() -> new IllegalStateException("not a RECEIVE body"));
    return new SubscriberAnswer.ConfirmReceive(
            Optional.empty(), Tracing.empty(), header.identifier(), 1)
        .encode();
  }

  private MisbehavingSubscriber listen(HttpServer server) throws Exception {
    HttpServer started = await(server.listen(0, HOST));
    port = started.actualPort();
    closer = started::close;
    return this;
  }

  private MisbehavingSubscriber listen(NetServer server) throws Exception {
    NetServer started = await(server.listen(0, HOST));
    port = started.actualPort();
    closer = started::close;
    return this;
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  String name() {
    return name;
  }

  String url(String path) {
    return "http://" + HOST + ":" + port + path;
  }

  @Override
  public void close() {
    closer.get().toCompletionStage().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
  }

  @Override
  public String toString() {
    return name;
  }
}
