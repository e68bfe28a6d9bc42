package io.lonelypss.bootstrap;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Every configuration key. The same name is the long flag ({@code --port}), the key in {@code
 * lonelypss.json} ({@code "port"}) and, upper-cased with {@code -} as {@code _} and prefixed, the
 * environment variable ({@code LONELYPSS_PORT}).
 */
enum Setting {
  HOST("host", "127.0.0.1", "address to listen on"),
  PORT("port", "3003", "port to listen on (0 = any free port)"),
  DB("db", "sqlite", "database kind: sqlite"),
  SQLITE_PATH("sqlite-path", "subscriptions.db", "SQLite database file"),
  SECRETS(
      "secrets",
      "",
      "secrets file (broadcaster-secrets.json from setup); without one, auth is none"),
  DB_POOL_SIZE("db-pool-size", "4", "database connections (and JDBC worker threads)"),
  MESSAGE_BODY_SPOOL_SIZE(
      "message-body-spool-size",
      "10485760",
      "notify bodies above this many bytes go to a temp file"),
  SPOOL_DIR("spool-dir", "", "directory for spooled notify bodies (default: the system temp dir)"),
  MAX_NOTIFY_SIZE("max-notify-size", "-1", "largest notify body in bytes, -1 for unlimited (413)"),
  MAX_REQUEST_SIZE(
      "max-request-size", "67108864", "largest body of the other routes in bytes (413 above it)"),
  FANOUT_PARALLELISM("fanout-parallelism", "32", "concurrent webhook deliveries per notify"),
  WEBHOOK_CONNECT_TIMEOUT("webhook-connect-timeout", "5", "seconds to connect to a subscriber"),
  WEBHOOK_READ_TIMEOUT(
      "webhook-read-timeout", "5", "seconds without progress before a webhook is abandoned"),
  WEBHOOK_TOTAL_TIMEOUT(
      "webhook-total-timeout", "30", "seconds for the answer once the webhook body is sent"),
  SWEEP_MISSED_INTERVAL(
      "sweep-missed-interval", "10", "seconds between sweeps that send due MISSED notices"),
  MISSED_MAX_RETRIES(
      "missed-max-retries", "20", "failed MISSED notices before the subscription is deleted"),
  MISSED_RETRY_FACTOR("missed-retry-factor", "1", "MISSED retry delay: factor * base^n ..."),
  MISSED_RETRY_BASE("missed-retry-base", "2", "MISSED retry delay: ... base ..."),
  MISSED_RETRY_MAX_EXPONENT(
      "missed-retry-max-exponent", "10", "MISSED retry delay: ... n capped at this ..."),
  MISSED_RETRY_CONSTANT("missed-retry-constant", "1", "MISSED retry delay: ... + constant s ..."),
  MISSED_RETRY_JITTER("missed-retry-jitter", "2", "MISSED retry delay: ... + random * jitter s"),
  MISSED_LOCK_TIME(
      "missed-lock-time", "30", "seconds a sweeper holds a row while it sends its MISSED"),
  SHUTDOWN_GRACE("shutdown-grace", "30", "seconds in-flight requests get to finish on stop");

  private final String key;
  private final String defaultValue;
  private final String help;

  Setting(String key, String defaultValue, String help) {
    this.key = key;
    this.defaultValue = defaultValue;
    this.help = help;
  }

  String key() {
    return key;
  }

  String defaultValue() {
    return defaultValue;
  }

  String help() {
    return help;
  }

  String environmentVariable() {
    return "LONELYPSS_" + key.toUpperCase(Locale.ROOT).replace('-', '_');
  }

  static Optional<Setting> byKey(String key) {
    return Arrays.stream(values()).filter(s -> s.key.equals(key)).findFirst();
  }
}
