package io.lonelypss.bootstrap;

import io.lonelypss.bootstrap.SecretsFile.Direction;
import io.lonelypss.domain.protocol.auth.SecretGenerator;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * {@code lonelypss setup}: writes {@code broadcaster-secrets.json} and {@code
 * subscriber-secrets.json} (the reference's format, http.md 14, readable only by their owner) and a
 * {@code lonelypss.json} pointing at them, so that {@code ./lonelypss serve} in the same directory
 * starts with these secrets (DECISIONS D12). It never overwrites a file.
 */
final class SetupCommand {
  static final String BROADCASTER_SECRETS = "broadcaster-secrets.json";
  static final String SUBSCRIBER_SECRETS = "subscriber-secrets.json";

  /** Exit code: files written. */
  static final int OK = 0;

  /** Exit code: refused or failed (a file exists, or writing failed); nothing is left behind. */
  static final int FAILED = 1;

  /** Exit code: bad flags; nothing written. */
  static final int USAGE = 2;

  private static final String DB = "db";
  private static final String TO_BROADCASTERS_AUTH = "to-broadcasters-auth";
  private static final String TO_BROADCASTERS_SECRET = "to-broadcasters-secret";
  private static final String TO_SUBSCRIBERS_AUTH = "to-subscribers-auth";
  private static final String TO_SUBSCRIBERS_SECRET = "to-subscribers-secret";
  private static final String HELP = "help";
  private static final List<String> FLAGS =
      List.of(
          DB,
          TO_BROADCASTERS_AUTH,
          TO_BROADCASTERS_SECRET,
          TO_SUBSCRIBERS_AUTH,
          TO_SUBSCRIBERS_SECRET);

  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");

  private SetupCommand() {}

  /** Thrown for a bad command line; the message says what is wrong and never holds a secret. */
  private static final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message);
    }
  }

  /** One file to write. */
  private record Output(String name, String content, boolean ownerOnly) {}

  /** Creates one file; a seam so that tests can make writing fail midway. */
  @FunctionalInterface
  interface FileWriter {
    /**
     * Creates {@code file} (never replacing one) with {@code content}, adding it to {@code created}
     * as soon as it exists.
     */
    void write(Path file, String content, boolean ownerOnly, List<Path> created) throws IOException;
  }

  /**
   * Runs the command.
   *
   * @param flags the flags after {@code setup}, as {@code --key value} or {@code --key=value}
   * @param cwd where the files are written
   * @param out where the summary goes (never a secret)
   * @param err where errors go (never a secret)
   * @param random where generated secrets come from (pass a {@link java.security.SecureRandom})
   * @return {@link #OK}, {@link #FAILED} or {@link #USAGE}
   */
  static int run(
      List<String> flags, Path cwd, PrintStream out, PrintStream err, RandomGenerator random) {
    return run(flags, cwd, out, err, random, SetupCommand::write);
  }

  /**
   * As {@link #run(List, Path, PrintStream, PrintStream, RandomGenerator)}, writing with {@code
   * writer}.
   */
  static int run(
      List<String> flags,
      Path cwd,
      PrintStream out,
      PrintStream err,
      RandomGenerator random,
      FileWriter writer) {
    Objects.requireNonNull(cwd, "cwd");
    Objects.requireNonNull(random, "random");
    Map<String, String> values;
    SecretsFile secrets;
    try {
      values = parseFlags(flags);
      if (values.containsKey(HELP)) {
        out.print(usage());
        return OK;
      }
      String db = values.getOrDefault(DB, "sqlite");
      if (!db.equals("sqlite")) {
        throw new UsageException(
            "--db: only sqlite is supported for now (got " + shown(db, 24) + ")");
      }
      secrets =
          new SecretsFile(
              direction(values, TO_BROADCASTERS_AUTH, TO_BROADCASTERS_SECRET, random, err),
              direction(values, TO_SUBSCRIBERS_AUTH, TO_SUBSCRIBERS_SECRET, random, err));
    } catch (UsageException e) {
      err.println("lonelypss setup: " + e.getMessage());
      err.println("usage: " + synopsis());
      return USAGE;
    }

    String secretsJson = secrets.toJson();
    List<Output> outputs =
        List.of(
            new Output(BROADCASTER_SECRETS, secretsJson, true),
            new Output(SUBSCRIBER_SECRETS, secretsJson, true),
            new Output(ConfigLoader.DEFAULT_FILE, configJson(), false));

    List<String> existing = new ArrayList<>();
    for (Output o : outputs) {
      if (Files.exists(cwd.resolve(o.name()), LinkOption.NOFOLLOW_LINKS)) {
        existing.add(o.name());
      }
    }
    if (!existing.isEmpty()) {
      err.println(
          "lonelypss setup: "
              + String.join(", ", existing)
              + (existing.size() == 1 ? " already exists" : " already exist")
              + " in "
              + cwd
              + "; refusing to overwrite (nothing was written). Move "
              + (existing.size() == 1 ? "it" : "them")
              + " away or run setup in another directory.");
      return FAILED;
    }

    boolean posix = cwd.getFileSystem().supportedFileAttributeViews().contains("posix");
    List<Path> created = new ArrayList<>();
    try {
      for (Output o : outputs) {
        writer.write(cwd.resolve(o.name()), o.content(), o.ownerOnly() && posix, created);
      }
    } catch (IOException e) {
      for (Path p : created) {
        try {
          Files.deleteIfExists(p);
        } catch (IOException cleanup) {
          err.println("lonelypss setup: could not remove " + p + " after the failure: " + cleanup);
        }
      }
      String what =
          e instanceof FileAlreadyExistsException
              ? e.getMessage() + " appeared while writing; refusing to overwrite"
              : e.toString();
      err.println("lonelypss setup: writing failed (" + what + "); removed the files written");
      return FAILED;
    }

    String access = posix ? " (readable by you only)" : "";
    out.println("lonelypss setup: wrote in " + cwd + ":");
    out.println("  " + BROADCASTER_SECRETS + "  for this broadcaster" + access);
    out.println("  " + SUBSCRIBER_SECRETS + "   the same, for your subscribers" + access);
    out.println(
        "  "
            + ConfigLoader.DEFAULT_FILE
            + "            db sqlite (subscriptions.db), secrets "
            + BROADCASTER_SECRETS);
    out.println(
        "  auth: to-broadcaster "
            + describe(secrets.toBroadcaster(), values.get(TO_BROADCASTERS_SECRET))
            + ", to-subscriber "
            + describe(secrets.toSubscriber(), values.get(TO_SUBSCRIBERS_SECRET)));
    if (!posix) {
      err.println(
          "lonelypss setup: this file system has no POSIX permissions; make sure only you can read "
              + BROADCASTER_SECRETS
              + " and "
              + SUBSCRIBER_SECRETS);
    }
    out.println(
        "next: run ./lonelypss serve here; give "
            + SUBSCRIBER_SECRETS
            + " to your subscribers (keep both files secret)");
    return OK;
  }

  /** The help text of {@code lonelypss setup --help}. */
  static String usage() {
    return "usage: "
        + synopsis()
        + "\n\n"
        + "Writes broadcaster-secrets.json, subscriber-secrets.json (the same content, readable by\n"
        + "you only) and lonelypss.json here, so that ./lonelypss serve here uses those secrets.\n"
        + "Refuses to overwrite any of them.\n\n"
        + "  --db sqlite                      the database (only sqlite for now)\n"
        + "  --to-broadcasters-auth SCHEME    hmac (default), token or none: how subscribers\n"
        + "                                   authenticate to the broadcaster\n"
        + "  --to-broadcasters-secret S       its secret (default: 64 new random bytes)\n"
        + "  --to-subscribers-auth SCHEME     hmac (default), token or none: how the broadcaster\n"
        + "                                   authenticates to subscribers\n"
        + "  --to-subscribers-secret S        its secret (default: 64 new random bytes)\n"
        + "\nAn hmac secret must be URL-safe base64 of 64 bytes (86 characters); a token any\n"
        + "printable ASCII.\n";
  }

  private static String synopsis() {
    return "lonelypss setup [--db sqlite] [--to-broadcasters-auth hmac|token|none]"
        + " [--to-broadcasters-secret S] [--to-subscribers-auth hmac|token|none]"
        + " [--to-subscribers-secret S]";
  }

  private static Map<String, String> parseFlags(List<String> flags) throws UsageException {
    Map<String, String> values = new LinkedHashMap<>();
    for (int i = 0; i < flags.size(); i++) {
      String arg = flags.get(i);
      if (arg.equals("--help") || arg.equals("-h")) {
        values.put(HELP, "");
        continue;
      }
      if (!arg.startsWith("--") || arg.length() == 2) {
        // Not echoed: a misplaced secret would end up on the terminal.
        throw new UsageException("unexpected argument at position " + (i + 1));
      }
      String body = arg.substring(2);
      int eq = body.indexOf('=');
      String key = eq >= 0 ? body.substring(0, eq) : body;
      if (!FLAGS.contains(key)) {
        throw new UsageException("unknown option " + shown("--" + key, 48));
      }
      String value;
      if (eq >= 0) {
        value = body.substring(eq + 1);
      } else if (i + 1 < flags.size()) {
        value = flags.get(++i);
      } else {
        throw new UsageException("option --" + key + " needs a value");
      }
      if (values.put(key, value) != null) {
        throw new UsageException("option --" + key + " is given twice");
      }
    }
    return values;
  }

  private static Direction direction(
      Map<String, String> values,
      String authFlag,
      String secretFlag,
      RandomGenerator random,
      PrintStream err)
      throws UsageException {
    String type = values.getOrDefault(authFlag, Direction.HMAC);
    String given = values.get(secretFlag);
    switch (type) {
      case Direction.NONE:
        if (given != null) {
          err.println("lonelypss setup: ignoring --" + secretFlag + ": --" + authFlag + " is none");
        }
        return Direction.NO_AUTH;
      case Direction.TOKEN:
      case Direction.HMAC:
        String secret = given != null ? given : SecretGenerator.newSecret(random);
        try {
          return new Direction(type, secret);
        } catch (IllegalArgumentException e) {
          String hint =
              type.equals(Direction.HMAC)
                  ? " (an hmac secret is 64 bytes as URL-safe base64, 86 characters;"
                      + " leave it out to generate one)"
                  : "";
          throw new UsageException("--" + secretFlag + ": " + e.getMessage() + hint);
        }
      default:
        throw new UsageException(
            "--" + authFlag + " must be hmac, token or none (got " + shown(type, 24) + ")");
    }
  }

  /**
   * A value for an error message: quoted when short and plain, else only its length, so that a
   * secret given in the wrong place is not printed in full.
   */
  private static String shown(String value, int max) {
    boolean plain = value.length() <= max && value.chars().allMatch(c -> c > 0x20 && c < 0x7f);
    return plain ? "'" + value + "'" : "a value of " + value.length() + " characters";
  }

  private static String describe(Direction d, String given) {
    if (d.isNone()) {
      return "none";
    }
    return d.type() + (given != null ? " (secret as given)" : " (new random secret)");
  }

  /** The config that {@code serve} in this directory loads: only keys of {@link Setting}. */
  private static String configJson() {
    Map<Setting, String> config = new LinkedHashMap<>();
    config.put(Setting.DB, "sqlite");
    config.put(Setting.SQLITE_PATH, "subscriptions.db");
    config.put(Setting.SECRETS, BROADCASTER_SECRETS);
    StringBuilder b = new StringBuilder("{");
    String separator = "\n  ";
    for (Map.Entry<Setting, String> e : config.entrySet()) {
      b.append(separator)
          .append(SecretsFile.jsonString(e.getKey().key()))
          .append(": ")
          .append(SecretsFile.jsonString(e.getValue()));
      separator = ",\n  ";
    }
    return b.append("\n}\n").toString();
  }

  /**
   * Creates {@code file} (never replacing one) and writes {@code content}; with {@code ownerOnly}
   * the file is created rw------- so it is never readable by others, not even for a moment.
   */
  static void write(Path file, String content, boolean ownerOnly, List<Path> created)
      throws IOException {
    Set<OpenOption> options = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    FileAttribute<?>[] attributes =
        ownerOnly
            ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
            : new FileAttribute<?>[0];
    try (SeekableByteChannel channel = Files.newByteChannel(file, options, attributes)) {
      created.add(file);
      ByteBuffer bytes = ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8));
      while (bytes.hasRemaining()) {
        channel.write(bytes);
      }
    }
    if (ownerOnly) {
      // The umask can only have removed bits; make it exactly rw-------.
      Files.setPosixFilePermissions(file, OWNER_ONLY);
    }
  }
}
