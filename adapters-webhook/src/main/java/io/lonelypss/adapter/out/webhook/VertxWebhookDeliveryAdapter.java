package io.lonelypss.adapter.out.webhook;

import io.lonelypss.application.port.out.MissedWebhook;
import io.lonelypss.application.port.out.ReceiveWebhook;
import io.lonelypss.application.port.out.WebhookDeliveryPort;
import io.lonelypss.application.port.out.WebhookOutcome;
import io.lonelypss.domain.MessageBody;
import io.lonelypss.domain.protocol.ReceiveHeader;
import io.lonelypss.domain.protocol.WebhookAddress;
import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends RECEIVE webhooks with the Vert.x HTTP/1.1 client (http.md 6.1, DECISIONS D8 and D16).
 *
 * <p>Each POST carries an explicit {@code Content-Length} and streams its body in 64 KiB chunks
 * with back-pressure: a spooled body is read from its file chunk by chunk and never held in memory.
 * Timeouts: {@link WebhookSettings#connectTimeout()} to obtain a connection, {@link
 * WebhookSettings#idleTimeout()} without progress (body bytes accepted by the socket, answer bytes
 * received), and {@link WebhookSettings#totalTimeout()} for the complete answer, counted once the
 * body has been fully sent (or the answer began, if earlier), so long uploads are never cut by it.
 *
 * <p>The returned stages never fail, complete exactly once, and complete on a Vert.x event-loop
 * thread (dependent stages must not block). A spooled file is closed before the stage completes;
 * deleting it stays the caller's job.
 */
public final class VertxWebhookDeliveryAdapter implements WebhookDeliveryPort {
  private static final Logger LOG = LoggerFactory.getLogger(VertxWebhookDeliveryAdapter.class);

  /** Body chunk size, as in the reference sender (http.md 13). */
  static final int CHUNK_SIZE = 64 * 1024;

  /** How much longer than the progress timeout an abandoned connection may linger. */
  private static final long SOCKET_IDLE_GRACE_MS = 1000;

  /** How often the connection pool evicts expired connections (Vert.x default: 1 s). */
  private static final long POOL_CLEANER_PERIOD_MS = 1000;

  private final Vertx vertx;
  private final WebhookSettings settings;
  private final HttpClientAgent client;

  public VertxWebhookDeliveryAdapter(Vertx vertx, WebhookSettings settings) {
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    this.settings = Objects.requireNonNull(settings, "settings");
    long keepAliveSeconds = (settings.keepAliveTimeout().toMillis() + 999) / 1000;
    // Vert.x 5.0 closes a connection only after flushing what is queued on it, which never happens
    // when the subscriber stopped reading. Netty's idle handler closes it outright: set a little
    // beyond our own progress timeout, it tears down connections the deliveries have given up on.
    // It must also stay clearly above the keep-alive time plus the pool's cleaner period, or a
    // pooled connection about to be reused can be closed under a new delivery.
    long socketIdleMs =
        Math.max(
            settings.idleTimeout().toMillis() + SOCKET_IDLE_GRACE_MS,
            keepAliveSeconds * 1000 + POOL_CLEANER_PERIOD_MS + SOCKET_IDLE_GRACE_MS);
    HttpClientOptions options =
        new HttpClientOptions()
            .setConnectTimeout(Math.toIntExact(settings.connectTimeout().toMillis()))
            .setIdleTimeout(Math.toIntExact(socketIdleMs))
            .setIdleTimeoutUnit(TimeUnit.MILLISECONDS)
            .setKeepAlive(keepAliveSeconds > 0)
            .setKeepAliveTimeout((int) Math.max(1, keepAliveSeconds))
            .setDecompressionSupported(false)
            .setName("lonelypss-webhooks");
    PoolOptions pool =
        new PoolOptions()
            .setHttp1MaxSize(settings.poolSize())
            .setCleanerPeriod((int) POOL_CLEANER_PERIOD_MS);
    this.client = vertx.createHttpClient(options, pool);
  }

  @Override
  public CompletionStage<WebhookOutcome> postReceive(ReceiveWebhook webhook) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put(ReceiveHeader.REPR_DIGEST_HEADER, ReceiveHeader.reprDigest(webhook.sha512()));
    webhook.authorization().ifPresent(value -> headers.put("Authorization", value));
    return post(
        new Post(
            "RECEIVE",
            webhook.target().value(),
            headers,
            webhook.header().encode(),
            webhook.body()));
  }

  @Override
  public CompletionStage<WebhookOutcome> postMissed(MissedWebhook webhook) {
    Map<String, String> headers = new LinkedHashMap<>();
    webhook.authorization().ifPresent(value -> headers.put("Authorization", value));
    return post(
        new Post(
            "MISSED",
            webhook.target().value(),
            headers,
            webhook.body().encode(),
            new MessageBody.InMemory(new byte[0])));
  }

  /**
   * One webhook POST: {@code prefix} then {@code body}, with an explicit Content-Length, {@code
   * Content-Type: application/octet-stream} and {@code headers}.
   */
  private record Post(
      String kind, String url, Map<String, String> headers, byte[] prefix, MessageBody body) {
    long contentLength() {
      return prefix.length + body.length();
    }
  }

  private CompletionStage<WebhookOutcome> post(Post post) {
    try {
      WebhookAddress target;
      try {
        target = WebhookAddress.parse(post.url());
      } catch (WebhookAddress.InvalidWebhookAddressException e) {
        LOG.debug("not posting {} to {}: {}", post.kind(), post.url(), e.getMessage());
        return CompletableFuture.completedFuture(new WebhookOutcome.NoAnswer(e.getMessage()));
      }
      Delivery delivery = new Delivery(post, target);
      Context context = vertx.getOrCreateContext();
      context.runOnContext(v -> delivery.guard(delivery::start));
      return delivery.result;
    } catch (RuntimeException e) {
      LOG.debug("cannot post {} to {}", post.kind(), post.url(), e);
      return CompletableFuture.completedFuture(
          new WebhookOutcome.NoAnswer("cannot send: " + describe(e)));
    }
  }

  /** Closes the HTTP client; deliveries still running end with {@link WebhookOutcome.NoAnswer}. */
  public CompletionStage<Void> close() {
    return client.close().toCompletionStage();
  }

  /** The message of {@code t}, followed by its root cause's when that says something else. */
  private static String describe(Throwable t) {
    Throwable root = t;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String text = messageOf(t);
    String rootText = messageOf(root);
    return root == t || text.contains(rootText) ? text : text + ": " + rootText;
  }

  private static String messageOf(Throwable t) {
    String message = t.getMessage();
    return message == null || message.isBlank() ? t.getClass().getSimpleName() : message;
  }

  /** Reads the message body by position: from memory, or from the spool file. */
  @FunctionalInterface
  private interface BodySource {
    Future<Buffer> read(long position, int length);
  }

  /**
   * One POST. Every method runs on the Vert.x context picked in {@link #postReceive}, so the state
   * needs no locking.
   */
  private final class Delivery {
    final CompletableFuture<WebhookOutcome> result = new CompletableFuture<>();
    private final Post webhook;
    private final WebhookAddress target;
    private final long bodyLength;
    private BodySource source;
    private AsyncFile file;
    private HttpClientRequest request;
    private long bodyWritten;
    private boolean reading;
    private boolean ending;
    private boolean bodySent;
    private int status;
    private final Buffer answer = Buffer.buffer();
    private long lastProgress;
    private long idleTimer = -1;
    private long totalTimer = -1;
    private boolean totalTimerStarted;
    private boolean finished;

    Delivery(Post webhook, WebhookAddress target) {
      this.webhook = webhook;
      this.target = target;
      this.bodyLength = webhook.body().length();
    }

    /** Runs a step; whatever it throws ends the delivery instead of escaping. */
    void guard(Runnable step) {
      try {
        step.run();
      } catch (RuntimeException e) {
        LOG.debug("{} to {} failed inside the sender", webhook.kind(), webhook.url(), e);
        fail("internal error: " + describe(e));
      }
    }

    void start() {
      MessageBody body = webhook.body();
      if (body instanceof MessageBody.InMemory inMemory) {
        ByteBuffer bytes = inMemory.buffer();
        source =
            (position, length) ->
                Future.succeededFuture(
                    Buffer.buffer(length).setBytes(0, bytes.slice((int) position, length)));
        connect();
      } else if (body instanceof MessageBody.Spooled spooled) {
        OpenOptions readOnly =
            new OpenOptions().setRead(true).setWrite(false).setCreate(false).setCreateNew(false);
        vertx
            .fileSystem()
            .open(spooled.file().toString(), readOnly)
            .onComplete(opened -> guard(() -> onOpened(opened)));
      }
    }

    private void onOpened(AsyncResult<AsyncFile> opened) {
      if (opened.failed()) {
        fail("cannot open the spooled body: " + describe(opened.cause()));
        return;
      }
      AsyncFile spool = opened.result();
      if (finished) {
        spool.close();
        return;
      }
      file = spool;
      source = (position, length) -> spool.read(Buffer.buffer(length), 0, position, length);
      connect();
    }

    private void connect() {
      RequestOptions options =
          new RequestOptions()
              .setMethod(HttpMethod.POST)
              .setSsl(target.secure())
              .setHost(target.connectHost())
              .setPort(target.port())
              .setURI(target.requestUri())
              .setFollowRedirects(false)
              .setConnectTimeout(settings.connectTimeout().toMillis())
              .putHeader("Host", target.hostHeader())
              .putHeader("Content-Type", "application/octet-stream")
              .putHeader("Content-Length", Long.toString(webhook.contentLength()));
      webhook.headers().forEach(options::putHeader);
      Future<HttpClientRequest> obtaining;
      try {
        obtaining = client.request(options);
      } catch (IllegalStateException closed) {
        fail("cannot connect: " + describe(closed));
        return;
      }
      obtaining.onComplete(obtained -> guard(() -> onConnected(obtained)));
    }

    private void onConnected(AsyncResult<HttpClientRequest> obtained) {
      if (obtained.failed()) {
        fail("cannot connect: " + describe(obtained.cause()));
        return;
      }
      HttpClientRequest req = obtained.result();
      if (finished) {
        req.connection().close();
        return;
      }
      request = req;
      // Connection errors also reach the request; unhandled, Vert.x would log each at ERROR.
      req.connection()
          .exceptionHandler(t -> LOG.debug("webhook connection failed: {}", describe(t)));
      progress();
      armIdleTimer(settings.idleTimeout().toMillis());
      req.exceptionHandler(t -> guard(() -> fail("request failed: " + describe(t))));
      req.response().onComplete(response -> guard(() -> onResponse(response)));
      req.drainHandler(v -> guard(this::pump));
      write(Buffer.buffer(webhook.prefix()));
      pump();
    }

    /** Writes body chunks while the connection accepts them; the drain handler resumes it. */
    private void pump() {
      if (finished || reading || ending) {
        return;
      }
      while (bodyWritten < bodyLength) {
        if (request.writeQueueFull()) {
          return;
        }
        int length = (int) Math.min(CHUNK_SIZE, bodyLength - bodyWritten);
        Future<Buffer> chunk = source.read(bodyWritten, length);
        if (!chunk.isComplete()) {
          reading = true;
          chunk.onComplete(
              read ->
                  guard(
                      () -> {
                        reading = false;
                        if (!finished && accept(read, length)) {
                          pump();
                        }
                      }));
          return;
        }
        if (!accept(chunk, length)) {
          return;
        }
      }
      ending = true;
      request
          .end()
          .onComplete(
              ended ->
                  guard(
                      () -> {
                        if (ended.succeeded()) {
                          onBodySent();
                        } else {
                          fail("sending failed: " + describe(ended.cause()));
                        }
                      }));
    }

    private boolean accept(AsyncResult<Buffer> read, int length) {
      if (read.failed()) {
        fail("cannot read the spooled body: " + describe(read.cause()));
        return false;
      }
      if (read.result().length() != length) {
        fail("the spooled body is shorter than its declared length");
        return false;
      }
      bodyWritten += length;
      write(read.result());
      return true;
    }

    private void write(Buffer chunk) {
      request
          .write(chunk)
          .onComplete(
              written ->
                  guard(
                      () -> {
                        if (written.succeeded()) {
                          progress();
                        } else {
                          fail("sending failed: " + describe(written.cause()));
                        }
                      }));
    }

    private void onBodySent() {
      if (finished) {
        return;
      }
      bodySent = true;
      progress();
      startTotalTimer("the body was sent");
    }

    /**
     * Starts the total timeout once the body has been sent, or earlier if the answer begins before
     * that (a subscriber answering without reading the body must not hold the delivery forever).
     */
    private void startTotalTimer(String since) {
      if (totalTimerStarted) {
        return;
      }
      totalTimerStarted = true;
      long totalMs = settings.totalTimeout().toMillis();
      totalTimer =
          vertx.setTimer(
              totalMs,
              id ->
                  guard(
                      () -> {
                        totalTimer = -1;
                        fail("timeout: no complete answer " + totalMs + " ms after " + since);
                      }));
    }

    private void onResponse(AsyncResult<HttpClientResponse> outcome) {
      if (finished) {
        return;
      }
      if (outcome.failed()) {
        fail("no answer: " + describe(outcome.cause()));
        return;
      }
      HttpClientResponse response = outcome.result();
      progress();
      startTotalTimer("the answer began");
      status = response.statusCode();
      response.exceptionHandler(t -> guard(() -> fail("answer broken off: " + describe(t))));
      int max = settings.maxAnswerBytes();
      String declared = response.getHeader("Content-Length");
      if (declared != null && declaredLength(declared) > max) {
        fail("answer too large: " + declared.trim() + " bytes declared, at most " + max + " kept");
        return;
      }
      response.handler(chunk -> guard(() -> onAnswerChunk(chunk)));
      response.endHandler(v -> guard(this::onAnswerEnd));
    }

    private void onAnswerChunk(Buffer chunk) {
      if (finished) {
        return;
      }
      progress();
      int max = settings.maxAnswerBytes();
      if ((long) answer.length() + chunk.length() > max) {
        fail("answer too large: more than " + max + " bytes");
        return;
      }
      answer.appendBuffer(chunk);
    }

    private void onAnswerEnd() {
      if (finished) {
        return;
      }
      // An answer that came before the whole body went out leaves the connection unusable.
      finish(new WebhookOutcome.Answered(status, answer.getBytes()), !bodySent);
    }

    private void progress() {
      lastProgress = System.nanoTime();
    }

    private void armIdleTimer(long delayMs) {
      idleTimer = vertx.setTimer(Math.max(1, delayMs), id -> guard(this::checkIdle));
    }

    private void checkIdle() {
      idleTimer = -1;
      if (finished) {
        return;
      }
      long idleMs = settings.idleTimeout().toMillis();
      long quietMs = (System.nanoTime() - lastProgress) / 1_000_000;
      if (quietMs < idleMs) {
        armIdleTimer(idleMs - quietMs);
        return;
      }
      String phase;
      if (!bodySent) {
        phase = "sending the body";
      } else if (status == 0) {
        phase = "waiting for the answer";
      } else {
        phase = "reading the answer";
      }
      fail("timeout: no progress for " + idleMs + " ms while " + phase);
    }

    private void fail(String reason) {
      finish(new WebhookOutcome.NoAnswer(reason), true);
    }

    /**
     * Ends the delivery once: stops the timers, closes the connection when the exchange did not end
     * cleanly, closes the spool file, then completes the stage.
     */
    private void finish(WebhookOutcome outcome, boolean closeConnection) {
      if (finished) {
        return;
      }
      finished = true;
      if (idleTimer != -1) {
        vertx.cancelTimer(idleTimer);
        idleTimer = -1;
      }
      if (totalTimer != -1) {
        vertx.cancelTimer(totalTimer);
        totalTimer = -1;
      }
      if (outcome instanceof WebhookOutcome.NoAnswer none) {
        LOG.debug("{} to {} got no answer: {}", webhook.kind(), webhook.url(), none.reason());
      }
      if (closeConnection && request != null) {
        try {
          request.connection().close();
        } catch (RuntimeException e) {
          LOG.debug("closing the connection to {} failed", webhook.url(), e);
        }
      }
      AsyncFile spool = file;
      file = null;
      if (spool == null) {
        result.complete(outcome);
        return;
      }
      try {
        spool
            .close()
            .onComplete(
                closed -> {
                  if (closed.failed()) {
                    LOG.debug("closing the spooled body failed", closed.cause());
                  }
                  result.complete(outcome);
                });
      } catch (RuntimeException e) {
        LOG.debug("closing the spooled body failed", e);
        result.complete(outcome);
      }
    }
  }

  /** A {@code Content-Length} value, or -1 when it is not a number. */
  private static long declaredLength(String value) {
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
