package io.lonelypss.bootstrap;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Layers the configuration: defaults, then {@code lonelypss.json} (in the working directory, or the
 * file given by {@code --config}), then {@code LONELYPSS_*} environment variables, then flags.
 */
final class ConfigLoader {
  static final String DEFAULT_FILE = "lonelypss.json";

  private ConfigLoader() {}

  /**
   * @param flags the command's flags, as {@code --key value} or {@code --key=value}
   * @param environment the process environment
   * @param workingDirectory where {@code lonelypss.json} is looked up
   */
  static BroadcasterConfig load(
      List<String> flags, Map<String, String> environment, Path workingDirectory) {
    Map<String, String> flagValues = parseFlags(flags);
    Map<Setting, String> raw = new EnumMap<>(Setting.class);

    String configFlag = flagValues.remove("config");
    Path file =
        configFlag != null
            ? workingDirectory.resolve(configFlag)
            : workingDirectory.resolve(DEFAULT_FILE);
    if (configFlag != null && !Files.exists(file)) {
      throw new ConfigException("config file " + file + " does not exist");
    }
    if (Files.exists(file)) {
      readFile(file, raw);
    }
    for (Setting s : Setting.values()) {
      String value = environment.get(s.environmentVariable());
      if (value != null) {
        raw.put(s, value);
      }
    }
    for (Map.Entry<String, String> e : flagValues.entrySet()) {
      Setting s =
          Setting.byKey(e.getKey())
              .orElseThrow(() -> new ConfigException("unknown option --" + e.getKey()));
      raw.put(s, e.getValue());
    }
    // relative paths from the file are relative to the file; all others to the working directory
    for (Setting s : PATH_SETTINGS) {
      String value = raw.getOrDefault(s, s.defaultValue());
      if (!value.isBlank()) {
        raw.put(s, workingDirectory.resolve(value.trim()).normalize().toString());
      }
    }
    return BroadcasterConfig.from(raw);
  }

  /** Settings holding file system paths. */
  private static final List<Setting> PATH_SETTINGS =
      List.of(Setting.SQLITE_PATH, Setting.SECRETS, Setting.SPOOL_DIR);

  static Map<String, String> parseFlags(List<String> flags) {
    Map<String, String> out = new java.util.LinkedHashMap<>();
    for (int i = 0; i < flags.size(); i++) {
      String arg = flags.get(i);
      if (!arg.startsWith("--") || arg.length() == 2) {
        throw new ConfigException("unexpected argument '" + arg + "'");
      }
      String body = arg.substring(2);
      int eq = body.indexOf('=');
      if (eq >= 0) {
        out.put(body.substring(0, eq), body.substring(eq + 1));
      } else if (i + 1 < flags.size()) {
        out.put(body, flags.get(++i));
      } else {
        throw new ConfigException("option --" + body + " needs a value");
      }
    }
    return out;
  }

  private static void readFile(Path file, Map<Setting, String> raw) {
    JsonObject json;
    try {
      json = new JsonObject(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new ConfigException("cannot read " + file + ": " + e.getMessage());
    } catch (DecodeException e) {
      throw new ConfigException(file + " is not a JSON object: " + e.getMessage());
    }
    for (String key : json.fieldNames()) {
      Setting s =
          Setting.byKey(key)
              .orElseThrow(() -> new ConfigException("unknown key '" + key + "' in " + file));
      Object value = json.getValue(key);
      if (value == null
          || value instanceof JsonObject
          || value instanceof io.vertx.core.json.JsonArray) {
        throw new ConfigException("key '" + key + "' in " + file + " must be a string or number");
      }
      String text = String.valueOf(value);
      if (PATH_SETTINGS.contains(s) && !text.isBlank()) {
        Path dir = file.toAbsolutePath().getParent();
        text = dir.resolve(text.trim()).normalize().toString();
      }
      raw.put(s, text);
    }
  }
}
