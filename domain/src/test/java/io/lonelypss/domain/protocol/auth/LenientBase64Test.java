package io.lonelypss.domain.protocol.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lonelypss.domain.testing.Vectors;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LenientBase64Test {

  /**
   * Input (the reference always appends "=="), URL-safe or standard, and what CPython 3.11's {@code
   * base64.urlsafe_b64decode} / {@code b64decode} returned (hex), or null where it raised.
   */
  static Stream<Arguments> cpythonTable() {
    return Stream.of(
        Arguments.of("==", false, ""),
        Arguments.of("==", true, ""),
        Arguments.of("====", false, ""),
        Arguments.of("====", true, ""),
        Arguments.of("A==", false, null),
        Arguments.of("A==", true, null),
        Arguments.of("A====", false, null),
        Arguments.of("A====", true, null),
        Arguments.of("AA==", false, "00"),
        Arguments.of("AA==", true, "00"),
        Arguments.of("AA====", false, "00"),
        Arguments.of("AA====", true, "00"),
        Arguments.of("AAA==", false, "0000"),
        Arguments.of("AAA==", true, "0000"),
        Arguments.of("AAA===", false, "0000"),
        Arguments.of("AAA===", true, "0000"),
        Arguments.of("AAAA==", false, "000000"),
        Arguments.of("AAAA==", true, "000000"),
        Arguments.of("AAAA======", false, "000000"),
        Arguments.of("AAAA======", true, "000000"),
        Arguments.of("AB=C==", false, "0010"),
        Arguments.of("AB=C==", true, "0010"),
        Arguments.of("AB==CD==", false, "00"),
        Arguments.of("AB==CD==", true, "00"),
        Arguments.of("A=B=C=D===", false, "0010"),
        Arguments.of("A=B=C=D===", true, "0010"),
        Arguments.of("AAA=AAAA==", false, "0000"),
        Arguments.of("AAA=AAAA==", true, "0000"),
        Arguments.of("QQ==QUFB==", false, "41"),
        Arguments.of("QQ==QUFB==", true, "41"),
        Arguments.of("QQ===", false, "41"),
        Arguments.of("QQ===", true, "41"),
        Arguments.of("QUJD==", false, "414243"),
        Arguments.of("QUJD==", true, "414243"),
        Arguments.of("QUJDRA==", false, "41424344"),
        Arguments.of("QUJDRA==", true, "41424344"),
        Arguments.of("QUJDRA====", false, "41424344"),
        Arguments.of("QUJDRA====", true, "41424344"),
        Arguments.of("QUJDRA===", false, "41424344"),
        Arguments.of("QUJDRA===", true, "41424344"),
        Arguments.of("Q U J D==", false, "414243"),
        Arguments.of("Q U J D==", true, "414243"),
        Arguments.of("QUJD!!RA==", false, "41424344"),
        Arguments.of("QUJD!!RA==", true, "41424344"),
        Arguments.of("Q-_/+A==", false, "43ff80"),
        Arguments.of("Q-_/+A==", true, "43effff8"),
        Arguments.of("////==", false, "ffffff"),
        Arguments.of("////==", true, "ffffff"),
        Arguments.of("____==", false, ""),
        Arguments.of("____==", true, "ffffff"),
        Arguments.of("----==", false, ""),
        Arguments.of("----==", true, "fbefbe"),
        Arguments.of("QR====", false, "41"),
        Arguments.of("QR====", true, "41"),
        Arguments.of("QR==", false, "41"),
        Arguments.of("QR==", true, "41"),
        Arguments.of("=QUJD==", false, "414243"),
        Arguments.of("=QUJD==", true, "414243"),
        Arguments.of("AB===", false, "00"),
        Arguments.of("AB===", true, "00"),
        Arguments.of("ABC====", false, "0010"),
        Arguments.of("ABC====", true, "0010"),
        Arguments.of("A=====", false, null),
        Arguments.of("A=====", true, null),
        Arguments.of("AB:CD==", false, "001083"),
        Arguments.of("AB:CD==", true, "001083"),
        Arguments.of("QUJDRA==QUJD==", false, "41424344"),
        Arguments.of("QUJDRA==QUJD==", true, "41424344"),
        Arguments.of("YWJj\nZGVm==", false, "616263646566"),
        Arguments.of("YWJj\nZGVm==", true, "616263646566"),
        Arguments.of("QUJ\u00e9D==", false, null),
        Arguments.of("QUJ\u00e9D==", true, null),
        Arguments.of("QUJDRA==\u00e9==", false, null),
        Arguments.of("QUJDRA==\u00e9==", true, null),
        Arguments.of("QUJDR==", false, null),
        Arguments.of("QUJDR==", true, null),
        Arguments.of("Q=U=J=D==", false, "4142"),
        Arguments.of("Q=U=J=D==", true, "4142"),
        Arguments.of("QUJDRA=\u0000===", false, "41424344"),
        Arguments.of("QUJDRA=\u0000===", true, "41424344"));
  }

  @ParameterizedTest(name = "\"{0}\" urlSafe={1} -> {2}")
  @MethodSource("cpythonTable")
  void decodesLikeCpython(String input, boolean urlSafe, String expectedHex) {
    Optional<byte[]> decoded =
        urlSafe ? LenientBase64.decodeUrlSafe(input) : LenientBase64.decodeStandard(input);
    assertEquals(Optional.ofNullable(expectedHex), decoded.map(Vectors::hex));
  }
}
