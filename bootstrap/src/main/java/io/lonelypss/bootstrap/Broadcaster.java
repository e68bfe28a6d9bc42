package io.lonelypss.bootstrap;

import io.lonelypss.adapter.in.http.BroadcasterRouter;
import io.lonelypss.adapter.in.http.BroadcasterUseCases;
import io.lonelypss.adapter.in.http.HttpAdapterSettings;
import io.lonelypss.adapter.in.http.SpoolFiles;
import io.lonelypss.adapter.out.persistence.JdbcStore;
import io.lonelypss.adapter.out.persistence.JdbcStoreSettings;
import io.lonelypss.adapter.out.persistence.JdbcStores;
import io.lonelypss.adapter.out.webhook.VertxWebhookDeliveryAdapter;
import io.lonelypss.adapter.out.webhook.WebhookSettings;
import io.lonelypss.application.port.in.SweepMissedUseCase;
import io.lonelypss.application.port.out.ClockPort;
import io.lonelypss.application.port.out.MissedLedgerPort;
import io.lonelypss.application.port.out.SubscriptionStorePort;
import io.lonelypss.application.service.AuthPolicy;
import io.lonelypss.application.service.CheckSubscriptionsService;
import io.lonelypss.application.service.MissedSweepService;
import io.lonelypss.application.service.NotifyService;
import io.lonelypss.application.service.SetSubscriptionsService;
import io.lonelypss.application.service.SubscribeService;
import io.lonelypss.application.service.UnsubscribeService;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: builds the store, the webhook sender, the services and the HTTP server by
 * hand from one {@link BroadcasterConfig}, and hands back a {@link RunningBroadcaster}.
 */
public final class Broadcaster {
  private static final Logger LOG = LoggerFactory.getLogger(Broadcaster.class);

  /** How often expired replay codes are deleted (http.md 8.5). */
  static final Duration REPLAY_PURGE_INTERVAL = Duration.ofSeconds(10);

  private Broadcaster() {}

  /**
   * Opens the database (creating the schema), then starts listening. Blocking setup (the first
   * database connection) runs on the calling thread, which must not be an event loop.
   */
  public static CompletionStage<RunningBroadcaster> start(BroadcasterConfig config) {
    return start(config, Instant::now);
  }

  /** As {@link #start(BroadcasterConfig)}, with another clock (tests replaying signed vectors). */
  static CompletionStage<RunningBroadcaster> start(BroadcasterConfig config, ClockPort clock) {
    SecretsFile secrets =
        config
            .secrets()
            .map(SecretsFile::read)
            .orElse(new SecretsFile(SecretsFile.Direction.NO_AUTH, SecretsFile.Direction.NO_AUTH));
    LOG.info(
        "auth: to-broadcaster {}, to-subscriber {}",
        secrets.toBroadcaster().type(),
        secrets.toSubscriber().type());
    if (secrets.toBroadcaster().isNone() && !isLoopback(config.host())) {
      LOG.warn(
          "listening on {} without authentication: anyone who can reach it can subscribe and"
              + " publish; run ./lonelypss setup and pass --secrets",
          config.host());
    }
    // bodies spooled by a broadcaster that crashed would otherwise stay on disk forever
    SpoolFiles.deleteLeftovers(config.spoolDir());
    JdbcStore store =
        JdbcStores.sqlite(config.sqlitePath(), JdbcStoreSettings.of(config.dbPoolSize()));
    SecureRandom random = new SecureRandom();
    AuthPolicy auth =
        new AuthPolicy(
            secrets.toBroadcaster().scheme(random),
            secrets.toSubscriber().scheme(random),
            store.replayGuard(),
            clock);
    Vertx vertx = Vertx.vertx();
    // expired replay codes are purged in the background (http.md 8.5)
    long purgeTimer =
        vertx.setPeriodic(
            REPLAY_PURGE_INTERVAL.toMillis(),
            id ->
                store
                    .replayGuard()
                    .purgeExpired(clock.now())
                    .whenComplete(
                        (n, e) -> {
                          if (e != null) {
                            LOG.warn("could not purge expired replay codes: {}", e.toString());
                          }
                        }));
    VertxWebhookDeliveryAdapter webhooks =
        new VertxWebhookDeliveryAdapter(
            vertx,
            WebhookSettings.DEFAULTS
                .withConnectTimeout(config.webhookConnectTimeout())
                .withIdleTimeout(config.webhookReadTimeout())
                .withTotalTimeout(config.webhookTotalTimeout()));
    MissedSweepService sweeper =
        new MissedSweepService(
            store.missedLedger(),
            webhooks,
            auth,
            clock,
            random,
            config.missedRetry(),
            new MissedSweepService.Settings(
                config.missedLockTime(),
                MissedSweepService.Settings.DEFAULTS.parallelism(),
                MissedSweepService.Settings.DEFAULTS.maxPerSweep()));
    long sweepTimer =
        vertx.setPeriodic(config.sweepMissedInterval().toMillis(), new Sweeps(sweeper));
    Router router =
        BroadcasterRouter.create(
            vertx,
            useCases(
                config, store.subscriptions(), store.missedLedger(), webhooks, auth, clock, random),
            httpSettings(config));
    // h2c upgrades are not part of the protocol (clients speak HTTP/1.1); keep them out.
    HttpServerOptions options =
        new HttpServerOptions()
            .setHost(config.host())
            .setPort(config.port())
            .setHttp2ClearTextEnabled(false);
    Lifecycle lifecycle =
        new Lifecycle(config, vertx, store, webhooks, List.of(purgeTimer, sweepTimer));
    return vertx
        .createHttpServer(options)
        .requestHandler(router)
        .listen()
        .map(
            server -> {
              lifecycle.server.set(server);
              LOG.info(
                  "broadcaster listening on {}:{} with SQLite at {}",
                  config.host(),
                  server.actualPort(),
                  config.sqlitePath().toAbsolutePath());
              return (RunningBroadcaster) lifecycle;
            })
        .recover(
            error ->
                Future.fromCompletionStage(lifecycle.stop())
                    .transform(ignored -> Future.<RunningBroadcaster>failedFuture(error)))
        .toCompletionStage();
  }

