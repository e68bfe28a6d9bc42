package io.lonelypss.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class IdentifierTest {

  @Test
  void identifiersUpTo255BytesAreAccepted() {
    assertEquals(255, Identifier.of(new byte[Identifier.MAX_LENGTH]).length());
    assertEquals(0, Identifier.of(new byte[0]).length());
  }

  @Test
  void identifiersLongerThan255BytesAreRejected() {
    assertThrows(
        InvalidValueException.class, () -> Identifier.of(new byte[Identifier.MAX_LENGTH + 1]));
    assertThrows(
        InvalidValueException.class,
        () -> Identifier.random(new SplittableRandom(1), Identifier.MAX_LENGTH + 1));
  }

  @Test
  void randomIdentifiersHaveTheAskedLengthAndDiffer() {
    SplittableRandom random = new SplittableRandom(42);
    Identifier a = Identifier.random(random, 8);
    Identifier b = Identifier.random(random, 8);
    assertEquals(8, a.length());
    assertNotEquals(a, b);
  }

  @Test
  void sameAsComparesContent() {
    Identifier a = Identifier.of(new byte[] {1, 2, 3, 4});
    assertTrue(a.sameAs(Identifier.of(new byte[] {1, 2, 3, 4})));
    assertFalse(a.sameAs(Identifier.of(new byte[] {1, 2, 3})));
    assertEquals("01020304", a.toString());
  }
}
