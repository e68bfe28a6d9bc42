package io.lonelypss.domain.protocol.auth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** DECISIONS D7: no authorization value, however malformed, makes verify throw. */
class VerifyNeverThrowsTest {
  private static final String SECRET =
      "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8gISIjJCUmJygpKissLS4vMDEyMzQ1Njc4OTo7PD0-Pw";
  private static final Instant NOW = Instant.ofEpochSecond(1738000000L, 250_000_000);

  private static final HmacScheme HMAC =
      HmacScheme.fromSecretString(SECRET, new SplittableRandom(3));
  private static final TokenScheme TOKEN = new TokenScheme(SECRET);
  private static final NoneScheme NONE = new NoneScheme();

  /** Values that are garbage for both hmac and token. */
  private static List<String> garbage() {
    List<String> values = new ArrayList<>();
    values.add(" ");
    values.add("\u0000");
    values.add("\uD800");
    values.add("\uDC00X-HMAC 1:a:b");
    values.add("X-HMAC ");
    values.add("X-HMAC :");
    values.add("X-HMAC ::");
    values.add("X-HMAC :::::");
    values.add("X-HMAC 1:2");
    values.add("X-HMAC 1738000000:abc:");
    values.add("X-HMAC 1738000000:abc:=");
    values.add("X-HMAC 1738000000:abc:A");
    values.add("X-HMAC 1738000000:abc:" + "A".repeat(1 << 20));
    values.add("X-HMAC 1738000000:" + "n".repeat(1 << 20) + ":" + "A".repeat(86));
    values.add("X-HMAC " + "9".repeat(1 << 20) + ":abc:" + "A".repeat(86));
    values.add("X-HMAC 1738000000:\uD800:" + "A".repeat(86));
    values.add("X-HMAC 1738000000:caf\u00e9:" + "A".repeat(86));
    values.add("X-HMAC \u0661\u0667\u0663\u0668:abc:" + "A".repeat(86));
    values.add("Bearer ");
    values.add("Bearer \uD800");
    values.add("Bearer " + SECRET + "\u00e9");
    values.add("Bearer " + SECRET.substring(1));
    values.add("\uFFFF".repeat(1000));
    values.add("x".repeat(1 << 20));
    SplittableRandom random = new SplittableRandom(20250101);
    for (int i = 0; i < 2000; i++) {
      values.add(randomString(random, i % 2 == 0 ? 0x80 : 0x10000, random.nextInt(1, 200)));
    }
    return values;
  }

  private static String randomString(SplittableRandom random, int charBound, int length) {
    StringBuilder b = new StringBuilder(length);
    if (random.nextBoolean()) {
      b.append(random.nextBoolean() ? "X-HMAC " : "Bearer ");
    }
    for (int i = 0; i < length; i++) {
      b.append((char) random.nextInt(charBound));
    }
    return b.toString();
  }

  @Test
  void garbageIsRefusedByHmacAndTokenAndAcceptedByNoneForEveryMessageType() {
    List<String> values = garbage();
    for (SignedFields f : AuthVectors.oneOfEachType()) {
      for (String value : values) {
        Optional<String> header = Optional.of(value);
        Verification h = assertDoesNotThrow(() -> HMAC.verify(header, f, NOW), value);
        Verification t = assertDoesNotThrow(() -> TOKEN.verify(header, f, NOW), value);
        Verification n = assertDoesNotThrow(() -> NONE.verify(header, f, NOW), value);
        assertEquals(AuthResult.FORBIDDEN, h.result(), value);
        assertEquals(AuthResult.FORBIDDEN, t.result(), value);
        assertEquals(AuthResult.OK, n.result(), value);
      }
    }
  }

  @Test
  void nullishValuesAreUnauthorizedNotErrors() {
    for (SignedFields f : AuthVectors.oneOfEachType()) {
      for (Optional<String> header : List.of(Optional.<String>empty(), Optional.of(""))) {
        assertEquals(AuthResult.UNAUTHORIZED, HMAC.verify(header, f, NOW).result());
        assertEquals(AuthResult.UNAUTHORIZED, TOKEN.verify(header, f, NOW).result());
        assertEquals(AuthResult.OK, NONE.verify(header, f, NOW).result());
      }
      assertEquals(
          AuthResult.UNAUTHORIZED, assertDoesNotThrow(() -> HMAC.verify(null, f, NOW)).result());
      assertEquals(
          AuthResult.UNAUTHORIZED, assertDoesNotThrow(() -> TOKEN.verify(null, f, NOW)).result());
      assertEquals(AuthResult.OK, assertDoesNotThrow(() -> NONE.verify(null, f, NOW)).result());
    }
  }

  @Test
  void everySingleCharacterMutationOfAValidHeaderIsHandled() {
    SignedFields f = AuthVectors.oneOfEachType().get(7);
    String valid = HMAC.authorizeWith(f, 1738000000L, "UFHxyw");
    byte[] code = HMAC.verify(Optional.of(valid), f, NOW).acceptedCode().orElseThrow();
    char[] replacements = {'\u0000', ' ', ':', '=', '+', '_', '-', 'A', '9', '\u00e9', '\uD800'};
    int refused = 0;
    int total = 0;
    for (int i = 0; i <= valid.length(); i++) {
      List<String> mutants = new ArrayList<>();
      if (i < valid.length()) {
        mutants.add(valid.substring(0, i) + valid.substring(i + 1));
      }
      for (char r : replacements) {
        mutants.add(valid.substring(0, i) + r + valid.substring(i));
        if (i < valid.length()) {
          mutants.add(valid.substring(0, i) + r + valid.substring(i + 1));
        }
      }
      for (String m : mutants) {
        Verification v = assertDoesNotThrow(() -> HMAC.verify(Optional.of(m), f, NOW), m);
        assertNotEquals(AuthResult.UNAUTHORIZED, v.result(), m);
        assertNotEquals(AuthResult.UNAVAILABLE, v.result(), m);
        total++;
        if (v.result() == AuthResult.FORBIDDEN) {
          refused++;
        } else {
          // Accepted mutants only differ in what Python's lenient base64 skips: same code, so
          // the caller's replay cache still sees one code.
          assertTrue(m.startsWith(valid.substring(0, valid.lastIndexOf(':'))), m);
          assertArrayEquals(code, v.acceptedCode().orElseThrow(), m);
        }
      }
    }
    assertTrue(refused > total * 3 / 4, refused + " of " + total);
  }
}
