package io.lonelypss.domain.protocol.auth;

import io.lonelypss.domain.InvalidValueException;
import io.lonelypss.domain.Utf8;
import io.lonelypss.domain.protocol.StrongEtag;
import io.lonelypss.domain.protocol.WireWriter;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/** Validation and value-semantics helpers shared by the {@link SignedFields} records. */
final class Checks {
  private Checks() {}

  static byte[] tracing(byte[] tracing) {
    Objects.requireNonNull(tracing, "tracing");
    if (tracing.length > SignedFields.MAX_LP16_LENGTH) {
      throw new InvalidValueException(
          "tracing longer than " + SignedFields.MAX_LP16_LENGTH + " bytes");
    }
    return tracing.clone();
  }

  static void text(String value, String what) {
    Objects.requireNonNull(value, what);
    if (Utf8.encode(value).length > SignedFields.MAX_LP16_LENGTH) {
      throw new InvalidValueException(
          what + " longer than " + SignedFields.MAX_LP16_LENGTH + " bytes");
    }
  }

  static Optional<String> recovery(Optional<String> recovery) {
    Objects.requireNonNull(recovery, "recovery");
    recovery.ifPresent(r -> text(r, "recovery"));
    return recovery.filter(r -> !r.isEmpty());
  }

  static void u32(long value, String what) {
    if (value < 0 || value > 0xffff_ffffL) {
      throw new InvalidValueException(what + " out of u32 range: " + value);
    }
  }

  static void etag(StrongEtag etag) {
    Objects.requireNonNull(etag, "etag");
    if (etag.format() < 0 || etag.format() > 0xff) {
      throw new InvalidValueException("etag format out of u8 range: " + etag.format());
    }
  }

  /** Type, tracing and fields as signed: equal exactly when the records are equal. */
  private static byte[] signedPart(SignedFields f) {
    WireWriter out = new WireWriter().u8(f.type().code()).lp16(f.tracing());
    f.writeFields(out);
    return out.toByteArray();
  }

  static boolean sameFields(SignedFields self, Object other) {
    return other instanceof SignedFields o
        && o.getClass() == self.getClass()
        && Arrays.equals(signedPart(self), signedPart(o));
  }

  static int hash(SignedFields self) {
    return Arrays.hashCode(signedPart(self));
  }

  static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }
}
