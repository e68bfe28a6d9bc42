package io.lonelypss.bootstrap;

import io.lonelypss.domain.protocol.auth.AuthScheme;
import io.lonelypss.domain.protocol.auth.HmacScheme;
import io.lonelypss.domain.protocol.auth.NoneScheme;
import io.lonelypss.domain.protocol.auth.TokenScheme;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * A secrets file in the reference's format (http.md 14): {@code broadcaster-secrets.json} and
 * {@code subscriber-secrets.json} as {@code setup} writes them, read by {@code serve}.
 *
 * <pre>
 * {
 *   "version": "2",
 *   "to-broadcaster": {"type": "hmac", "secret": "..."},
 *   "to-subscriber": {"type": "token", "secret": "..."}
 * }
 * </pre>
 *
 * <p>A direction whose scheme is {@code none} is omitted from the file; a missing key reads as
 * {@code none}. Neither {@link #toString()} nor any error message contains a secret.
 *
 * @param toBroadcaster signs subscriber requests and webhook answers, verified by the broadcaster
 * @param toSubscriber signs webhooks and response bodies, verified by subscribers
 */
record SecretsFile(Direction toBroadcaster, Direction toSubscriber) {
  /** The only version this reads and writes. */
  static final String VERSION = "2";

  static final String TO_BROADCASTER = "to-broadcaster";
  static final String TO_SUBSCRIBER = "to-subscriber";

  SecretsFile {
    Objects.requireNonNull(toBroadcaster, "toBroadcaster");
    Objects.requireNonNull(toSubscriber, "toSubscriber");
  }

  /**
   * One direction's scheme and its secret, validated: {@code none} has the secret {@code ""}; a
   * {@code token} secret is non-empty printable ASCII; an {@code hmac} secret decodes to 64 bytes
   * (http.md 8.4).
   *
   * @param type {@code none}, {@code token} or {@code hmac}
   * @param secret the secret exactly as stored, {@code ""} for {@code none}
   */
  record Direction(String type, String secret) {
    static final String NONE = "none";
    static final String TOKEN = "token";
    static final String HMAC = "hmac";

    /** No authentication. */
    static final Direction NO_AUTH = new Direction(NONE, "");

    /**
     * @throws IllegalArgumentException when the type is unknown or the secret does not fit it; the
     *     message never contains the secret
     */
    Direction {
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(secret, "secret");
      switch (type) {
        case NONE:
          if (!secret.isEmpty()) {
            throw new IllegalArgumentException("type none takes no secret");
          }
          break;
        case TOKEN:
          TokenScheme.checkSecret(secret);
          break;
        case HMAC:
          HmacScheme.decodeSecret(secret);
          break;
        default:
          throw new IllegalArgumentException(unknownType(type));
      }
    }

    boolean isNone() {
      return type.equals(NONE);
    }

    /**
     * The scheme this direction configures.
     *
     * @param random the nonce source of an hmac scheme (pass a {@link java.security.SecureRandom})
     */
    AuthScheme scheme(RandomGenerator random) {
      Objects.requireNonNull(random, "random");
      switch (type) {
        case TOKEN:
          return new TokenScheme(secret);
        case HMAC:
          return HmacScheme.fromSecretString(secret, random);
        default:
          return new NoneScheme();
      }
    }

    /** Never shows the secret. */
    @Override
    public String toString() {
      return "Direction[type=" + type + ", secret=" + (secret.isEmpty() ? "" : "<redacted>") + "]";
    }

    /** Names a short, plain type in the message, but never echoes a long value (a secret?). */
    static String unknownType(String type) {
      boolean plain =
          type.length() <= 16 && type.chars().allMatch(c -> c >= 0x21 && c <= 0x7e && c != '\'');
      return "unknown type" + (plain ? " '" + type + "'" : "") + " (expected none, token or hmac)";
    }
  }

  /**
   * Reads and validates a secrets file.
   *
   * @throws ConfigException when the file cannot be read or is not a valid version-2 secrets file;
   *     the message names the file and the problem, never a secret
   */
  static SecretsFile read(Path file) {
    Objects.requireNonNull(file, "file");
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new ConfigException("secrets file " + file + " does not exist");
    } catch (CharacterCodingException e) {
      throw new ConfigException("secrets file " + file + " is not UTF-8 text");
    } catch (IOException e) {
      throw new ConfigException(
          "cannot read secrets file " + file + ": " + e.getClass().getSimpleName());
    }
    Object parsed;
    try {
      parsed = Json.decodeValue(text);
    } catch (DecodeException e) {
      // The decoder's message may quote the input, and so a secret: leave it out.
      throw new ConfigException("secrets file " + file + " is not valid JSON");
    }
    if (!(parsed instanceof JsonObject)) {
      throw new ConfigException("secrets file " + file + " is not a JSON object");
    }
    JsonObject json = (JsonObject) parsed;
    Object version = json.getValue("version");
    if (!VERSION.equals(version)) {
      throw new ConfigException(
          "secrets file "
              + file
              + " must have \"version\": \"2\""
              + (version == null ? " (it has none)" : "")
              + "; rerun ./lonelypss setup to write a new one");
    }
    return new SecretsFile(
        direction(file, json, TO_BROADCASTER), direction(file, json, TO_SUBSCRIBER));
  }

  private static Direction direction(Path file, JsonObject json, String key) {
    if (!json.containsKey(key)) {
      return Direction.NO_AUTH;
    }
    String where = "\"" + key + "\" in secrets file " + file;
    if (!(json.getValue(key) instanceof JsonObject)) {
      throw new ConfigException(where + " must be an object with \"type\" and \"secret\"");
    }
    JsonObject d = (JsonObject) json.getValue(key);
    if (!(d.getValue("type") instanceof String)) {
      throw new ConfigException(where + " needs a string \"type\": none, token or hmac");
    }
    String type = (String) d.getValue("type");
    Object secret = d.getValue("secret");
    if (type.equals(Direction.NONE)) {
      return Direction.NO_AUTH;
    }
    if (!type.equals(Direction.TOKEN) && !type.equals(Direction.HMAC)) {
      throw new ConfigException(where + ": " + Direction.unknownType(type));
    }
    if (!(secret instanceof String)) {
      throw new ConfigException(where + " needs a string \"secret\"");
    }
    try {
      return new Direction(type, (String) secret);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(where + ": " + e.getMessage());
    }
  }

  /**
   * The file's bytes exactly as the reference writes them: Python's {@code json.dumps(...,
   * indent=2)} (keys {@code version}, {@code to-broadcaster}, {@code to-subscriber}, each {@code
   * type} then {@code secret}; {@code none} directions omitted; non-ASCII escaped) plus a final
   * newline.
   */
  String toJson() {
    StringBuilder b = new StringBuilder();
    b.append("{\n  \"version\": ").append(jsonString(VERSION));
    appendDirection(b, TO_BROADCASTER, toBroadcaster);
    appendDirection(b, TO_SUBSCRIBER, toSubscriber);
    return b.append("\n}\n").toString();
  }

  private static void appendDirection(StringBuilder b, String key, Direction d) {
    if (d.isNone()) {
      return;
    }
    b.append(",\n  ")
        .append(jsonString(key))
        .append(": {\n    \"type\": ")
        .append(jsonString(d.type()))
        .append(",\n    \"secret\": ")
        .append(jsonString(d.secret()))
        .append("\n  }");
  }

  /** A JSON string literal as Python's {@code json.dumps} (with {@code ensure_ascii}) writes it. */
  static String jsonString(String s) {
    StringBuilder b = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"':
          b.append("\\\"");
          break;
        case '\\':
          b.append("\\\\");
          break;
        case '\n':
          b.append("\\n");
          break;
        case '\r':
          b.append("\\r");
          break;
        case '\t':
          b.append("\\t");
          break;
        case '\b':
          b.append("\\b");
          break;
        case '\f':
          b.append("\\f");
          break;
        default:
          if (c < 0x20 || c > 0x7e) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
      }
    }
    return b.append('"').toString();
  }
}
