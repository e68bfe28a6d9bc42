package io.lonelypss.domain.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.lonelypss.domain.InvalidValueException;
import io.lonelypss.domain.testing.Vectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class WireWriterTest {

  private static Arguments outOfRange(String name, Executable write) {
    return Arguments.of(Named.of(name, write));
  }

  static Stream<Arguments> outOfRangeWrites() {
    return Stream.of(
        outOfRange("u8 -1", () -> new WireWriter().u8(-1)),
        outOfRange("u8 256", () -> new WireWriter().u8(256)),
        outOfRange("u16 -1", () -> new WireWriter().u16(-1)),
        outOfRange("u16 65536", () -> new WireWriter().u16(65536)),
        outOfRange("u32 -1", () -> new WireWriter().u32(-1)),
        outOfRange("u32 2^32", () -> new WireWriter().u32(0x1_0000_0000L)),
        outOfRange("lp8 of 256 bytes", () -> new WireWriter().lp8(new byte[256])),
        outOfRange("lp16 of 65536 bytes", () -> new WireWriter().lp16(new byte[65536])));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("outOfRangeWrites")
  void valuesOutsideTheFieldWidthAreRefused(Executable write) {
    assertThrows(IllegalArgumentException.class, write);
  }

  @Test
  void integersAreWrittenBigEndianUpToTheirLimits() {
    byte[] out =
        new WireWriter()
            .u8(0xff)
            .u16(0xfffe)
            .u32(0xfffffffdL)
            .u64(-4L)
            .u8(0)
            .u16(0)
            .u32(0)
            .u64(0)
            .toByteArray();
    assertEquals(
        "ff"
            + "fffe"
            + "fffffffd"
            + "fffffffffffffffc"
            + "00"
            + "0000"
            + "00000000"
            + "0000000000000000",
        Vectors.hex(out));
  }

  @Test
  void lengthPrefixesCountBytes() {
    WireWriter w = new WireWriter().lp8(new byte[] {1, 2}).lp16("é").lp16(new byte[0]);
    assertEquals("020102" + "0002c3a9" + "0000", Vectors.hex(w.toByteArray()));
    assertEquals(9, w.size());
    assertEquals(255 + 1, new WireWriter().lp8(new byte[255]).size());
    assertEquals(65535 + 2, new WireWriter().lp16(new byte[65535]).size());
  }

  @Test
  void textThatIsNotUnicodeIsRefused() {
    assertThrows(InvalidValueException.class, () -> new WireWriter().lp16("\ud800"));
  }
}
