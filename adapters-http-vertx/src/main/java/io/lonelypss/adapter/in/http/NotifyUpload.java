package io.lonelypss.adapter.in.http;

import io.lonelypss.application.port.in.AdmitNotifyCommand;
import io.lonelypss.application.port.in.NotifyCommand;
import io.lonelypss.application.port.in.NotifyUseCase;
import io.lonelypss.domain.Message;
import io.lonelypss.domain.MessageBody;
import io.lonelypss.domain.Sha512Digest;
import io.lonelypss.domain.protocol.NotifyHeader;
import io.lonelypss.domain.protocol.ResponseNotify;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One notify request in flight. The header is parsed as soon as it has arrived; the message bytes
 * are hashed as they arrive and kept in memory up to the spool threshold, or written to a temporary
 * file with back-pressure above it. Then the use case fans the message out and the answer is
 * RESPONSE_NOTIFY. The temporary file is deleted on every path. All methods run on the request's
 * event loop.
 */
final class NotifyUpload {
  private static final Logger LOG = LoggerFactory.getLogger(NotifyUpload.class);

  private final RoutingContext ctx;
  private final HttpServerRequest request;
  private final Vertx vertx;
  private final NotifyUseCase useCase;
  private final HttpAdapterSettings settings;
  private final Instant receivedAt;
  private final MessageDigest hasher = Sha512Digest.newHasher();

  private Buffer headerBytes = Buffer.buffer();
  private NotifyHeader header;
  private long bodyBytesSeen;
  private long messageBytesSeen;
  private Buffer memory;
  private String spoolPath;
  private AsyncFile spool;
  private Buffer pendingWhileOpening;
  private boolean endedWhileOpening;
  private boolean finished;

  NotifyUpload(RoutingContext ctx, NotifyUseCase useCase, HttpAdapterSettings settings) {
    this.ctx = ctx;
    this.request = ctx.request();
    this.vertx = ctx.vertx();
    this.useCase = useCase;
    this.settings = settings;
    this.receivedAt = settings.clock().instant();
  }

  void start() {
    request.handler(this::onChunk);
    request.endHandler(v -> onEnd());
    request.exceptionHandler(this::onBroken);
    ctx.response().closeHandler(v -> onBroken(null));
  }

  private void onChunk(Buffer chunk) {
    if (finished) {
      return;
    }
    bodyBytesSeen += chunk.length();
    if (settings.maxNotifyBytes() >= 0 && bodyBytesSeen > settings.maxNotifyBytes()) {
      reject(413, "body exceeds the configured maximum");
      return;
    }
    if (header != null) {
      onMessageBytes(chunk);
      return;
    }
    headerBytes.appendBuffer(chunk);
    ByteBuffer view = ByteBuffer.wrap(headerBytes.getBytes());
    Optional<NotifyHeader> parsed = NotifyHeader.tryParse(view);
    if (parsed.isEmpty()) {
      return; // a header is at most NotifyHeader.MAX_LENGTH bytes, so this stays bounded
    }
    header = parsed.get();
    Buffer rest = headerBytes.getBuffer(view.position(), headerBytes.length());
    headerBytes = null;
    long length = header.messageLength();
    if (length < 0
        || (settings.maxNotifyBytes() >= 0
            && header.encodedLength() + length > settings.maxNotifyBytes())) {
      reject(413, "declared message length exceeds the configured maximum");
      return;
    }
    // the signature covers the header only: check it before reading (and storing) the body
    pendingWhileOpening = rest;
    request.pause();
    Future.fromCompletionStage(
            useCase.admit(new AdmitNotifyCommand(header, Bodies.authorization(ctx))),
            vertx.getOrCreateContext())
        .onComplete(
            ar -> {
              if (finished) {
                return;
              }
              if (ar.failed()) {
                reject(ErrorResponder.statusFor(ar.cause()), "not admitted: " + ar.cause());
              } else if (length <= settings.spoolThreshold()) {
                memory = Buffer.buffer((int) length);
                Buffer pending = pendingWhileOpening;
                pendingWhileOpening = null;
                onMessageBytes(pending);
                resumeOrFinish();
              } else {
                openSpool();
              }
            });
  }

  /** Once a sink is ready: finish if the body already ended while we waited, else read on. */
  private void resumeOrFinish() {
    if (endedWhileOpening) {
      onEnd();
    } else if (!finished) {
      request.resume();
    }
  }

