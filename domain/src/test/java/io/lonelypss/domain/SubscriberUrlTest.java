package io.lonelypss.domain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SubscriberUrlTest {

  @Test
  void urlsUpTo65535Utf8BytesAreAccepted() {
    String longest = "h".repeat(SubscriberUrl.MAX_UTF8_LENGTH);
    assertEquals(65535, new SubscriberUrl(longest).utf8().length);
  }

  @Test
  void urlsLongerThan65535Utf8BytesAreRejected() {
    assertThrows(
        InvalidValueException.class,
        () -> new SubscriberUrl("h".repeat(SubscriberUrl.MAX_UTF8_LENGTH + 1)));
    // 32768 two-byte characters: short in UTF-16, too long in UTF-8
    assertThrows(InvalidValueException.class, () -> new SubscriberUrl("é".repeat(32768)));
  }

  @Test
  void unpairedSurrogatesAreRejected() {
    assertThrows(InvalidValueException.class, () -> new SubscriberUrl("http://x/\ud800"));
    assertThrows(InvalidValueException.class, () -> new SubscriberUrl("http://x/\udfff"));
  }

  @Test
  void aMissingUrlIsRejected() {
    assertThrows(InvalidValueException.class, () -> new SubscriberUrl(null));
  }

  @Test
  void fragmentsAreKeptAsGiven() {
    SubscriberUrl url = new SubscriberUrl("http://127.0.0.1:3002/v1/receive#uid=1");
    assertEquals("http://127.0.0.1:3002/v1/receive#uid=1", url.value());
    assertArrayEquals(
        "http://127.0.0.1:3002/v1/receive#uid=1".getBytes(StandardCharsets.UTF_8), url.utf8());
  }

  @Test
  void urlsOrderByUtf8Bytes() {
    SubscriberUrl fullwidthTilde = new SubscriberUrl("http://x/\uff5e");
    SubscriberUrl grinningFace = new SubscriberUrl("http://x/\ud83d\ude00");
    assertTrue(fullwidthTilde.compareTo(grinningFace) < 0);
    assertTrue(grinningFace.compareTo(fullwidthTilde) > 0);
  }
}
