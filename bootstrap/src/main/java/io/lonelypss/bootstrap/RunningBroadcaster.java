package io.lonelypss.bootstrap;

import java.util.concurrent.CompletionStage;

/** A started broadcaster: where it listens, and how to stop it. */
public interface RunningBroadcaster {
  /** The port actually bound (useful when the configured port was 0). */
  int port();

  /** The base URL clients use, e.g. {@code http://127.0.0.1:3003}. */
  String baseUrl();

  /**
   * Stops accepting connections, lets in-flight requests finish (up to the configured grace), then
   * closes the webhook client, the database pool and Vert.x. Idempotent.
   */
  CompletionStage<Void> stop();
}