  private static BroadcasterUseCases useCases(
      BroadcasterConfig config,
      SubscriptionStorePort store,
      MissedLedgerPort missed,
      VertxWebhookDeliveryAdapter webhooks,
      AuthPolicy auth,
      ClockPort clock,
      SecureRandom random) {
    return new BroadcasterUseCases(
        new SubscribeService(store, auth),
        new UnsubscribeService(store, auth),
        new NotifyService(
            store,
            webhooks,
            missed,
            config.missedRetry(),
            auth,
            clock,
            random,
            new NotifyService.Settings(
                config.fanoutParallelism(), NotifyService.Settings.DEFAULTS.identifierLength())),
        new CheckSubscriptionsService(store, auth),
        new SetSubscriptionsService(store, auth));
  }

  static boolean isLoopback(String host) {
    try {
      return java.net.InetAddress.getByName(host).isLoopbackAddress();
    } catch (java.net.UnknownHostException e) {
      return false;
    }
  }

  private static HttpAdapterSettings httpSettings(BroadcasterConfig config) {
    return new HttpAdapterSettings(
        config.messageBodySpoolSize(),
        config.spoolDir(),
        config.maxNotifySize(),
        config.maxRequestSize(),
        Clock.systemUTC());
  }

  /** Runs a MISSED sweep on each tick, unless the previous one is still running. */
  private static final class Sweeps implements io.vertx.core.Handler<Long> {
    private final SweepMissedUseCase sweeper;
    private final AtomicBoolean running = new AtomicBoolean();

    Sweeps(SweepMissedUseCase sweeper) {
      this.sweeper = sweeper;
    }

    @Override
    public void handle(Long timerId) {
      if (!running.compareAndSet(false, true)) {
        return;
      }
      CompletionStage<Integer> sweep;
      try {
        sweep = sweeper.sweepOnce();
      } catch (RuntimeException e) {
        sweep = CompletableFuture.failedFuture(e);
      }
      sweep.whenComplete(
          (handled, error) -> {
            running.set(false);
            if (error != null) {
              LOG.warn("MISSED sweep failed: {}", error.toString());
            } else if (handled > 0) {
              LOG.debug("MISSED sweep handled {} subscriptions", handled);
            }
          });
    }
  }

  /** Owns everything that was started, and stops it in reverse order once. */
  private static final class Lifecycle implements RunningBroadcaster {
    private final BroadcasterConfig config;
    private final Vertx vertx;
    private final JdbcStore store;
    private final VertxWebhookDeliveryAdapter webhooks;
    private final List<Long> timers;
    private final AtomicReference<HttpServer> server = new AtomicReference<>();
    private final AtomicReference<CompletableFuture<Void>> stopping = new AtomicReference<>();

    Lifecycle(
        BroadcasterConfig config,
        Vertx vertx,
        JdbcStore store,
        VertxWebhookDeliveryAdapter webhooks,
        List<Long> timers) {
      this.config = config;
      this.vertx = vertx;
      this.store = store;
      this.webhooks = webhooks;
      this.timers = List.copyOf(timers);
    }

    @Override
    public int port() {
      return server.get().actualPort();
    }

    @Override
    public String baseUrl() {
      String host = config.host().contains(":") ? "[" + config.host() + "]" : config.host();
      return "http://" + host + ":" + port();
    }

    @Override
    public CompletionStage<Void> stop() {
      CompletableFuture<Void> mine = new CompletableFuture<>();
      if (!stopping.compareAndSet(null, mine)) {
        return stopping.get();
      }
      timers.forEach(vertx::cancelTimer);
      HttpServer s = server.get();
      Future<Void> serverDown =
          s == null
              ? Future.succeededFuture()
              : s.shutdown(config.shutdownGrace().toMillis(), TimeUnit.MILLISECONDS);
      serverDown
          .transform(ignored -> Future.fromCompletionStage(webhooks.close()))
          .transform(ignored -> Future.fromCompletionStage(store.closeAsync()))
          .toCompletionStage()
          // uploads cut off by the stop leave spool files (no request runs any more); Vert.x is
          // then closed from a thread of its own: callbacks scheduled on one of its event loops
          // would never run once that loop is gone
          .handle(
              (ignored, error) -> {
                SpoolFiles.deleteOwn(config.spoolDir());
                return null;
              })
          .thenComposeAsync(ignored -> vertx.close().toCompletionStage())
          .whenComplete(
              (ok, error) -> {
                if (error != null) {
                  mine.completeExceptionally(error);
                } else {
                  mine.complete(null);
                }
              });
      return mine;
    }
  }
}
