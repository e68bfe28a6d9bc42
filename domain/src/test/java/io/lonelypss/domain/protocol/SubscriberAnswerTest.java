package io.lonelypss.domain.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.lonelypss.domain.Identifier;
import java.nio.ByteBuffer;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SubscriberAnswerTest {

  private static SubscriberAnswer parse(byte[] body) {
    return SubscriberAnswer.parse(ByteBuffer.wrap(body));
  }

  @ParameterizedTest(name = "type {0}")
  @ValueSource(ints = {0, 1, 3, 4, 5, 7, 11, 0xffff})
  void unknownAnswerTypesAreMalformed(int type) {
    byte[] body = new WireWriter().u16(type).u16(0).u16(0).u8(0).u32(1).toByteArray();
    assertThrows(MalformedMessageException.class, () -> parse(body));
  }

  @Test
  void anEmptyOrOneByteAnswerIsMalformed() {
    assertThrows(MalformedMessageException.class, () -> parse(new byte[0]));
    assertThrows(MalformedMessageException.class, () -> parse(new byte[] {0}));
  }

  @Test
  void aTruncatedConfirmReceiveIsMalformed() {
    byte[] full =
        new SubscriberAnswer.ConfirmReceive(
                Optional.empty(), new byte[0], Identifier.of(new byte[] {1, 2}), 1)
            .encode();
    for (int n = 2; n < full.length; n++) {
      byte[] cut = java.util.Arrays.copyOf(full, n);
      assertThrows(MalformedMessageException.class, () -> parse(cut), () -> "cut at " + cut.length);
    }
    assertInstanceOf(SubscriberAnswer.ConfirmReceive.class, parse(full));
  }

  @Test
  void unsubscribeImmediateIsTwoBytesAndIgnoresTheRest() {
    assertArrayEquals(new byte[] {0, 10}, new SubscriberAnswer.UnsubscribeImmediate().encode());
    assertInstanceOf(SubscriberAnswer.UnsubscribeImmediate.class, parse(new byte[] {0, 10, 1, 2}));
  }

  @Test
  void confirmMissedRoundTrips() {
    SubscriberAnswer.ConfirmMissed confirm =
        new SubscriberAnswer.ConfirmMissed(Optional.of("Bearer x"), new byte[] {5});
    SubscriberAnswer.ConfirmMissed back =
        assertInstanceOf(SubscriberAnswer.ConfirmMissed.class, parse(confirm.encode()));
    assertEquals(Optional.of("Bearer x"), back.authorization());
    assertArrayEquals(new byte[] {5}, back.tracing());
  }

  @Test
  void anAuthorizationThatIsNotUtf8IsMalformed() {
    byte[] body = new WireWriter().u16(9).lp16(new byte[] {(byte) 0xff}).u16(0).toByteArray();
    assertThrows(MalformedMessageException.class, () -> parse(body));
  }

  @Test
  void broadcasterResponsesRejectAnotherType() {
    byte[] generic = new ResponseGeneric(Optional.empty(), new byte[0]).encode();
    assertThrows(
        MalformedMessageException.class, () -> ResponseNotify.parse(ByteBuffer.wrap(generic)));
    assertThrows(
        MalformedMessageException.class,
        () -> ResponseCheckSubscriptions.parse(ByteBuffer.wrap(generic)));
    byte[] confirmReceive =
        new SubscriberAnswer.ConfirmReceive(
                Optional.empty(), new byte[0], Identifier.of(new byte[0]), 0)
            .encode();
    assertThrows(
        MalformedMessageException.class,
        () -> ResponseGeneric.parse(ByteBuffer.wrap(confirmReceive)));
    assertEquals(
        new ResponseGeneric(Optional.empty(), new byte[0]).authorization(),
        ResponseGeneric.parse(ByteBuffer.wrap(generic)).authorization());
  }
}
