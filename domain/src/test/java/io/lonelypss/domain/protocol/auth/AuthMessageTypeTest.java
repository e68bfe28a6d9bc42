package io.lonelypss.domain.protocol.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lonelypss.domain.testing.Vectors;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class AuthMessageTypeTest {

  @Test
  void codesAreThoseOfHttpMdAndWebsocketMd() {
    Map<Integer, String> expected = new TreeMap<>();
    String[] names = {
      "SUBSCRIBE_EXACT",
      "SUBSCRIBE_GLOB",
      "NOTIFY",
      "STATEFUL_CONFIGURE",
      "CHECK_SUBSCRIPTIONS",
      "SET_SUBSCRIPTIONS",
      "STATEFUL_CONTINUE_RECEIVE",
      "CONFIRM_RECEIVE",
      "CONFIRM_MISSED",
      "RECEIVE",
      "MISSED",
      "CONFIRM_SUBSCRIBE_EXACT",
      "CONFIRM_SUBSCRIBE_GLOB",
      "CONFIRM_NOTIFY",
      "CHECK_SUBSCRIPTIONS_RESPONSE",
      "SET_SUBSCRIPTIONS_RESPONSE",
      "STATEFUL_CONFIRM_CONFIGURE",
      "STATEFUL_ENABLE_ZSTD_PRESET",
      "STATEFUL_ENABLE_ZSTD_CUSTOM",
      "STATEFUL_DISABLE_ZSTD_CUSTOM",
      "STATEFUL_CONTINUE_NOTIFY"
    };
    for (int i = 0; i < names.length; i++) {
      expected.put(i + 1, names[i]);
    }
    Map<Integer, String> actual = new TreeMap<>();
    for (AuthMessageType t : AuthMessageType.values()) {
      actual.put(t.code(), t.name());
    }
    assertEquals(expected, actual);
  }

  @Test
  void namesAndCodesAgreeWithTheHmacVectors() {
    for (Map<String, Object> c : Vectors.load("http-auth-hmac.json")) {
      if (c.containsKey("auth_message_type")) {
        int code = ((Long) c.get("auth_message_type")).intValue();
        assertEquals(
            c.get("auth_message_type_name"), AuthMessageType.fromCode(code).orElseThrow().name());
      }
    }
  }

  @Test
  void fromCodeFindsEveryTypeAndNothingElse() {
    for (AuthMessageType t : AuthMessageType.values()) {
      assertEquals(Optional.of(t), AuthMessageType.fromCode(t.code()));
    }
    assertEquals(Optional.empty(), AuthMessageType.fromCode(0));
    assertEquals(Optional.empty(), AuthMessageType.fromCode(22));
    assertEquals(Optional.empty(), AuthMessageType.fromCode(-1));
  }
}
