package io.lonelypss.domain.protocol.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lonelypss.domain.testing.Vectors;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every case of {@code http-auth-token.json} (schemes {@code token} and {@code none}). */
class TokenSchemeVectorsTest {
  private static final List<Map<String, Object>> CASES = Vectors.load("http-auth-token.json");
  private static final Instant NOW = Instant.ofEpochSecond(1738000000L, 250_000_000);

  /**
   * Where DECISIONS D7 makes us stricter than the reference: it raises (HTTP 500) on a non-ASCII
   * header; we answer FORBIDDEN.
   */
  private static final Map<String, AuthResult> D7_OVERRIDES =
      Map.of("token/verify/non_ascii", AuthResult.FORBIDDEN);

  static Stream<Arguments> tokenProduce() {
    return select("token/", "produce");
  }

  static Stream<Arguments> tokenVerify() {
    return select("token/", "verify");
  }

  static Stream<Arguments> noneProduce() {
    return select("none/", "produce");
  }

  static Stream<Arguments> noneVerify() {
    return select("none/", "verify");
  }

  private static Stream<Arguments> select(String prefix, String kind) {
    return CASES.stream()
        .filter(c -> name(c).startsWith(prefix) && kind.equals(c.get("kind")))
        .map(
            c ->
                Arguments.of(
                    Named.of(name(c) + (D7_OVERRIDES.containsKey(name(c)) ? " [D7]" : ""), c)));
  }

  @Test
  void everyCaseIsReplayedHereAndEveryOverrideNamesARealCase() {
    Map<String, Integer> groups = new TreeMap<>();
    for (Map<String, Object> c : CASES) {
      groups.merge(
          name(c).substring(0, name(c).indexOf('/')) + " " + c.get("kind"), 1, Integer::sum);
    }
    assertEquals(
        Map.of("none produce", 1, "none verify", 2, "token produce", 7, "token verify", 9), groups);
    assertTrue(
        CASES.stream()
            .map(TokenSchemeVectorsTest::name)
            .toList()
            .containsAll(D7_OVERRIDES.keySet()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("tokenProduce")
  void tokenSendsTheRecordedValueWithEveryMessageType(Map<String, Object> c) {
    TokenScheme scheme = new TokenScheme((String) c.get("token"));
    for (SignedFields f : AuthVectors.oneOfEachType()) {
      assertEquals(Optional.of(c.get("authorization")), scheme.authorize(f, NOW), f.type().name());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("tokenVerify")
  void tokenVerdictIsTheRecordedOneExceptWhereD7IsStricter(Map<String, Object> c) {
    String recorded = (String) c.get("verify_result");
    AuthResult expected;
    if (D7_OVERRIDES.containsKey(name(c))) {
      expected = D7_OVERRIDES.get(name(c));
      assertTrue(recorded.startsWith("exception:"), "the reference failed here: " + recorded);
    } else {
      expected = AuthResult.valueOf(recorded);
    }
    TokenScheme scheme = new TokenScheme((String) c.get("token"));
    for (SignedFields f : AuthVectors.oneOfEachType()) {
      Verification v = scheme.verify(Optional.ofNullable((String) c.get("authorization")), f, NOW);
      assertEquals(expected, v.result(), f.type().name());
      assertTrue(v.acceptedCode().isEmpty(), "token has no code to record");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("noneProduce")
  void noneSendsNothing(Map<String, Object> c) {
    assertEquals(null, c.get("authorization"));
    for (SignedFields f : AuthVectors.oneOfEachType()) {
      assertEquals(Optional.empty(), new NoneScheme().authorize(f, NOW), f.type().name());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("noneVerify")
  void noneAcceptsAnythingInBothDirections(Map<String, Object> c) {
    assertEquals("OK", c.get("verify_result_to_broadcaster"));
    assertEquals("OK", c.get("verify_result_to_subscriber"));
    for (SignedFields f : AuthVectors.oneOfEachType()) {
      Verification v =
          new NoneScheme().verify(Optional.ofNullable((String) c.get("authorization")), f, NOW);
      assertEquals(Verification.ok(), v, f.type().name());
    }
  }

  @Test
  void theTwoDirectionsTokensAreNotInterchangeable() {
    List<Map<String, Object>> produce =
        tokenProduce().map(TokenSchemeVectorsTest::payload).toList();
    String toBroadcaster = (String) produce.get(0).get("token");
    String toSubscriber = (String) produce.get(produce.size() - 1).get("token");
    assertNotEquals(toBroadcaster, toSubscriber);
    SignedFields f = AuthVectors.oneOfEachType().get(0);
    Optional<String> header = new TokenScheme(toSubscriber).authorize(f, NOW);
    assertEquals(
        AuthResult.FORBIDDEN, new TokenScheme(toBroadcaster).verify(header, f, NOW).result());
  }

  private static String name(Map<String, Object> c) {
    return (String) c.get("name");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> payload(Arguments a) {
    return (Map<String, Object>) ((Named<?>) a.get()[0]).getPayload();
  }
}
