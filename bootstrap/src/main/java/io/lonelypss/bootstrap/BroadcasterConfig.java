package io.lonelypss.bootstrap;

import io.lonelypss.application.service.MissedRetryPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** The validated, typed configuration of one broadcaster. */
public record BroadcasterConfig(
    String host,
    int port,
    String db,
    Path sqlitePath,
    Optional<Path> secrets,
    int dbPoolSize,
    long messageBodySpoolSize,
    Path spoolDir,
    long maxNotifySize,
    long maxRequestSize,
    int fanoutParallelism,
    Duration webhookConnectTimeout,
    Duration webhookReadTimeout,
    Duration webhookTotalTimeout,
    Duration sweepMissedInterval,
    MissedRetryPolicy missedRetry,
    Duration missedLockTime,
    Duration shutdownGrace) {

  public BroadcasterConfig {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(db, "db");
    Objects.requireNonNull(sqlitePath, "sqlitePath");
    Objects.requireNonNull(spoolDir, "spoolDir");
    Objects.requireNonNull(secrets, "secrets");
  }

  /** Builds and validates a config from raw values; missing keys take their defaults. */
  static BroadcasterConfig from(Map<Setting, String> raw) {
    Values v = new Values(raw);
    String db = v.text(Setting.DB);
    if (!db.equals("sqlite")) {
      throw new ConfigException("db must be sqlite (got '" + db + "')");
    }
    String spool = v.text(Setting.SPOOL_DIR);
    String secrets = v.text(Setting.SECRETS);
    long maxNotify = v.longValue(Setting.MAX_NOTIFY_SIZE, -1, Long.MAX_VALUE);
    return new BroadcasterConfig(
        v.text(Setting.HOST),
        (int) v.longValue(Setting.PORT, 0, 65535),
        db,
        Path.of(v.text(Setting.SQLITE_PATH)),
        secrets.isEmpty() ? Optional.empty() : Optional.of(Path.of(secrets)),
        (int) v.longValue(Setting.DB_POOL_SIZE, 1, 256),
        v.longValue(Setting.MESSAGE_BODY_SPOOL_SIZE, 0, Integer.MAX_VALUE - 64),
        Path.of(spool.isEmpty() ? System.getProperty("java.io.tmpdir") : spool),
        maxNotify,
        v.longValue(Setting.MAX_REQUEST_SIZE, 1, Integer.MAX_VALUE - 64),
        (int) v.longValue(Setting.FANOUT_PARALLELISM, 1, 10_000),
        v.seconds(Setting.WEBHOOK_CONNECT_TIMEOUT),
        v.seconds(Setting.WEBHOOK_READ_TIMEOUT),
        v.seconds(Setting.WEBHOOK_TOTAL_TIMEOUT),
        v.seconds(Setting.SWEEP_MISSED_INTERVAL),
        new MissedRetryPolicy(
            v.number(Setting.MISSED_RETRY_FACTOR),
            v.number(Setting.MISSED_RETRY_BASE),
            (int) v.longValue(Setting.MISSED_RETRY_MAX_EXPONENT, 0, 62),
            (int) v.longValue(Setting.MISSED_MAX_RETRIES, 0, 1_000_000),
            v.number(Setting.MISSED_RETRY_CONSTANT),
            v.number(Setting.MISSED_RETRY_JITTER)),
        v.seconds(Setting.MISSED_LOCK_TIME),
        v.seconds(Setting.SHUTDOWN_GRACE));
  }

  private record Values(Map<Setting, String> raw) {
    String text(Setting s) {
      return raw.getOrDefault(s, s.defaultValue()).trim();
    }

    long longValue(Setting s, long min, long max) {
      String t = text(s);
      long value;
      try {
        value = Long.parseLong(t);
      } catch (NumberFormatException e) {
        throw new ConfigException(s.key() + " must be a whole number (got '" + t + "')");
      }
      if (value < min || value > max) {
        throw new ConfigException(s.key() + " must be between " + min + " and " + max);
      }
      return value;
    }

    /** A non-negative finite number. */
    double number(Setting s) {
      String t = text(s);
      double value;
      try {
        value = Double.parseDouble(t);
      } catch (NumberFormatException e) {
        throw new ConfigException(s.key() + " must be a number (got '" + t + "')");
      }
      if (!(value >= 0) || Double.isInfinite(value)) {
        throw new ConfigException(s.key() + " must be a non-negative number");
      }
      return value;
    }

    Duration seconds(Setting s) {
      String t = text(s);
      double value;
      try {
        value = Double.parseDouble(t);
      } catch (NumberFormatException e) {
        throw new ConfigException(s.key() + " must be a number of seconds (got '" + t + "')");
      }
      if (!(value > 0) || value > 86_400 * 365) {
        throw new ConfigException(s.key() + " must be a positive number of seconds");
      }
      return Duration.ofNanos((long) (value * 1e9));
    }
  }
}
