package io.lonelypss.domain.protocol.auth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lonelypss.domain.Topic;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HmacSchemeTest {
  private static final String SECRET =
      "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8gISIjJCUmJygpKissLS4vMDEyMzQ1Njc4OTo7PD0-Pw";
  private static final long T = 1738000000L;
  private static final Instant NOW = Instant.ofEpochSecond(T, 250_000_000);
  private static final SignedFields FIELDS = AuthVectors.oneOfEachType().get(0);

  private static HmacScheme scheme() {
    return HmacScheme.fromSecretString(SECRET, new SplittableRandom(42));
  }

  private static AuthResult verify(HmacScheme scheme, String header) {
    return scheme.verify(Optional.of(header), FIELDS, NOW).result();
  }

  /** The header's code part, for building variants of a valid header. */
  private static String code(String header) {
    return header.substring(header.lastIndexOf(':') + 1);
  }

  @Test
  void aNonceOf255BytesIsSignedAndAcceptedButOneOf256IsForbidden() {
    HmacScheme s = scheme();
    String header = s.authorizeWith(FIELDS, T, "n".repeat(255));
    assertEquals(AuthResult.OK, verify(s, header));

    String code =
        Base64.getEncoder().encodeToString(s.mac(SignedFields.toSign(FIELDS, T, "n".repeat(255))));
    assertEquals(
        AuthResult.FORBIDDEN, verify(s, "X-HMAC " + T + ":" + "n".repeat(256) + ":" + code));
  }

  @Test
  void authorizeWithRefusesNoncesAndTimestampsItCouldNotVerify() {
    HmacScheme s = scheme();
    assertThrows(IllegalArgumentException.class, () -> s.authorizeWith(FIELDS, T, "n".repeat(256)));
    assertThrows(IllegalArgumentException.class, () -> s.authorizeWith(FIELDS, T, "a:b"));
    assertThrows(IllegalArgumentException.class, () -> s.authorizeWith(FIELDS, T, "caf\u00e9"));
    assertThrows(IllegalArgumentException.class, () -> s.authorizeWith(FIELDS, -1, "n"));
  }

  @Test
  void anEmptyNonceIsAccepted() {
    HmacScheme s = scheme();
    assertEquals(AuthResult.OK, verify(s, s.authorizeWith(FIELDS, T, "")));
  }

  @Test
  void timestampWithLeadingZerosIsStillPlainDigitsAndAccepted() {
    HmacScheme s = scheme();
    String header = s.authorizeWith(FIELDS, T, "abc");
    String padded = header.replace("X-HMAC " + T, "X-HMAC 000" + T);
    assertNotEquals(header, padded);
    assertEquals(AuthResult.OK, verify(s, padded));
  }

  @ParameterizedTest(name = "timestamp \"{0}\"")
  @ValueSource(
      strings = {
        "+1738000000",
        "1_738_000_000",
        " 1738000000",
        "1738000000 ",
        "\t1738000000",
        "-1738000000",
        "1738000000.0",
        "0x6797c680",
        "",
        "99999999999999999999",
        "9223372036854775808",
        "\u0661\u0667\u0663\u0668\u0660\u0660\u0660\u0660\u0660\u0660"
      })
  void timestampThatIsNotPlainAsciiDigitsIsForbiddenEvenWithAValidCode(String timestamp) {
    HmacScheme s = scheme();
    String code = code(s.authorizeWith(FIELDS, T, "abc"));
    assertEquals(AuthResult.FORBIDDEN, verify(s, "X-HMAC " + timestamp + ":abc:" + code));
  }

  @Test
  void tokenLifetimeIsAConstructorParameterWithTheBoundaryIncluded() {
    byte[] secret = HmacScheme.decodeSecret(SECRET);
    HmacScheme s = new HmacScheme(secret, new SplittableRandom(1), Duration.ofSeconds(10));
    assertEquals(Duration.ofSeconds(10), s.tokenLifetime());
    assertEquals(HmacScheme.DEFAULT_TOKEN_LIFETIME, scheme().tokenLifetime());
    Optional<String> header = Optional.of(s.authorizeWith(FIELDS, T, "abc"));
    assertTrue(s.verify(header, FIELDS, Instant.ofEpochSecond(T + 10)).isOk());
    assertTrue(s.verify(header, FIELDS, Instant.ofEpochSecond(T - 10)).isOk());
    assertEquals(
        AuthResult.FORBIDDEN, s.verify(header, FIELDS, Instant.ofEpochSecond(T + 10, 1)).result());
    assertEquals(
        AuthResult.FORBIDDEN,
        s.verify(header, FIELDS, Instant.ofEpochSecond(T - 11, 999_999_999)).result());
    assertThrows(
        IllegalArgumentException.class,
        () -> new HmacScheme(secret, new SplittableRandom(1), Duration.ofSeconds(-1)));
  }

  @Test
  void clocksFarFromTheTimestampNeverOverflow() {
    HmacScheme s = scheme();
    Optional<String> header = Optional.of(s.authorizeWith(FIELDS, Long.MAX_VALUE, "abc"));
    assertEquals(AuthResult.FORBIDDEN, s.verify(header, FIELDS, Instant.MIN).result());
    assertEquals(AuthResult.FORBIDDEN, s.verify(header, FIELDS, Instant.MAX).result());
    assertEquals(AuthResult.FORBIDDEN, s.verify(header, FIELDS, NOW).result());
  }

  @Test
  void aHeaderForOneMessageTypeDoesNotVerifyAnotherWithTheSameFields() {
    HmacScheme s = scheme();
    SignedFields.SubscribeExact request = (SignedFields.SubscribeExact) FIELDS;
    SignedFields response =
        new SignedFields.ConfirmSubscribeExact(
            request.tracing(), request.url(), request.recovery(), request.topic());
    Optional<String> header = Optional.of(s.authorizeWith(request, T, "abc"));
    assertTrue(s.verify(header, request, NOW).isOk());
    assertEquals(AuthResult.FORBIDDEN, s.verify(header, response, NOW).result());
  }

  @Test
  void aHeaderDoesNotVerifyWhenAnySignedFieldDiffers() {
    HmacScheme s = scheme();
    SignedFields.SubscribeExact f = (SignedFields.SubscribeExact) FIELDS;
    Optional<String> header = Optional.of(s.authorizeWith(f, T, "abc"));
    for (SignedFields other :
        new SignedFields[] {
          new SignedFields.SubscribeExact(new byte[0], f.url(), f.recovery(), f.topic()),
          new SignedFields.SubscribeExact(f.tracing(), f.url() + "x", f.recovery(), f.topic()),
          new SignedFields.SubscribeExact(f.tracing(), f.url(), Optional.empty(), f.topic()),
          new SignedFields.SubscribeExact(f.tracing(), f.url(), f.recovery(), Topic.ofUtf8("x"))
        }) {
      assertEquals(AuthResult.FORBIDDEN, s.verify(header, other, NOW).result(), other.toString());
    }
  }

  @Test
  void codeVariantsThePythonDecoderToleratesAreAcceptedAndYieldTheSameCode() {
    HmacScheme s = scheme();
    String header = s.authorizeWith(FIELDS, T, "abc");
    byte[] code = s.verify(Optional.of(header), FIELDS, NOW).acceptedCode().orElseThrow();
    String stripped = header.substring(0, header.length() - 2);
    String noisy = header.replace("X-HMAC " + T + ":abc:", "X-HMAC " + T + ":abc: !:");
    Set<String> variants = Set.of(stripped, header + "====", noisy);
    for (String variant : variants) {
      Verification v = s.verify(Optional.of(variant), FIELDS, NOW);
      assertEquals(AuthResult.OK, v.result(), variant);
      assertArrayEquals(code, v.acceptedCode().orElseThrow(), "one code for the replay cache");
    }
  }

  @Test
  void absentOrEmptyValueIsUnauthorizedAndAWrongSchemeIsForbidden() {
    HmacScheme s = scheme();
    assertEquals(AuthResult.UNAUTHORIZED, s.verify(Optional.empty(), FIELDS, NOW).result());
    assertEquals(AuthResult.UNAUTHORIZED, s.verify(null, FIELDS, NOW).result());
    assertEquals(AuthResult.UNAUTHORIZED, s.verify(Optional.of(""), FIELDS, NOW).result());
    String header = s.authorizeWith(FIELDS, T, "abc");
    assertEquals(AuthResult.FORBIDDEN, verify(s, header.replace("X-HMAC ", "X-HMAC  ")));
    assertEquals(AuthResult.FORBIDDEN, verify(s, header.replace("X-HMAC ", "Bearer ")));
    assertEquals(AuthResult.FORBIDDEN, verify(s, " " + header));
    assertEquals(AuthResult.FORBIDDEN, verify(s, header.replace("abc", "\u00e4bc")));
  }

  @Test
  void authorizeDrawsAFreshNonceFromTheSourceEachTime() {
    HmacScheme s = scheme();
    byte[] first = new byte[HmacScheme.NONCE_BYTES];
    new SplittableRandom(42).nextBytes(first);
    String expectedNonce = Base64.getUrlEncoder().withoutPadding().encodeToString(first);
    String header = s.authorize(FIELDS, NOW).orElseThrow();
    assertEquals("X-HMAC " + T + ":" + expectedNonce + ":", header.substring(0, 25));

    Set<String> nonces = new HashSet<>();
    for (int i = 0; i < 50; i++) {
      String h = s.authorize(FIELDS, NOW).orElseThrow();
      nonces.add(h.split(":")[1]);
      assertTrue(s.verify(Optional.of(h), FIELDS, NOW).isOk());
    }
    assertEquals(50, nonces.size());
  }

  @Test
  void secretIsCopiedAndNeverShown() {
    byte[] secret = HmacScheme.decodeSecret(SECRET);
    HmacScheme s = new HmacScheme(secret, new SplittableRandom(1));
    String before = s.authorizeWith(FIELDS, T, "abc");
    secret[0] ^= 1;
    assertEquals(before, s.authorizeWith(FIELDS, T, "abc"));
    assertFalse(s.toString().contains(SECRET));
    assertFalse(s.toString().contains("000102"));
  }

  @Test
  void secretsThatDoNotDecodeTo64BytesAreRefusedWithoutBeingShown() {
    String tooLong = SECRET + "AAAA";
    String nonAscii = SECRET.substring(1) + "\u00e9";
    for (String bad : new String[] {"", "short", tooLong, nonAscii, "ZZZZZ"}) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> HmacScheme.decodeSecret(bad));
      assertTrue(bad.isEmpty() || !e.getMessage().contains(bad), e.getMessage());
    }
    assertThrows(
        IllegalArgumentException.class,
        () -> new HmacScheme(new byte[63], new SplittableRandom(1)));
    assertThrows(
        NullPointerException.class,
        () -> HmacScheme.fromSecretString(null, new SplittableRandom(1)));
  }
}
