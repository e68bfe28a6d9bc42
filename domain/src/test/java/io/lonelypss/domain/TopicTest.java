package io.lonelypss.domain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TopicTest {

  private static Topic topic(int... bytes) {
    byte[] b = new byte[bytes.length];
    for (int i = 0; i < bytes.length; i++) {
      b[i] = (byte) bytes[i];
    }
    return Topic.of(b);
  }

  @Test
  void topicsSortBytewiseUnsigned() {
    List<Topic> topics =
        new ArrayList<>(
            List.of(
                topic(0xff),
                Topic.ofUtf8("é"),
                Topic.ofUtf8("ab"),
                Topic.ofUtf8("a"),
                Topic.ofUtf8("B"),
                Topic.ofUtf8(""),
                topic(0x7f)));
    topics.sort(null);
    assertEquals(
        List.of(
            Topic.ofUtf8(""),
            Topic.ofUtf8("B"),
            Topic.ofUtf8("a"),
            Topic.ofUtf8("ab"),
            topic(0x7f),
            Topic.ofUtf8("é"),
            topic(0xff)),
        topics);
  }

  @Test
  void aPrefixSortsFirst() {
    assertTrue(Topic.ofUtf8("a").compareTo(Topic.ofUtf8("a\0")) < 0);
    assertEquals(0, Topic.ofUtf8("abc").compareTo(topic('a', 'b', 'c')));
  }

  @Test
  void utf8IsEmptyForInvalidUtf8() {
    assertEquals(Optional.empty(), topic(0xff).utf8());
    assertEquals(Optional.empty(), topic('a', 0xc3).utf8());
    assertEquals(Optional.empty(), topic(0xed, 0xa0, 0x80).utf8(), "an encoded surrogate");
    assertEquals(Optional.empty(), topic(0xc0, 0xaf).utf8(), "an overlong encoding");
    assertEquals(Optional.of("é\0x"), topic(0xc3, 0xa9, 0, 'x').utf8());
  }

  @Test
  void topicsLongerThan65535BytesAreRejected() {
    assertEquals(65535, Topic.of(new byte[Topic.MAX_LENGTH]).length());
    assertThrows(InvalidValueException.class, () -> Topic.of(new byte[Topic.MAX_LENGTH + 1]));
    assertThrows(InvalidValueException.class, () -> Topic.ofUtf8("é".repeat(32768)));
  }

  @Test
  void unpairedSurrogatesCannotBecomeATopic() {
    assertThrows(InvalidValueException.class, () -> Topic.ofUtf8("\udc00"));
  }

  @Test
  void topicsAreCopiedInAndOut() {
    byte[] source = {'a', 'b'};
    Topic t = Topic.of(source);
    source[0] = 'x';
    t.bytes()[1] = 'y';
    assertArrayEquals(new byte[] {'a', 'b'}, t.bytes());
    assertArrayEquals(new byte[] {'a', 'b'}, t.wireBytes());
  }

  @Test
  void anExactTopicMatchesOnlyItself() {
    assertTrue(Topic.ofUtf8("a*").matches(Topic.ofUtf8("a*")));
    assertFalse(Topic.ofUtf8("a*").matches(Topic.ofUtf8("ab")));
    assertTrue(topic(0xff).matches(topic(0xff)));
  }
}
