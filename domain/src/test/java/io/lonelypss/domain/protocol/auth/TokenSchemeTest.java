package io.lonelypss.domain.protocol.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TokenSchemeTest {
  private static final Instant NOW = Instant.ofEpochSecond(1738000000L);
  private static final SignedFields FIELDS = AuthVectors.oneOfEachType().get(2);

  @Test
  void valueIsBearerAndTheSecretVerbatim() {
    TokenScheme s = new TokenScheme("s2b-token");
    assertEquals(Optional.of("Bearer s2b-token"), s.authorize(FIELDS, NOW));
    assertTrue(s.verify(Optional.of("Bearer s2b-token"), FIELDS, NOW).isOk());
    assertEquals(
        AuthResult.FORBIDDEN, s.verify(Optional.of("Bearer s2b-toke"), FIELDS, NOW).result());
    assertEquals(
        AuthResult.FORBIDDEN, s.verify(Optional.of("Bearer s2b-tokenn"), FIELDS, NOW).result());
    assertEquals(
        AuthResult.FORBIDDEN, s.verify(Optional.of("BEARER s2b-token"), FIELDS, NOW).result());
  }

  @Test
  void secretsThatCannotTravelInAHeaderAreRefusedWithoutBeingShown() {
    for (String bad : new String[] {"", "t\u00f6ken", "line\nbreak", "tab\there", "nul\u0000"}) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> new TokenScheme(bad));
      assertTrue(bad.isEmpty() || !e.getMessage().contains(bad), e.getMessage());
    }
    assertThrows(NullPointerException.class, () -> new TokenScheme(null));
  }

  @Test
  void toStringDoesNotShowTheSecret() {
    assertFalse(new TokenScheme("sekrit-value").toString().contains("sekrit"));
  }
}
