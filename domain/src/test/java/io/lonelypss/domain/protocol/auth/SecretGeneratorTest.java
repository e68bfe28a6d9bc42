package io.lonelypss.domain.protocol.auth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lonelypss.domain.testing.Json;
import io.lonelypss.domain.testing.Vectors;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SecretGeneratorTest {

  @Test
  void newSecretIs64RandomBytesAsUnpaddedUrlSafeBase64() {
    String secret = SecretGenerator.newSecret(new SplittableRandom(5));
    assertEquals(86, secret.length());
    assertTrue(secret.matches("[A-Za-z0-9_-]{86}"), secret);
    byte[] expected = new byte[64];
    new SplittableRandom(5).nextBytes(expected);
    assertArrayEquals(expected, HmacScheme.decodeSecret(secret));
    assertNotEquals(secret, SecretGenerator.newSecret(new SplittableRandom(6)));
  }

  @Test
  void aNewSecretWorksForBothHmacAndToken() {
    String secret = SecretGenerator.newSecret(new SplittableRandom(9));
    SignedFields f = AuthVectors.oneOfEachType().get(0);
    Instant now = Instant.ofEpochSecond(1738000000L);
    HmacScheme hmac = HmacScheme.fromSecretString(secret, new SplittableRandom(1));
    assertTrue(hmac.verify(hmac.authorize(f, now), f, now).isOk());
    TokenScheme token = new TokenScheme(secret);
    assertTrue(token.verify(token.authorize(f, now), f, now).isOk());
  }

  static Stream<Arguments> setupCases() {
    return Vectors.load("http-setup.json").stream()
        .map(c -> Arguments.of(Named.of((String) c.get("name"), c)));
  }

  /** The secrets files {@code lonelypss --setup} wrote are accepted by the matching scheme. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("setupCases")
  @SuppressWarnings("unchecked")
  void secretsWrittenBySetupAreAcceptedByTheirScheme(Map<String, Object> c) {
    Map<String, Object> files = Vectors.object(c, "files");
    if (files.containsKey("shape_only")) {
      Map<String, Object> shape = (Map<String, Object>) files.get("shape_only");
      for (String direction : new String[] {"to-broadcaster", "to-subscriber"}) {
        Map<String, Object> d = (Map<String, Object>) shape.get(direction);
        assertEquals("hmac", d.get("type"));
        assertEquals(
            ((Long) d.get("secret_len")).intValue(),
            SecretGenerator.newSecret(new SplittableRandom(1)).length());
      }
      return;
    }
    int checked = 0;
    for (Object text : files.values()) {
      Map<String, Object> file = (Map<String, Object>) Json.parse((String) text);
      assertEquals("2", file.get("version"));
      for (String direction : new String[] {"to-broadcaster", "to-subscriber"}) {
        Map<String, Object> d = (Map<String, Object>) file.get(direction);
        if (d == null) {
          continue; // none
        }
        String secret = (String) d.get("secret");
        SignedFields f = AuthVectors.oneOfEachType().get(3);
        Instant now = Instant.ofEpochSecond(1738000000L);
        AuthScheme scheme =
            switch ((String) d.get("type")) {
              case "hmac" -> HmacScheme.fromSecretString(secret, new SplittableRandom(1));
              case "token" -> new TokenScheme(secret);
              default -> throw new AssertionError("unexpected type " + d.get("type"));
            };
        Optional<String> value = scheme.authorize(f, now);
        assertTrue(scheme.verify(value, f, now).isOk(), direction);
        checked++;
      }
    }
    String name = (String) c.get("name");
    assertEquals(name.equals("setup/none_none") ? 0 : files.size(), checked > 0 ? files.size() : 0);
  }
}
