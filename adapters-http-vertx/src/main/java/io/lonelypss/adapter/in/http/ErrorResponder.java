package io.lonelypss.adapter.in.http;

import io.lonelypss.domain.ErrorCode;
import io.lonelypss.domain.LonelypssException;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that turns failures into HTTP answers: protocol routes answer errors with a status
 * and an empty body (http.md section 3). It serves as the router's failure handler and as its error
 * handler for unmatched paths and methods, so every rejection looks alike.
 */
final class ErrorResponder implements Handler<RoutingContext> {
  private static final Logger LOG = LoggerFactory.getLogger(ErrorResponder.class);

  static int statusOf(ErrorCode code) {
    return switch (code) {
      case MALFORMED -> 400;
      case UNAUTHORIZED -> 401;
      case FORBIDDEN -> 403;
      case CONFLICT -> 409;
      case TOO_LARGE -> 413;
      case UNAVAILABLE -> 503;
    };
  }

  @Override
  public void handle(RoutingContext ctx) {
    Throwable failure = unwrap(ctx.failure());
    int status;
    if (failure instanceof LonelypssException known) {
      status = statusOf(known.code());
      LOG.debug(
          "{} {} -> {}: {}",
          ctx.request().method(),
          ctx.request().path(),
          status,
          failure.getMessage());
    } else if (failure instanceof HttpException http) {
      status = http.getStatusCode();
    } else if (failure == null && ctx.statusCode() >= 400) {
      status = ctx.statusCode();
    } else {
      // Not bad input: a bug or a broken dependency. Say "unavailable", keep details in the log.
      status = 503;
      LOG.error("{} {} failed unexpectedly", ctx.request().method(), ctx.request().path(), failure);
    }
    if (status >= 500 && status != 503) {
      status = 503;
    }
    Replies.empty(ctx, status);
  }

  static Throwable unwrap(Throwable t) {
    while (t instanceof CompletionException && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }
}