  private void openSpool() {
    request.pause();
    vertx
        .fileSystem()
        .createTempFile(
            settings.spoolDirectory().toString(),
            SpoolFiles.prefix(),
            SpoolFiles.SUFFIX,
            "rw-------")
        .compose(
            path -> {
              spoolPath = path;
              return vertx.fileSystem().open(path, new OpenOptions().setWrite(true));
            })
        .onComplete(
            ar -> {
              if (ar.failed()) {
                LOG.warn("cannot spool a notify body to {}", settings.spoolDirectory(), ar.cause());
                reject(503, "cannot spool the body");
                return;
              }
              spool = ar.result();
              if (finished) {
                cleanUp();
                return;
              }
              Buffer pending = pendingWhileOpening;
              pendingWhileOpening = null;
              onMessageBytes(pending);
              resumeOrFinish();
            });
  }

  private void onMessageBytes(Buffer bytes) {
    if (finished || bytes.length() == 0) {
      return;
    }
    if (spool == null && memory == null) {
      pendingWhileOpening.appendBuffer(bytes);
      return;
    }
    long length = header.messageLength();
    if (messageBytesSeen + bytes.length() > length) {
      reject(400, "body is longer than the declared message length");
      return;
    }
    messageBytesSeen += bytes.length();
    hasher.update(bytes.getBytes());
    if (memory != null) {
      memory.appendBuffer(bytes);
      return;
    }
    spool.write(bytes);
    if (spool.writeQueueFull()) {
      request.pause();
      spool.drainHandler(
          v -> {
            if (!finished) {
              request.resume();
            }
          });
    }
  }

  private void onEnd() {
    if (finished) {
      return;
    }
    if (header == null) {
      reject(400, "body ends inside the notify header");
      return;
    }
    if (spool == null && memory == null) {
      endedWhileOpening = true;
      return;
    }
    if (messageBytesSeen != header.messageLength()) {
      reject(400, "body is shorter than the declared message length");
      return;
    }
    Sha512Digest actual = Sha512Digest.finish(hasher);
    if (!actual.sameAs(header.sha512())) {
      reject(400, "message does not match its sha512");
      return;
    }
    finished = true;
    Future<MessageBody> body;
    if (memory != null) {
      body = Future.succeededFuture(new MessageBody.InMemory(memory.getBytes()));
      memory = null;
    } else {
      body =
          spool
              .close()
              .map(
                  v ->
                      new MessageBody.Spooled(
                          java.nio.file.Path.of(spoolPath), header.messageLength()));
    }
    body.compose(
            b ->
                Future.fromCompletionStage(
                    useCase.publish(
                        new NotifyCommand(
                            new Message(header.topic(), header.sha512(), header.identifier(), b),
                            receivedAt)),
                    vertx.getOrCreateContext()))
        .onComplete(
            ar ->
                deleteSpool()
                    .onComplete(
                        deleted -> {
                          if (ar.failed()) {
                            ctx.fail(ar.cause());
                          } else {
                            answer(ar.result());
                          }
                        }));
  }

  private void answer(ResponseNotify response) {
    Replies.ok(ctx, response.encode());
  }

  private void onBroken(Throwable error) {
    if (finished) {
      return;
    }
    LOG.debug("notify upload aborted: {}", error == null ? "connection closed" : error.toString());
    finished = true;
    cleanUp();
  }

  private void reject(int status, String reason) {
    if (finished) {
      return;
    }
    LOG.debug("notify rejected with {}: {}", status, reason);
    finished = true;
    request.resume(); // drain and discard whatever the client still sends
    cleanUp()
        .onComplete(
            v -> {
              ctx.response().putHeader("Connection", "close");
              Replies.empty(ctx, status);
            });
  }

  /** Drops buffered bytes, closes and deletes the spool file; completes when it is gone. */
  private Future<Void> cleanUp() {
    memory = null;
    pendingWhileOpening = null;
    if (spool == null) {
      return deleteSpool();
    }
    AsyncFile file = spool;
    spool = null;
    return file.close().transform(ar -> deleteSpool());
  }

  private Future<Void> deleteSpool() {
    if (spoolPath == null) {
      return Future.succeededFuture();
    }
    String path = spoolPath;
    spoolPath = null;
    return vertx
        .fileSystem()
        .delete(path)
        .recover(
            e -> {
              LOG.warn("could not delete spooled notify body {}", path, e);
              return Future.succeededFuture();
            });
  }
}
