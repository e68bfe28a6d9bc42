package io.lonelypss.adapter.in.http;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;

/**
 * Limits and resources of the HTTP routes.
 *
 * @param spoolThreshold notify messages up to this many bytes stay in memory; larger ones are
 *     spooled to a temporary file ({@code message_body_spool_size}, default 10 MiB)
 * @param spoolDirectory where spooled notify bodies go
 * @param maxNotifyBytes largest accepted notify body in bytes, or -1 for no limit (413 above it)
 * @param maxRequestBytes largest accepted body on the other routes (413 above it)
 * @param clock source of the timestamps in the notify tracing block
 */
public record HttpAdapterSettings(
    long spoolThreshold,
    Path spoolDirectory,
    long maxNotifyBytes,
    long maxRequestBytes,
    Clock clock) {
  public static final long DEFAULT_SPOOL_THRESHOLD = 10L * 1024 * 1024;
  public static final long DEFAULT_MAX_REQUEST_BYTES = 64L * 1024 * 1024;

  public HttpAdapterSettings {
    Objects.requireNonNull(spoolDirectory, "spoolDirectory");
    Objects.requireNonNull(clock, "clock");
    if (spoolThreshold < 0) {
      throw new IllegalArgumentException("spoolThreshold must not be negative");
    }
    if (maxNotifyBytes < -1) {
      throw new IllegalArgumentException("maxNotifyBytes must be -1 (unlimited) or a size");
    }
    if (maxRequestBytes < 1) {
      throw new IllegalArgumentException("maxRequestBytes must be positive");
    }
  }

  /** Defaults: 10 MiB spool threshold, the system temp directory, no notify limit. */
  public static HttpAdapterSettings defaults() {
    return new HttpAdapterSettings(
        DEFAULT_SPOOL_THRESHOLD,
        Path.of(System.getProperty("java.io.tmpdir")),
        -1,
        DEFAULT_MAX_REQUEST_BYTES,
        Clock.systemUTC());
  }
}
