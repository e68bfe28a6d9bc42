package io.lonelypss.bootstrap;

/** The command line, config file or environment is invalid; the message says how. */
public final class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ConfigException(String message) {
    super(message);
  }
}
