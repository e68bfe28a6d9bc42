package io.lonelypss.domain.protocol.auth;

import java.util.Optional;

/**
 * The {@code u8} that opens every {@code to_sign} block (http.md 8.4, websocket.md 10.1). The
 * {@code STATEFUL_*} codes are used on websockets only; their names are those of {@code
 * vectors/ws-auth.json}. Unsubscribe requests are signed as the matching subscribe type.
 */
public enum AuthMessageType {
  SUBSCRIBE_EXACT(1),
  SUBSCRIBE_GLOB(2),
  NOTIFY(3),
  STATEFUL_CONFIGURE(4),
  CHECK_SUBSCRIPTIONS(5),
  SET_SUBSCRIPTIONS(6),
  STATEFUL_CONTINUE_RECEIVE(7),
  CONFIRM_RECEIVE(8),
  CONFIRM_MISSED(9),
  RECEIVE(10),
  MISSED(11),
  CONFIRM_SUBSCRIBE_EXACT(12),
  CONFIRM_SUBSCRIBE_GLOB(13),
  CONFIRM_NOTIFY(14),
  CHECK_SUBSCRIPTIONS_RESPONSE(15),
  SET_SUBSCRIPTIONS_RESPONSE(16),
  STATEFUL_CONFIRM_CONFIGURE(17),
  STATEFUL_ENABLE_ZSTD_PRESET(18),
  STATEFUL_ENABLE_ZSTD_CUSTOM(19),
  STATEFUL_DISABLE_ZSTD_CUSTOM(20),
  STATEFUL_CONTINUE_NOTIFY(21);

  private final int code;

  AuthMessageType(int code) {
    this.code = code;
  }

  /** The value written as the first byte of {@code to_sign}. */
  public int code() {
    return code;
  }

  /** The type with this code, if any. */
  public static Optional<AuthMessageType> fromCode(int code) {
    for (AuthMessageType t : values()) {
      if (t.code == code) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }
}
