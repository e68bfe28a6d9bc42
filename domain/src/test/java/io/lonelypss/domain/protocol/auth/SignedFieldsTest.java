package io.lonelypss.domain.protocol.auth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lonelypss.domain.Identifier;
import io.lonelypss.domain.InvalidValueException;
import io.lonelypss.domain.Sha512Digest;
import io.lonelypss.domain.Topic;
import io.lonelypss.domain.protocol.StrongEtag;
import io.lonelypss.domain.testing.Vectors;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SignedFieldsTest {
  private static final Topic TOPIC = Topic.ofUtf8("t");
  private static final String URL = "http://h/v1/receive#fragment";

  @Test
  void everyHttpMessageTypeHasItsOwnRecordAndTypeCode() {
    List<SignedFields> all = AuthVectors.oneOfEachType();
    Set<AuthMessageType> types = new HashSet<>();
    for (SignedFields f : all) {
      types.add(f.type());
      byte[] toSign = SignedFields.toSign(f, 1, "n");
      assertEquals(f.type().code(), toSign[0], f.toString());
    }
    assertEquals(14, types.size());
    assertTrue(types.stream().noneMatch(t -> t.name().startsWith("STATEFUL_")));
  }

  @Test
  void commonPrefixIsTypeTimestampNonceAndTracing() {
    SignedFields f = new SignedFields.CheckSubscriptions(new byte[] {(byte) 0xab}, "u");
    assertEquals(
        "05" + "0000000000000102" + "02" + "6e6f" + "0001ab" + "000175",
        Vectors.hex(SignedFields.toSign(f, 258, "no")));
  }

  @Test
  void timestampIsWrittenAsUnsigned64Bits() {
    SignedFields f = new SignedFields.CheckSubscriptions(new byte[0], "");
    assertEquals("05ffffffffffffffff000000" + "0000", Vectors.hex(SignedFields.toSign(f, -1, "")));
  }

  @Test
  void urlIsSignedExactlyAsGivenFragmentIncluded() {
    SignedFields f = new SignedFields.Missed(new byte[0], URL, TOPIC);
    byte[] toSign = SignedFields.toSign(f, 0, "");
    byte[] url = URL.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    byte[] tail = Arrays.copyOfRange(toSign, 14, 14 + url.length);
    assertArrayEquals(url, tail);
  }

  @Test
  void nonceIsUtf8AndAtMost255Bytes() {
    SignedFields f = new SignedFields.CheckSubscriptions(new byte[0], "");
    assertEquals(
        "05" + "0000000000000000" + "02c3a9" + "0000" + "0000",
        Vectors.hex(SignedFields.toSign(f, 0, "\u00e9")));
    assertEquals(1 + 8 + 1 + 255 + 2 + 2, SignedFields.toSign(f, 0, "n".repeat(255)).length);
    assertThrows(InvalidValueException.class, () -> SignedFields.toSign(f, 0, "n".repeat(256)));
    assertThrows(
        InvalidValueException.class, () -> SignedFields.toSign(f, 0, "\u00e9".repeat(128)));
    assertThrows(InvalidValueException.class, () -> SignedFields.toSign(f, 0, "\uD800"));
  }

  @Test
  void tracingIsCopiedOnTheWayInAndOut() {
    byte[] tracing = {1, 2, 3};
    SignedFields f = new SignedFields.CheckSubscriptions(tracing, "u");
    byte[] before = SignedFields.toSign(f, 0, "");
    tracing[0] = 9;
    f.tracing()[1] = 9;
    assertArrayEquals(before, SignedFields.toSign(f, 0, ""));
    assertArrayEquals(new byte[] {1, 2, 3}, f.tracing());
  }

  @Test
  void recordsAreEqualByContentAndAnEmptyRecoveryIsNoRecovery() {
    SignedFields a = new SignedFields.SubscribeExact(new byte[] {1}, URL, Optional.of(""), TOPIC);
    SignedFields b = new SignedFields.SubscribeExact(new byte[] {1}, URL, Optional.empty(), TOPIC);
    assertEquals(a, b);
    assertEquals(a.hashCode(), b.hashCode());
    assertEquals(Optional.empty(), ((SignedFields.SubscribeExact) a).recovery());
    assertNotEquals(
        a, new SignedFields.SubscribeExact(new byte[] {2}, URL, Optional.empty(), TOPIC));
    assertNotEquals(
        a, new SignedFields.ConfirmSubscribeExact(new byte[] {1}, URL, Optional.empty(), TOPIC));
    assertTrue(a.toString().startsWith("SubscribeExact[tracing=01, url=" + URL), a.toString());
  }

  @Test
  void lengthsTheLayoutCannotCarryAreRefusedWhenBuilding() {
    String longest = "u".repeat(65535);
    SignedFields ok = new SignedFields.CheckSubscriptions(new byte[65535], longest);
    assertEquals(1 + 8 + 1 + 2 + 65535 + 2 + 65535, SignedFields.toSign(ok, 0, "").length);

    assertThrows(
        InvalidValueException.class,
        () -> new SignedFields.CheckSubscriptions(new byte[0], longest + "u"));
    assertThrows(
        InvalidValueException.class,
        () -> new SignedFields.CheckSubscriptions(new byte[65536], ""));
    assertThrows(
        InvalidValueException.class,
        () -> new SignedFields.CheckSubscriptions(new byte[0], "\u00e9".repeat(32768)));
    assertThrows(
        InvalidValueException.class,
        () -> new SignedFields.CheckSubscriptions(new byte[0], "\uD800"));
    assertThrows(
        InvalidValueException.class,
        () -> new SignedFields.SubscribeExact(new byte[0], "", Optional.of(longest + "u"), TOPIC));
    Identifier id = Identifier.of(new byte[0]);
    Sha512Digest sha = Sha512Digest.hash(new byte[0]);
    assertThrows(
        InvalidValueException.class,
        () -> new SignedFields.ConfirmReceive(new byte[0], id, -1, ""));
    assertThrows(
        InvalidValueException.class,
        () -> new SignedFields.ConfirmNotify(new byte[0], id, 1L << 32, TOPIC, sha));
    assertEquals(
        "ffffffff",
        Vectors.hex(
                SignedFields.toSign(
                    new SignedFields.ConfirmReceive(new byte[0], id, 0xffff_ffffL, ""), 0, ""))
            .substring(26, 34));
    assertThrows(
        InvalidValueException.class,
        () ->
            new SignedFields.CheckSubscriptionsResponse(
                new byte[0], StrongEtag.of(256, new byte[64])));
    assertThrows(
        NullPointerException.class, () -> new SignedFields.Notify(new byte[0], TOPIC, id, null));
    assertThrows(NullPointerException.class, () -> new SignedFields.CheckSubscriptions(null, ""));
  }
}
