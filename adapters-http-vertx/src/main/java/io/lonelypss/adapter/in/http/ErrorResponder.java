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
    if (failure == null) {
      status = ctx.statusCode() >= 400 && ctx.statusCode() < 500 ? ctx.statusCode() : 503;
    } else {
      status = statusFor(failure);
    }
    if (status == 503 && !(failure instanceof LonelypssException)) {
      // not bad input: a bug or a broken dependency; say "unavailable", keep details in the log
      LOG.error("{} {} failed unexpectedly", ctx.request().method(), ctx.request().path(), failure);
    } else {
      LOG.debug(
          "{} {} -> {}: {}",
          ctx.request().method(),
          ctx.request().path(),
          status,
          failure == null ? "" : failure.getMessage());
    }
    Replies.empty(ctx, status);
  }

  /** The status for a failure: its code's, a router 4xx as is, anything else 503. */
  static int statusFor(Throwable failure) {
    Throwable t = unwrap(failure);
    if (t instanceof LonelypssException known) {
      return statusOf(known.code());
    }
    if (t instanceof HttpException http
        && http.getStatusCode() >= 400
        && http.getStatusCode() < 500) {
      return http.getStatusCode();
    }
    return 503;
  }

  static Throwable unwrap(Throwable t) {
    while (t instanceof CompletionException && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }
}
