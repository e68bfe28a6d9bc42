package io.lonelypss.domain.protocol.auth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class VerificationTest {

  @Test
  void theAcceptedCodeCannotBeChangedThroughTheArraysPassedOrReturned() {
    byte[] code = new byte[64];
    Verification v = Verification.okWithCode(code);
    code[0] = 1;
    v.acceptedCode().orElseThrow()[1] = 1;
    assertArrayEquals(new byte[64], v.acceptedCode().orElseThrow());
  }

  @Test
  void onlyAnAcceptedValueCarriesACodeOfExactly64Bytes() {
    assertThrows(IllegalArgumentException.class, () -> Verification.okWithCode(new byte[63]));
    assertThrows(
        IllegalArgumentException.class,
        () -> new Verification(AuthResult.FORBIDDEN, Optional.of(new byte[64])));
    assertThrows(IllegalArgumentException.class, () -> Verification.rejected(AuthResult.OK));
    assertTrue(Verification.ok().isOk());
    assertTrue(Verification.ok().acceptedCode().isEmpty());
    assertFalse(Verification.rejected(AuthResult.UNAVAILABLE).isOk());
  }

  @Test
  void verificationsAreEqualByResultAndCodeContent() {
    assertEquals(Verification.okWithCode(new byte[64]), Verification.okWithCode(new byte[64]));
    assertEquals(
        Verification.okWithCode(new byte[64]).hashCode(),
        Verification.okWithCode(new byte[64]).hashCode());
    byte[] other = new byte[64];
    other[63] = 1;
    assertNotEquals(Verification.okWithCode(new byte[64]), Verification.okWithCode(other));
    assertNotEquals(Verification.ok(), Verification.okWithCode(new byte[64]));
    assertEquals(
        Verification.rejected(AuthResult.FORBIDDEN), Verification.rejected(AuthResult.FORBIDDEN));
    assertTrue(Verification.okWithCode(other).toString().endsWith("01]"));
  }
}
