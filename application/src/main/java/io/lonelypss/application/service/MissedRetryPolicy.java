package io.lonelypss.application.service;

import java.time.Duration;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * When to retry a MISSED (http.md 6.2): {@code factor * base^min(maxExponent, attempts) + constant
 * + random() * jitter} seconds, or stop once {@code attempts >= maxRetries}.
 */
public record MissedRetryPolicy(
    double factor, double base, int maxExponent, int maxRetries, double constant, double jitter) {
  /** The reference template's values: 1, 2, 10, 20, 1, 2 (so the first delay is 2 to 4 s). */
  public static final MissedRetryPolicy DEFAULTS = new MissedRetryPolicy(1, 2, 10, 20, 1, 2);

  public MissedRetryPolicy {
    if (factor < 0 || base < 0 || maxExponent < 0 || maxRetries < 0 || constant < 0 || jitter < 0) {
      throw new IllegalArgumentException("retry settings must not be negative");
    }
  }

  /** The delay before the next attempt after {@code attempts} failed ones, or empty to stop. */
  public Optional<Duration> delay(int attempts, RandomGenerator random) {
    if (attempts >= maxRetries) {
      return Optional.empty();
    }
    double seconds =
        factor * Math.pow(base, Math.min(maxExponent, attempts))
            + constant
            + random.nextDouble() * jitter;
    return Optional.of(Duration.ofNanos((long) (seconds * 1e9)));
  }
}
