package io.lonelypss.domain.protocol.auth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lonelypss.domain.testing.Vectors;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every case of {@code http-auth-hmac.json}, byte for byte. */
class HmacSchemeVectorsTest {
  private static final List<Map<String, Object>> CASES = Vectors.load("http-auth-hmac.json");

  /**
   * Cases where DECISIONS D7 makes us stricter than the reference, with our verdict. The reference
   * parses the timestamp with Python {@code int()}, which also takes a sign and {@code _}.
   */
  private static final Map<String, AuthResult> D7_OVERRIDES =
      Map.of(
          "hmac/verify/plus_sign_timestamp_signed_as_int", AuthResult.FORBIDDEN,
          "hmac/verify/underscore_timestamp_signed_as_int", AuthResult.FORBIDDEN);

  private static final String REPLAY_NOTE = " [replay is the caller's job]";

  static Stream<Arguments> signAndVerify() {
    return ofKind("sign_and_verify", c -> "");
  }

  static Stream<Arguments> verifyOnly() {
    return ofKind("verify_only", c -> D7_OVERRIDES.containsKey(name(c)) ? " [D7]" : "");
  }

  static Stream<Arguments> verifySequence() {
    return ofKind("verify_sequence", c -> REPLAY_NOTE);
  }

  static Stream<Arguments> secretDecoding() {
    return ofKind("secret_decoding", c -> "");
  }

  private static Stream<Arguments> ofKind(
      String kind, java.util.function.Function<Map<String, Object>, String> suffix) {
    return CASES.stream()
        .filter(c -> kind.equals(c.get("kind")))
        .map(c -> Arguments.of(Named.of(name(c) + suffix.apply(c), c)));
  }

  @Test
  void everyCaseIsOfAKindReplayedHereAndEveryOverrideNamesARealCase() {
    Map<String, Integer> kinds = new TreeMap<>();
    for (Map<String, Object> c : CASES) {
      kinds.merge((String) c.get("kind"), 1, Integer::sum);
    }
    assertEquals(
        Map.of(
            "secret_decoding", 4, "sign_and_verify", 17, "verify_only", 22, "verify_sequence", 1),
        kinds);
    List<String> names = CASES.stream().map(HmacSchemeVectorsTest::name).toList();
    assertTrue(names.containsAll(D7_OVERRIDES.keySet()), "stale D7 override");
  }

