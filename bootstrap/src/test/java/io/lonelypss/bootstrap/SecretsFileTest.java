package io.lonelypss.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lonelypss.bootstrap.SecretsFile.Direction;
import io.lonelypss.domain.protocol.auth.HmacScheme;
import io.lonelypss.domain.protocol.auth.NoneScheme;
import io.lonelypss.domain.protocol.auth.TokenScheme;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SecretsFileTest {
  /** 64 bytes 0..63, as in http-setup.json. */
  static final String HMAC_A =
      "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8gISIjJCUmJygpKissLS4vMDEyMzQ1Njc4OTo7PD0-Pw";

  /** 64 bytes 64..127, as in http-setup.json. */
  static final String HMAC_B =
      "QEFCQ0RFRkdISUpLTE1OT1BRUlNUVVZXWFlaW1xdXl9gYWJjZGVmZ2hpamtsbW5vcHFyc3R1dnd4eXp7fH1-fw";

  @TempDir Path dir;

  private Path file(String content) throws Exception {
    Path p = dir.resolve("secrets.json");
    Files.writeString(p, content, StandardCharsets.UTF_8);
    return p;
  }

  private ConfigException readFails(String content, String expectedInMessage, String secret)
      throws Exception {
    Path p = file(content);
    ConfigException e = assertThrows(ConfigException.class, () -> SecretsFile.read(p));
    assertTrue(
        e.getMessage().contains(expectedInMessage),
        "message '" + e.getMessage() + "' should contain '" + expectedInMessage + "'");
    assertTrue(e.getMessage().contains(p.toString()), "names the file: " + e.getMessage());
    if (secret != null) {
      assertFalse(e.getMessage().contains(secret), "leaks the secret: " + e.getMessage());
    }
    return e;
  }

  @Test
  void toJsonWritesTheReferenceBytesWithNoneDirectionsOmitted() {
    assertEquals(
        "{\n  \"version\": \"2\"\n}\n",
        new SecretsFile(Direction.NO_AUTH, Direction.NO_AUTH).toJson());
    assertEquals(
        "{\n  \"version\": \"2\",\n  \"to-subscriber\": {\n    \"type\": \"token\",\n"
            + "    \"secret\": \"b2s\"\n  }\n}\n",
        new SecretsFile(Direction.NO_AUTH, new Direction("token", "b2s")).toJson());
  }

  @Test
  void jsonStringEscapesLikePythonJsonDumpsWithEnsureAscii() {
    // Expected text from python3: json.dumps("q\"b\\s/\n\r\t\b\f\x01\x7f\u00e9\U0001F600")
    assertEquals(
        "\"q\\\"b\\\\s/\\n\\r\\t\\b\\f\\u0001\\u007f\\u00e9\\ud83d\\ude00\"",
        SecretsFile.jsonString("q\"b\\s/\n\r\t\b\f\u0001\u007f\u00e9\uD83D\uDE00"));
    assertEquals("\"plain-_~ ASCII\"", SecretsFile.jsonString("plain-_~ ASCII"));
  }

  @Test
  void aFileWrittenByToJsonReadsBackEqualEvenWithCharactersThatNeedEscaping() throws Exception {
    // The reference's lenient decoding skips ASCII characters outside the alphabet, so this hmac
    // secret is valid and exercises the escaping of quotes, backslashes and control characters.
    String oddHmac = "\"\\\u007f\n\u0001" + HMAC_B;
    SecretsFile written =
        new SecretsFile(new Direction("hmac", HMAC_A), new Direction("hmac", oddHmac));
    assertEquals(written, SecretsFile.read(file(written.toJson())));

    SecretsFile tokens =
        new SecretsFile(new Direction("token", "a \"quoted\" \\ token"), Direction.NO_AUTH);
    assertEquals(tokens, SecretsFile.read(file(tokens.toJson())));
  }

  @Test
  void schemesHaveTheClassOfTheirType() throws Exception {
    SecretsFile s =
        SecretsFile.read(
            file(
                "{\"version\": \"2\", \"to-broadcaster\": {\"type\": \"hmac\", \"secret\": \""
                    + HMAC_A
                    + "\"}, \"to-subscriber\": {\"type\": \"token\", \"secret\": \"t\"}}"));
    SplittableRandom random = new SplittableRandom(1);
    assertInstanceOf(HmacScheme.class, s.toBroadcaster().scheme(random));
    assertInstanceOf(TokenScheme.class, s.toSubscriber().scheme(random));
    assertInstanceOf(NoneScheme.class, Direction.NO_AUTH.scheme(random));
  }

  @Test
  void aMissingDirectionOrTypeNoneReadsAsNone() throws Exception {
    SecretsFile s =
        SecretsFile.read(file("{\"version\": \"2\", \"to-subscriber\": {\"type\": \"none\"}}"));
    assertEquals(new SecretsFile(Direction.NO_AUTH, Direction.NO_AUTH), s);
    assertTrue(s.toBroadcaster().isNone());
  }

  @Test
  void versionOtherThanTheString2IsRefused() throws Exception {
    readFails(
        "{\"version\": \"1\", \"incoming\": {\"type\": \"hmac\", \"secret\": \"" + HMAC_A + "\"}}",
        "\"version\": \"2\"",
        HMAC_A);
    readFails("{\"version\": 2}", "\"version\": \"2\"", null);
    readFails("{}", "it has none", null);
  }

  @Test
  void anUnknownTypeIsRefusedWithoutTheSecret() throws Exception {
    ConfigException e =
        readFails(
            "{\"version\": \"2\", \"to-broadcaster\": {\"type\": \"rsa\", \"secret\": \"k3y-s3cret\"}}",
            "unknown type 'rsa'",
            "k3y-s3cret");
    assertTrue(e.getMessage().contains("to-broadcaster"), e.getMessage());
  }

  @Test
  void anHmacSecretThatIsTooShortIsRefusedWithoutTheSecret() throws Exception {
    String shortSecret = HMAC_A.substring(0, 40);
    readFails(
        "{\"version\": \"2\", \"to-subscriber\": {\"type\": \"hmac\", \"secret\": \""
            + shortSecret
            + "\"}}",
        "64 bytes",
        shortSecret);
  }

  @Test
  void aTokenThatIsNotPrintableAsciiOrEmptyIsRefusedWithoutTheSecret() throws Exception {
    readFails(
        "{\"version\": \"2\", \"to-broadcaster\": {\"type\": \"token\", \"secret\": \"t\u00f6ken-42\"}}",
        "printable ASCII",
        "t\u00f6ken-42");
    readFails(
        "{\"version\": \"2\", \"to-broadcaster\": {\"type\": \"token\", \"secret\": \"\"}}",
        "empty",
        null);
  }

  @Test
  void aDirectionWithoutAStringSecretOrTypeIsRefused() throws Exception {
    readFails(
        "{\"version\": \"2\", \"to-broadcaster\": {\"type\": \"token\"}}", "\"secret\"", null);
    readFails(
        "{\"version\": \"2\", \"to-broadcaster\": {\"secret\": \"abc-secret\"}}",
        "\"type\"",
        "abc-secret");
    readFails("{\"version\": \"2\", \"to-broadcaster\": \"hmac\"}", "must be an object", null);
  }

  @Test
  void invalidJsonIsRefusedWithoutEchoingTheText() throws Exception {
    readFails(
        "{\"version\": \"2\", \"to-broadcaster\": {\"type\": \"token\", \"secret\": \"s3cr3t-t0ken",
        "not valid JSON",
        "s3cr3t-t0ken");
    readFails("[\"version\", \"2\"]", "not a JSON object", null);
  }

  @Test
  void aMissingFileIsRefusedWithItsName() {
    Path missing = dir.resolve("nope.json");
    ConfigException e = assertThrows(ConfigException.class, () -> SecretsFile.read(missing));
    assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
  }

  @Test
  void aFileThatIsNotUtf8IsRefused() throws Exception {
    Path p = dir.resolve("latin1.json");
    Files.write(p, new byte[] {'{', '"', (byte) 0xe9, '"', '}'});
    ConfigException e = assertThrows(ConfigException.class, () -> SecretsFile.read(p));
    assertTrue(e.getMessage().contains("not UTF-8"), e.getMessage());
  }

  @ParameterizedTest
  @CsvSource({"hmac", "token"})
  void directionToStringNeverShowsTheSecret(String type) {
    String secret = type.equals("hmac") ? HMAC_A : "my-token-value";
    Direction d = new Direction(type, secret);
    assertFalse(d.toString().contains(secret), d.toString());
    assertTrue(d.toString().contains(type), d.toString());
    SecretsFile s = new SecretsFile(d, d);
    assertFalse(s.toString().contains(secret), s.toString());
  }

  @Test
  void directionRefusesASecretForNoneAndAnUnknownType() {
    assertThrows(IllegalArgumentException.class, () -> new Direction("none", "x"));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new Direction("HMAC", HMAC_A));
    assertTrue(e.getMessage().contains("unknown type 'HMAC'"), e.getMessage());
  }

  @Test
  void anUnknownTypeThatIsLongIsNotEchoed() {
    String longType = "x".repeat(40);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new Direction(longType, "s"));
    assertFalse(e.getMessage().contains(longType), e.getMessage());
  }
}
