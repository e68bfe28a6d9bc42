package io.lonelypss.domain.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.lonelypss.domain.InvalidValueException;
import io.lonelypss.domain.Topic;
import java.nio.ByteBuffer;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class WireReaderTest {

  private static byte[] bytes(int... values) {
    byte[] b = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      b[i] = (byte) values[i];
    }
    return b;
  }

  private static Arguments shortRead(String name, byte[] input, Consumer<WireReader> read) {
    return Arguments.of(Named.of(name, input), read);
  }

  static Stream<Arguments> shortReads() {
    return Stream.of(
        shortRead("u8 of nothing", bytes(), r -> r.u8("f")),
        shortRead("u16 of one byte", bytes(1), r -> r.u16("f")),
        shortRead("u32 of three bytes", bytes(1, 2, 3), r -> r.u32("f")),
        shortRead("u64 of seven bytes", bytes(1, 2, 3, 4, 5, 6, 7), r -> r.u64("f")),
        shortRead("64 fixed bytes of 63", new byte[63], r -> r.fixed(64, "f")),
        shortRead("lp8 without its length", bytes(), r -> r.lp8("f")),
        shortRead("lp8 declaring 3 of 2", bytes(3, 'a', 'b'), r -> r.lp8("f")),
        shortRead("lp16 with half a length", bytes(0), r -> r.lp16("f")),
        shortRead("lp16 declaring 65535 of 1", bytes(0xff, 0xff, 'a'), r -> r.lp16("f")),
        shortRead("utf8Lp16 declaring 2 of 1", bytes(0, 2, 'a'), r -> r.utf8Lp16("f")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("shortReads")
  void shortReadsAreMalformed(byte[] input, Consumer<WireReader> read) {
    WireReader r = WireReader.of(input);
    assertThrows(MalformedMessageException.class, () -> read.accept(r));
  }

  @Test
  void invalidUtf8TextIsMalformed() {
    WireReader r = WireReader.of(bytes(0, 2, 0xc3, 0x28));
    assertThrows(MalformedMessageException.class, () -> r.utf8Lp16("url"));
  }

  @Test
  void integersAreUnsignedBigEndian() {
    WireReader r =
        WireReader.of(
            bytes(
                0xff, 0xff, 0xfe, 0xff, 0xff, 0xff, 0xfd, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
                0xfc));
    assertEquals(255, r.u8("a"));
    assertEquals(0xfffe, r.u16("b"));
    assertEquals(0xfffffffdL, r.u32("c"));
    assertEquals(-4L, r.u64("d"), "2^64-4 comes back as a negative long");
    assertEquals(0, r.remaining());
  }

  @Test
  void lengthPrefixedFieldsAndPosition() {
    WireReader r = WireReader.of(bytes(2, 'h', 'i', 0, 3, 'a', 'b', 'c', 0, 0));
    assertArrayEquals(bytes('h', 'i'), r.lp8("a"));
    assertEquals(3, r.position());
    assertEquals("abc", r.utf8Lp16("b"));
    assertArrayEquals(new byte[0], r.lp16("c"));
    assertEquals(10, r.position());
  }

  @Test
  void readsStartAtTheBufferPosition() {
    ByteBuffer b = ByteBuffer.wrap(bytes(9, 9, 0, 7));
    b.position(2);
    WireReader r = new WireReader(b);
    assertEquals(7, r.u16("x"));
    assertEquals(2, b.position(), "the caller's buffer is not moved");
  }

  @Test
  void validatingTurnsInvalidValuesIntoMalformedMessages() {
    assertThrows(
        MalformedMessageException.class,
        () -> WireReader.validating(() -> Topic.of(new byte[Topic.MAX_LENGTH + 1])));
    assertThrows(
        MalformedMessageException.class,
        () ->
            WireReader.validating(
                () -> {
                  throw new InvalidValueException("bad");
                }));
    assertEquals("ok", WireReader.validating(() -> "ok"));
  }
}