  @Test
  void signAndVerifyCasesCoverEveryHttpMessageType() {
    Set<AuthMessageType> seen = new HashSet<>();
    signAndVerify()
        .forEach(a -> seen.add(AuthVectors.fields(type(payload(a)), inputs(payload(a))).type()));
    Set<AuthMessageType> http = new HashSet<>();
    AuthVectors.oneOfEachType().forEach(f -> http.add(f.type()));
    assertEquals(http, seen);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("signAndVerify")
  void fieldsBuiltFromTheInputsGiveTheRecordedToSignBytes(Map<String, Object> c) {
    SignedFields fields = fields(c);
    assertEquals(type(c), fields.type().code());
    assertEquals(c.get("auth_message_type_name"), fields.type().name());
    byte[] toSign = SignedFields.toSign(fields, timestamp(c), (String) c.get("nonce"));
    assertEquals(c.get("to_sign_hex"), Vectors.hex(toSign));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("signAndVerify")
  void hmacOfTheToSignBytesIsTheRecordedCode(Map<String, Object> c) {
    byte[] mac = scheme(c).mac(Vectors.hex((String) c.get("to_sign_hex")));
    assertEquals(c.get("hmac_sha512_hex"), Vectors.hex(mac));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("signAndVerify")
  void headerForTheRecordedTimestampAndNonceIsTheRecordedOne(Map<String, Object> c) {
    String header = scheme(c).authorizeWith(fields(c), timestamp(c), (String) c.get("nonce"));
    assertEquals(c.get("authorization"), header);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("signAndVerify")
  void recordedHeaderVerifiesAtTheRecordedClockAndYieldsItsCode(Map<String, Object> c) {
    Verification v =
        scheme(c)
            .verify(
                Optional.of((String) c.get("authorization")),
                fields(c),
                AuthVectors.instant(c.get("verify_now")));
    assertEquals(AuthVectors.result(c.get("verify_result")), v.result());
    assertEquals(c.get("hmac_sha512_hex"), Vectors.hex(v.acceptedCode().orElseThrow()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("signAndVerify")
  void authorizeStampsTheIntegerPartOfTheClockAndASixCharacterUrlSafeNonce(Map<String, Object> c) {
    Instant now = AuthVectors.instant(c.get("now"));
    HmacScheme scheme = scheme(c);
    String header = scheme.authorize(fields(c), now).orElseThrow();
    String[] parts = header.substring("X-HMAC ".length()).split(":", -1);
    assertEquals(3, parts.length, header);
    assertEquals(String.valueOf(timestamp(c)), parts[0]);
    assertTrue(parts[1].matches("[A-Za-z0-9_-]{6}"), parts[1]);
    assertTrue(parts[2].matches("[A-Za-z0-9+/]{86}=="), parts[2]);
    assertEquals(header, scheme.authorizeWith(fields(c), timestamp(c), parts[1]));
    assertTrue(scheme.verify(Optional.of(header), fields(c), now).isOk());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("verifyOnly")
  void verdictIsTheRecordedOneExceptWhereD7IsStricter(Map<String, Object> c) {
    AuthResult recorded = AuthVectors.result(c.get("verify_result"));
    AuthResult expected = D7_OVERRIDES.getOrDefault(name(c), recorded);
    if (D7_OVERRIDES.containsKey(name(c))) {
      assertNotEquals(recorded, expected, "the override must differ from the reference");
    }
    HmacScheme scheme =
        HmacScheme.fromSecretString(
            (String) c.get("secret"),
            new SplittableRandom(1),
            Duration.ofSeconds((Long) c.get("token_lifetime")));
    Verification v =
        scheme.verify(
            Optional.ofNullable((String) c.get("authorization")),
            fields(c),
            AuthVectors.instant(c.get("verify_now")));
    assertEquals(expected, v.result());
    assertEquals(expected == AuthResult.OK, v.acceptedCode().isPresent());
    v.acceptedCode().ifPresent(code -> assertEquals(Verification.CODE_LENGTH, code.length));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("verifySequence")
  void replayedHeaderIsAcceptedEachTimeWithTheSameCodeSoACallerCacheCanRefuseIt(
      Map<String, Object> c) {
    HmacScheme scheme = scheme(c);
    Optional<String> header = Optional.of((String) c.get("authorization"));
    Instant now = AuthVectors.instant(c.get("verify_now"));
    List<Object> recorded = Vectors.array(c, "verify_results");

    List<Verification> ours = new ArrayList<>();
    for (int i = 0; i < recorded.size(); i++) {
      ours.add(scheme.verify(header, fields(c), now));
    }
    for (Verification v : ours) {
      assertEquals(AuthResult.OK, v.result());
      assertArrayEquals(ours.get(0).acceptedCode().orElseThrow(), v.acceptedCode().orElseThrow());
    }

    // The caller's replay cache (http.md 8.5) turns that into the reference's verdicts.
    Set<ByteBuffer> seen = new HashSet<>();
    List<Object> withCache = new ArrayList<>();
    for (Verification v : ours) {
      boolean fresh = seen.add(ByteBuffer.wrap(v.acceptedCode().orElseThrow()));
      withCache.add(fresh ? "OK" : "FORBIDDEN");
    }
    assertEquals(recorded, withCache);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("secretDecoding")
  void secretStringDecodesOrIsRefusedAsRecorded(Map<String, Object> c) {
    String secret = (String) c.get("secret");
    if (Boolean.TRUE.equals(c.get("accepted"))) {
      assertEquals(c.get("decoded_hex"), Vectors.hex(HmacScheme.decodeSecret(secret)));
      assertEquals(
          HmacScheme.fromSecretString(secret, new SplittableRandom(1))
              .authorizeWith(anyFields(), 1, "n"),
          new HmacScheme(Vectors.hex((String) c.get("decoded_hex")), new SplittableRandom(1))
              .authorizeWith(anyFields(), 1, "n"));
    } else {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> HmacScheme.decodeSecret(secret));
      assertFalse(e.getMessage().contains(secret), "the message must not leak the secret");
      assertThrows(
          IllegalArgumentException.class,
          () -> HmacScheme.fromSecretString(secret, new SplittableRandom(1)));
    }
  }

  private static HmacScheme scheme(Map<String, Object> c) {
    return HmacScheme.fromSecretString((String) c.get("secret"), new SplittableRandom(7));
  }

  private static SignedFields fields(Map<String, Object> c) {
    return AuthVectors.fields(type(c), inputs(c));
  }

  private static SignedFields anyFields() {
    return AuthVectors.oneOfEachType().get(0);
  }

  private static Map<String, Object> inputs(Map<String, Object> c) {
    return Vectors.object(c, "inputs");
  }

  private static int type(Map<String, Object> c) {
    return ((Long) c.get("auth_message_type")).intValue();
  }

  private static long timestamp(Map<String, Object> c) {
    return (Long) c.get("timestamp");
  }

  private static String name(Map<String, Object> c) {
    return (String) c.get("name");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> payload(Arguments a) {
    return (Map<String, Object>) ((Named<?>) a.get()[0]).getPayload();
  }
}
