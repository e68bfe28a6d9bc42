package io.lonelypss.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lonelypss.domain.testing.Vectors;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class GlobPatternTest {

  /** One case of {@code http-glob.json} with the answer DECISIONS D1 asks for. */
  record GlobCase(String glob, byte[] topic, boolean expected) {}

  /**
   * Every case of {@code http-glob.json}. The expected answer is {@code sqlite_glob_text}, except
   * where D1 overrides it: a topic that is not UTF-8 never matches, and a topic with a NUL byte is
   * matched whole (SQLite's answer there comes from truncating the text at the NUL).
   */
  static Stream<Arguments> globVectors() {
    return Vectors.load("http-glob.json").stream()
        .map(
            c -> {
              String glob = (String) c.get("glob");
              byte[] topic = Vectors.hex((String) c.get("topic_hex"));
              boolean sqlite = (Boolean) c.get("sqlite_glob_text");
              boolean expected = d1Answer(c, glob, topic, sqlite);
              boolean d1Case = !(Boolean) c.get("topic_is_utf8") || indexOf(topic, (byte) 0) >= 0;
              String name = (String) c.get("name");
              if (expected != sqlite) {
                name += " [D1 override]";
              } else if (d1Case) {
                name += " [D1, same as SQLite]";
              }
              return Arguments.of(Named.of(name, new GlobCase(glob, topic, expected)));
            });
  }

  private static boolean d1Answer(
      Map<String, Object> c, String glob, byte[] topic, boolean sqlite) {
    if (!(Boolean) c.get("topic_is_utf8")) {
      return false;
    }
    int nul = indexOf(topic, (byte) 0);
    if (nul < 0) {
      return sqlite;
    }
    // The vectors with a NUL all use the topic "foo/a\0b"; judge them whole, by hand.
    if (!"foo/a\0b".equals(new String(topic, StandardCharsets.UTF_8))) {
      throw new IllegalStateException("no D1 answer written down for topic " + Vectors.hex(topic));
    }
    switch (glob) {
      case "foo/a":
        return false; // "foo/a" is a prefix only
      case "foo/a*":
        return true; // '*' takes "\0b"
      case "foo/a?b":
        return true; // '?' takes the NUL
      default:
        throw new IllegalStateException("no D1 answer written down for glob " + glob);
    }
  }

  private static int indexOf(byte[] bytes, byte b) {
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == b) {
        return i;
      }
    }
    return -1;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("globVectors")
  void matchesLikeSqliteGlobOnUtf8Topics(GlobCase c) {
    assertEquals(c.expected(), GlobPattern.of(c.glob()).matches(Topic.of(c.topic())));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("globVectors")
  void parsesFromItsUtf8WireFormAndMatchesTheSame(GlobCase c) {
    byte[] utf8 = c.glob().getBytes(StandardCharsets.UTF_8);
    GlobPattern fromWire = GlobPattern.fromUtf8(utf8);
    assertEquals(GlobPattern.of(c.glob()), fromWire);
    assertTrue(Arrays.equals(utf8, fromWire.wireBytes()));
    assertEquals(c.expected(), fromWire.matches(Topic.of(c.topic())));
  }

  @Test
  void theVectorsExerciseTheD1Overrides() {
    List<String> names = globVectors().map(a -> ((Named<?>) a.get()[0]).getName()).toList();
    assertEquals(54, names.size());
    assertEquals(
        5,
        names.stream().filter(name -> name.endsWith(" [D1 override]")).count(),
        "three non-UTF-8 topics and two NUL topics differ from SQLite");
    assertEquals(
        1,
        names.stream().filter(name -> name.endsWith(" [D1, same as SQLite]")).count(),
        "'foo/a*' matches 'foo/a\\0b' either way");
  }

  @ParameterizedTest(name = "{0} ~ {1} -> {2}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        // '?' is one code point, whatever its UTF-8 length
        "?|é|true",
        "?|世|true",
        "?|😀|true",
        "??|😀|false",
        "a?c|a😀c|true",
        "a?c|ac|false",
        // sets
        "[^a]|b|true",
        "[^a]|a|false",
        "[^a]|😀|true",
        "[^a]|\"\"|false",
        "[]]|]|true",
        "[]]|a|false",
        "[^]]|]|false",
        "[^]]|a|true",
        "[]a]|a|true",
        "[a-]|-|true",
        "[a-]|a|true",
        "[a-]|b|false",
        "[-a]|-|true",
        "[a-c]|b|true",
        "[a-c]|-|false",
        "[c-a]|b|false",
        // SQLite reads the first bound as a literal before it sees the '-' (sqlite3 3.40.1 agrees)
        "[c-a]|c|true",
        "[c-a]|a|false",
        "[a-c-e]|-|true",
        "[a-c-e]|d|false",
        "[à-ÿ]|é|true",
        "[😀-😂]|😁|true",
        "[!a]|!|true",
        "[!a]|b|false",
        // an unterminated '[' never matches
        "[|[|false",
        "[abc|a|false",
        "*[|x[|false",
        "a[b|a[b|false",
        // no escape character: '\' is literal
        "a\\b|a\\b|true",
        "a\\*|a\\xyz|true",
        "a\\*|a*|false",
        "\\[a]|\\a|true",
        // '*' crosses '/' and matches the empty string
        "a*z|a/b/c/z|true",
        "*|\"\"|true",
        "a*|a|true",
        "*/*|a/b/c|true",
        "*/*|abc|false",
        "*a|bca|true",
        "*a|bac|false",
        "a*b*c|a_b_b_c|true",
        "a*b*c|a_c_b|false",
        // case-sensitive, whole string
        "abc|ABC|false",
        "abc|abcd|false",
        "abc|xabc|false",
      })
  void followsSqliteGlobRules(String glob, String topic, boolean expected) {
    assertEquals(expected, GlobPattern.of(glob).matches(Topic.ofUtf8(topic)));
  }

  @Test
  void pathologicalPatternsFinishWithoutExponentialBacktracking() {
    GlobPattern pattern = GlobPattern.of("*a*a*a*a*a*a*a*a*b");
    String as = "a".repeat(10_000);
    assertFalse(pattern.matches(Topic.ofUtf8(as)));
    assertTrue(pattern.matches(Topic.ofUtf8(as + "b")));
    assertFalse(GlobPattern.of("*?*?*?*?*?*?*?*?*?*?!").matches(Topic.ofUtf8(as)));
  }

  @Test
  void topicsThatAreNotUtf8NeverMatch() {
    Topic notUtf8 = Topic.of(new byte[] {(byte) 0xff});
    assertFalse(GlobPattern.of("*").matches(notUtf8));
    assertFalse(GlobPattern.of("?").matches(notUtf8));
    assertFalse(GlobPattern.of("[^a]").matches(notUtf8));
  }

  @Test
  void nulBytesAreOrdinaryCharacters() {
    Topic withNul = Topic.of(new byte[] {'a', 0, 'b'});
    assertFalse(GlobPattern.of("a").matches(withNul));
    assertTrue(GlobPattern.of("a?b").matches(withNul));
    assertTrue(GlobPattern.of("a\0b").matches(withNul));
    assertTrue(GlobPattern.of("*b").matches(withNul));
  }

  @Test
  void invalidUtf8GlobBytesAreRejected() {
    assertThrows(
        InvalidValueException.class, () -> GlobPattern.fromUtf8(new byte[] {'a', (byte) 0xff}));
    assertThrows(
        InvalidValueException.class,
        () -> GlobPattern.fromUtf8(new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80}));
    assertThrows(InvalidValueException.class, () -> GlobPattern.fromUtf8(new byte[] {(byte) 0xc3}));
  }

  @Test
  void globsLongerThan65535BytesAreRejected() {
    byte[] longest = new byte[GlobPattern.MAX_UTF8_LENGTH];
    Arrays.fill(longest, (byte) 'a');
    assertEquals(65535, GlobPattern.fromUtf8(longest).utf8().length);
    byte[] tooLong = new byte[GlobPattern.MAX_UTF8_LENGTH + 1];
    Arrays.fill(tooLong, (byte) 'a');
    assertThrows(InvalidValueException.class, () -> GlobPattern.fromUtf8(tooLong));
    assertThrows(InvalidValueException.class, () -> GlobPattern.of("é".repeat(32768)));
  }

  @Test
  void unpairedSurrogatesAreRejected() {
    assertThrows(InvalidValueException.class, () -> GlobPattern.of("a\ud800"));
  }

  @Test
  void globsOrderByUtf8BytesNotByUtf16() {
    GlobPattern fullwidthTilde = GlobPattern.of("\uff5e");
    GlobPattern grinningFace = GlobPattern.of("\ud83d\ude00");
    assertTrue(fullwidthTilde.compareTo(grinningFace) < 0);
    assertTrue(fullwidthTilde.pattern().compareTo(grinningFace.pattern()) > 0);
  }
}
