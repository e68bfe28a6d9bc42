package io.lonelypss.adapter.out.webhook;

import java.time.Duration;
import java.util.Objects;

/**
 * Tunables of the webhook sender (DECISIONS D16, http.md 15).
 *
 * @param connectTimeout the longest wait for a connection: pool queue and TCP connect (and TLS)
 * @param idleTimeout the longest time without progress: no body bytes accepted by the socket while
 *     sending, no answer bytes while waiting for or reading the answer
 * @param totalTimeout the longest wait for the complete answer, counted from the moment the request
 *     body has been fully sent (or the answer began, if that came first), so that a long upload is
 *     never cut by it
 * @param maxAnswerBytes the largest answer body kept; a bigger answer is no answer at all
 * @param poolSize the most connections kept open to one subscriber endpoint (host and port)
 * @param keepAliveTimeout how long an idle pooled connection is kept for reuse; {@link
 *     Duration#ZERO} closes every connection after its answer. Kept below the 5 s of common
 *     subscriber servers (uvicorn) so a connection the subscriber is closing is not reused
 */
public record WebhookSettings(
    Duration connectTimeout,
    Duration idleTimeout,
    Duration totalTimeout,
    int maxAnswerBytes,
    int poolSize,
    Duration keepAliveTimeout) {

  public static final WebhookSettings DEFAULTS =
      new WebhookSettings(
          Duration.ofSeconds(5),
          Duration.ofSeconds(5),
          Duration.ofSeconds(30),
          64 * 1024,
          64,
          Duration.ofSeconds(2));

  public WebhookSettings {
    requirePositiveMillis(connectTimeout, "connectTimeout");
    requirePositiveMillis(idleTimeout, "idleTimeout");
    requirePositiveMillis(totalTimeout, "totalTimeout");
    Objects.requireNonNull(keepAliveTimeout, "keepAliveTimeout");
    if (keepAliveTimeout.isNegative() || keepAliveTimeout.compareTo(Duration.ofDays(1)) > 0) {
      throw new IllegalArgumentException("keepAliveTimeout must be between 0 and 1 day");
    }
    if (maxAnswerBytes < 0) {
      throw new IllegalArgumentException("maxAnswerBytes must not be negative");
    }
    if (poolSize < 1) {
      throw new IllegalArgumentException("poolSize must be at least 1");
    }
  }

  private static void requirePositiveMillis(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.compareTo(Duration.ofMillis(1)) < 0 || d.compareTo(Duration.ofDays(1)) > 0) {
      throw new IllegalArgumentException(name + " must be between 1 ms and 1 day");
    }
  }

  public WebhookSettings withConnectTimeout(Duration value) {
    return new WebhookSettings(
        value, idleTimeout, totalTimeout, maxAnswerBytes, poolSize, keepAliveTimeout);
  }

  public WebhookSettings withIdleTimeout(Duration value) {
    return new WebhookSettings(
        connectTimeout, value, totalTimeout, maxAnswerBytes, poolSize, keepAliveTimeout);
  }

  public WebhookSettings withTotalTimeout(Duration value) {
    return new WebhookSettings(
        connectTimeout, idleTimeout, value, maxAnswerBytes, poolSize, keepAliveTimeout);
  }

  public WebhookSettings withMaxAnswerBytes(int value) {
    return new WebhookSettings(
        connectTimeout, idleTimeout, totalTimeout, value, poolSize, keepAliveTimeout);
  }

  public WebhookSettings withPoolSize(int value) {
    return new WebhookSettings(
        connectTimeout, idleTimeout, totalTimeout, maxAnswerBytes, value, keepAliveTimeout);
  }

  public WebhookSettings withKeepAliveTimeout(Duration value) {
    return new WebhookSettings(
        connectTimeout, idleTimeout, totalTimeout, maxAnswerBytes, poolSize, value);
  }
}
