package io.lonelypss.bootstrap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lonelypss.bootstrap.SecretsFile.Direction;
import io.lonelypss.domain.protocol.auth.HmacScheme;
import io.lonelypss.domain.protocol.auth.NoneScheme;
import io.lonelypss.domain.protocol.auth.TokenScheme;
import io.lonelypss.domain.testing.Vectors;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class SetupCommandTest {
  private static final String BROADCASTER = SetupCommand.BROADCASTER_SECRETS;
  private static final String SUBSCRIBER = SetupCommand.SUBSCRIBER_SECRETS;
  private static final String CONFIG = ConfigLoader.DEFAULT_FILE;

  @TempDir Path cwd;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int setup(String... flags) {
    return SetupCommand.run(
        List.of(flags),
        cwd,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8),
        new SplittableRandom(7));
  }

  private int main(String... args) {
    return Main.run(
        args,
        Map.of(),
        cwd,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  private String read(String name) throws Exception {
    return Files.readString(cwd.resolve(name), StandardCharsets.UTF_8);
  }

  private void assertNothingWritten() throws Exception {
    try (Stream<Path> files = Files.list(cwd)) {
      assertEquals(List.of(), files.toList(), "nothing written");
    }
  }

  static Stream<Arguments> vectors() {
    return Vectors.load("http-setup.json").stream().map(v -> Arguments.of(v.get("name"), v));
  }

  /** The vector's argv as our flags: without the program name and the reference's --setup. */
  @SuppressWarnings("unchecked")
  private static List<String> flags(Map<String, Object> vector) {
    List<String> argv = new ArrayList<>((List<String>) vector.get("argv"));
    assertEquals("lonelypss", argv.remove(0));
    assertTrue(argv.remove("--setup"), "the reference needs --setup");
    return argv;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void everySetupVectorWritesTheReferenceFiles(String name, Map<String, Object> vector)
      throws Exception {
    int code = setup(flags(vector).toArray(String[]::new));
    assertEquals(((Number) vector.get("exit_code")).intValue(), code, err());

    Map<String, Object> files = Vectors.object(vector, "files");
    String broadcaster = read(BROADCASTER);
    String subscriber = read(SUBSCRIBER);
    assertEquals(
        vector.get("broadcaster_and_subscriber_files_identical"), broadcaster.equals(subscriber));
    if (files.containsKey("shape_only")) {
      assertShape(Vectors.object(files, "shape_only"), broadcaster);
    } else {
      assertArrayEquals(
          ((String) files.get(BROADCASTER)).getBytes(StandardCharsets.UTF_8),
          Files.readAllBytes(cwd.resolve(BROADCASTER)));
      assertArrayEquals(
          ((String) files.get(SUBSCRIBER)).getBytes(StandardCharsets.UTF_8),
          Files.readAllBytes(cwd.resolve(SUBSCRIBER)));
    }
  }

  private void assertShape(Map<String, Object> shape, String written) throws Exception {
    SecretsFile s = SecretsFile.read(cwd.resolve(BROADCASTER));
    assertEquals("2", shape.get("version"));
    List<Direction> directions = List.of(s.toBroadcaster(), s.toSubscriber());
    List<String> keys = List.of(SecretsFile.TO_BROADCASTER, SecretsFile.TO_SUBSCRIBER);
    for (int i = 0; i < 2; i++) {
      Map<String, Object> expected = Vectors.object(shape, keys.get(i));
      Direction d = directions.get(i);
      assertEquals(expected.get("type"), d.type(), keys.get(i));
      assertEquals(((Number) expected.get("secret_len")).intValue(), d.secret().length());
      assertTrue(d.secret().matches("[A-Za-z0-9_-]{86}"), "URL-safe alphabet");
      assertEquals(64, Base64.getUrlDecoder().decode(d.secret()).length);
    }
    assertNotEquals(s.toBroadcaster().secret(), s.toSubscriber().secret(), "two secrets");
    assertEquals(s.toJson(), written, "the reference layout");
  }

  @Test
  void generatedSecretsComeFromTheGivenRandomSource() throws Exception {
    assertEquals(0, setup());
    String first = read(BROADCASTER);
    Path other = Files.createDirectory(cwd.resolve("again"));
    int code =
        SetupCommand.run(
            List.of(),
            other,
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            new SplittableRandom(7));
    assertEquals(0, code);
    assertEquals(first, Files.readString(other.resolve(BROADCASTER), StandardCharsets.UTF_8));
  }

  @ParameterizedTest
  @ValueSource(strings = {BROADCASTER, SUBSCRIBER, CONFIG})
  void anExistingFileIsNeverOverwrittenAndNothingIsWritten(String existing) throws Exception {
    Files.writeString(cwd.resolve(existing), "keep me");
    assertEquals(1, setup());
    assertEquals("keep me", read(existing));
    try (Stream<Path> files = Files.list(cwd)) {
      assertEquals(List.of(cwd.resolve(existing)), files.toList(), "nothing else written");
    }
    assertTrue(err().contains(existing), err());
    assertTrue(err().contains("refusing to overwrite"), err());
  }

  @Test
  void whenWritingFailsMidwayTheFilesAlreadyWrittenAreRemoved() throws Exception {
    List<Path> attempted = new ArrayList<>();
    SetupCommand.FileWriter failOnThird =
        (file, content, ownerOnly, created) -> {
          attempted.add(file);
          if (attempted.size() == 3) {
            created.add(file);
            Files.writeString(file, "{");
            throw new java.io.IOException("disk full");
          }
          SetupCommand.write(file, content, ownerOnly, created);
        };
    int code =
        SetupCommand.run(
            List.of(),
            cwd,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            new SplittableRandom(7),
            failOnThird);
    assertEquals(1, code);
    assertEquals(3, attempted.size());
    assertTrue(err().contains("disk full"), err());
    assertNothingWritten();
  }

  @Test
  void aMisplacedSecretIsNotEchoedInAnError() throws Exception {
    String secret = SecretsFileTest.HMAC_A;
    assertEquals(2, setup("--to-broadcasters-auth", secret));
    assertTrue(err().contains("86 characters"), err());
    assertFalse(err().contains(secret), err());
  }

  @Test
  void everyExistingFileIsNamed() throws Exception {
    Files.writeString(cwd.resolve(BROADCASTER), "a");
    Files.writeString(cwd.resolve(CONFIG), "b");
    assertEquals(1, setup());
    assertTrue(err().contains(BROADCASTER + ", " + CONFIG + " already exist"), err());
    assertFalse(Files.exists(cwd.resolve(SUBSCRIBER)));
  }

  @Test
  void aDanglingSymlinkCountsAsAnExistingFile() throws Exception {
    Path link = cwd.resolve(SUBSCRIBER);
    try {
      Files.createSymbolicLink(link, cwd.resolve("elsewhere"));
    } catch (UnsupportedOperationException | java.io.IOException e) {
      Assumptions.abort("symbolic links are not available here: " + e);
    }
    assertEquals(1, setup());
    assertFalse(Files.exists(cwd.resolve("elsewhere")), "nothing written through the link");
    assertFalse(Files.exists(cwd.resolve(BROADCASTER)));
  }

  @Test
  void secretsFilesAreReadableByTheOwnerOnly() throws Exception {
    Assumptions.assumeTrue(
        cwd.getFileSystem().supportedFileAttributeViews().contains("posix"),
        "this file system has no POSIX permissions; not checking rw-------");
    assertEquals(0, setup());
    for (String name : List.of(BROADCASTER, SUBSCRIBER)) {
      assertEquals(
          "rw-------",
          PosixFilePermissions.toString(Files.getPosixFilePermissions(cwd.resolve(name))),
          name);
    }
  }

  @Test
  void theWrittenConfigLoadsAndPointsAtTheBroadcasterSecrets() throws Exception {
    assertEquals(0, setup());
    assertEquals(
        "{\n  \"db\": \"sqlite\",\n  \"sqlite-path\": \"subscriptions.db\",\n"
            + "  \"secrets\": \"broadcaster-secrets.json\"\n}\n",
        read(CONFIG));
    BroadcasterConfig config = ConfigLoader.load(List.of(), Map.of(), cwd);
    assertEquals(Optional.of(cwd.resolve(BROADCASTER)), config.secrets());
    assertEquals("sqlite", config.db());
    assertEquals(cwd.resolve("subscriptions.db"), config.sqlitePath());
  }

  @Test
  void theWrittenSecretsReadBackWithSchemesOfTheChosenTypes() throws Exception {
    assertEquals(
        0,
        setup(
            "--to-broadcasters-auth=token",
            "--to-subscribers-auth",
            "hmac",
            "--to-subscribers-secret",
            SecretsFileTest.HMAC_B));
    SecretsFile s = SecretsFile.read(cwd.resolve(BROADCASTER));
    assertEquals(s.toJson(), read(BROADCASTER), "round trip");
    assertEquals(new Direction("hmac", SecretsFileTest.HMAC_B), s.toSubscriber());
    SplittableRandom random = new SplittableRandom(3);
    assertInstanceOf(TokenScheme.class, s.toBroadcaster().scheme(random));
    assertInstanceOf(HmacScheme.class, s.toSubscriber().scheme(random));
    assertEquals(86, s.toBroadcaster().secret().length(), "generated token");

    Path none = Files.createDirectory(cwd.resolve("none"));
    int code =
        SetupCommand.run(
            List.of("--to-subscribers-auth", "none"),
            none,
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            new SplittableRandom(3));
    assertEquals(0, code);
    assertInstanceOf(
        NoneScheme.class,
        SecretsFile.read(none.resolve(BROADCASTER)).toSubscriber().scheme(random));
  }

  @Test
  void theSummaryNamesTheFilesAndTheNextStepButNoSecret() throws Exception {
    assertEquals(0, setup("--to-broadcasters-secret", SecretsFileTest.HMAC_A));
    SecretsFile s = SecretsFile.read(cwd.resolve(BROADCASTER));
    String printed = out() + err();
    for (String name : List.of(BROADCASTER, SUBSCRIBER, CONFIG)) {
      assertTrue(printed.contains(name), name);
    }
    assertTrue(printed.contains("./lonelypss serve"), printed);
    assertFalse(printed.contains(s.toBroadcaster().secret()), "given secret printed");
    assertFalse(printed.contains(s.toSubscriber().secret()), "generated secret printed");
  }

  @Test
  void anHmacSecretThatDoesNotDecodeTo64BytesExitsWith2AndWritesNothing() throws Exception {
    assertEquals(2, setup("--to-broadcasters-secret", "s2b-token"));
    assertTrue(err().contains("--to-broadcasters-secret"), err());
    assertTrue(err().contains("64 bytes"), err());
    assertFalse(err().contains("s2b-token"), "secret echoed");
    assertNothingWritten();

    String tooShort = SecretsFileTest.HMAC_A.substring(0, 40);
    err.reset();
    assertEquals(2, setup("--to-subscribers-secret=" + tooShort));
    assertTrue(err().contains("got 30"), err());
    assertFalse(err().contains(tooShort), "secret echoed");
    assertNothingWritten();
  }

  @Test
  void aTokenSecretThatIsNotPrintableAsciiExitsWith2() throws Exception {
    assertEquals(2, setup("--to-subscribers-auth", "token", "--to-subscribers-secret", "t\u00f6k"));
    assertTrue(err().contains("printable ASCII"), err());
    assertNothingWritten();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "--db=mysql",
        "--to-broadcasters-auth=rsa",
        "--to-subscribers-auth=HMAC",
        "--unknown=1",
        "--setup",
        "stray",
        "--to-broadcasters-secret",
      })
  void badFlagsExitWith2AndWriteNothing(String flag) throws Exception {
    assertEquals(2, setup(flag));
    assertTrue(err().contains("usage: lonelypss setup"), err());
    assertNothingWritten();
  }

  @Test
  void aFlagGivenTwiceIsRefused() throws Exception {
    assertEquals(2, setup("--db", "sqlite", "--db=sqlite"));
    assertTrue(err().contains("--db is given twice"), err());
    assertNothingWritten();
  }

  @Test
  void aSecretForASchemeOfNoneIsIgnoredWithAWarning() throws Exception {
    assertEquals(
        0, setup("--to-broadcasters-auth", "none", "--to-broadcasters-secret", "unused-secret"));
    assertTrue(read(BROADCASTER).startsWith("{\n  \"version\": \"2\",\n  \"to-subscriber\": {"));
    assertTrue(err().contains("ignoring --to-broadcasters-secret"), err());
    assertFalse(err().contains("unused-secret"), err());
  }

  @Test
  void helpPrintsTheOptionsAndWritesNothing() throws Exception {
    assertEquals(0, setup("--help"));
    assertTrue(out().contains("--to-subscribers-auth"), out());
    assertNothingWritten();
  }

  @Test
  void mainRunsSetupEndToEnd() throws Exception {
    assertEquals(0, main("setup", "--to-subscribers-auth", "token"), err());
    SecretsFile s = SecretsFile.read(cwd.resolve(BROADCASTER));
    assertEquals("hmac", s.toBroadcaster().type());
    assertEquals("token", s.toSubscriber().type());
    assertEquals(read(BROADCASTER), read(SUBSCRIBER));
    assertEquals(
        Optional.of(cwd.resolve(BROADCASTER)),
        ConfigLoader.load(List.of(), Map.of(), cwd).secrets());
    assertTrue(out().contains("next: run ./lonelypss serve here"), out());
  }

  @Test
  void mainRefusesAnotherDatabaseWithExitCode2() throws Exception {
    assertEquals(2, main("setup", "--db", "mysql"));
    assertTrue(err().contains("only sqlite"), err());
    assertNothingWritten();
  }

  @Test
  void mainListsSetupInItsUsage() {
    assertEquals(0, main("help"));
    assertTrue(out().contains("  setup "), out());
  }
}
