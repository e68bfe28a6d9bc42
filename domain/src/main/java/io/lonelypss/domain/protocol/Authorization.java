package io.lonelypss.domain.protocol;

import java.util.Optional;

/** The optional {@code authorization} string of response bodies: length 0 means absent. */
final class Authorization {
  private Authorization() {}

  static void write(WireWriter w, Optional<String> authorization) {
    w.lp16(authorization.orElse(""));
  }

  static Optional<String> read(WireReader r) {
    String value = r.utf8Lp16("authorization");
    return value.isEmpty() ? Optional.empty() : Optional.of(value);
  }

  static void expectType(WireReader r, int expected) {
    int type = r.u16("type");
    if (type != expected) {
      throw new MalformedMessageException("expected type " + expected + ", got " + type);
    }
  }
}
