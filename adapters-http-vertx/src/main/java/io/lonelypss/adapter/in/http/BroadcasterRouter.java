package io.lonelypss.adapter.in.http;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.regex.Pattern;

/**
 * Builds the broadcaster's HTTP routes (http.md 4.1-4.7) as a Vert.x Web {@link Router}. Serve it
 * directly, or mount it into an existing application with {@code
 * parent.route("/prefix/*").subRouter(router)}.
 */
public final class BroadcasterRouter {
  public static final String SUBSCRIBE_EXACT = "/v1/subscribe/exact";
  public static final String SUBSCRIBE_GLOB = "/v1/subscribe/glob";
  public static final String UNSUBSCRIBE_EXACT = "/v1/unsubscribe/exact";
  public static final String UNSUBSCRIBE_GLOB = "/v1/unsubscribe/glob";
  public static final String NOTIFY = "/v1/notify";
  public static final String CHECK_SUBSCRIPTIONS = "/v1/check_subscriptions";
  public static final String SET_SUBSCRIPTIONS = "/v1/set_subscriptions";

  private BroadcasterRouter() {}

  public static Router create(
      Vertx vertx, BroadcasterUseCases useCases, HttpAdapterSettings settings) {
    Router router = Router.router(vertx);
    ErrorResponder errors = new ErrorResponder();

    exactly(router, NOTIFY).handler(new NotifyHandler(useCases.publish(), settings));

    BodyHandler bounded = BodyHandler.create(false).setBodyLimit(settings.maxRequestBytes());
    post(router, SUBSCRIBE_EXACT, bounded)
        .handler(new SubscribeHandler(useCases.subscribe(), false));
    post(router, SUBSCRIBE_GLOB, bounded).handler(new SubscribeHandler(useCases.subscribe(), true));
    post(router, UNSUBSCRIBE_EXACT, bounded)
        .handler(new UnsubscribeHandler(useCases.unsubscribe(), false));
    post(router, UNSUBSCRIBE_GLOB, bounded)
        .handler(new UnsubscribeHandler(useCases.unsubscribe(), true));
    post(router, CHECK_SUBSCRIPTIONS, bounded)
        .handler(new CheckSubscriptionsHandler(useCases.checkSubscriptions()));
    post(router, SET_SUBSCRIPTIONS, bounded)
        .handler(new SetSubscriptionsHandler(useCases.setSubscriptions()));

    router.route().failureHandler(errors);
    for (int status : new int[] {400, 404, 405, 413, 415, 500}) {
      router.errorHandler(status, errors);
    }
    return router;
  }

  private static Route post(Router router, String path, BodyHandler body) {
    return exactly(router, path).handler(body);
  }

  /**
   * A POST route for exactly {@code path}: unlike a plain path route it does not also match a
   * trailing slash or a non-normalized spelling, so {@code /v1/notify/} is a 404 (http.md 1).
   */
  private static Route exactly(Router router, String path) {
    return router.routeWithRegex(HttpMethod.POST, Pattern.quote(path)).useNormalizedPath(false);
  }
}
