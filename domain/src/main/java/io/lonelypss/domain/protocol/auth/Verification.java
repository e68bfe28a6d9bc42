package io.lonelypss.domain.protocol.auth;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * The verdict on one authorization value, plus, for an accepted hmac value, the 64-byte code the
 * caller must check against and then record in its replay cache (http.md 8.5). The code is absent
 * for {@code none} and {@code token}, and for every result other than {@link AuthResult#OK}.
 *
 * <p>The code array is copied on the way in and on the way out.
 */
public record Verification(AuthResult result, Optional<byte[]> acceptedCode) {
  /** Length of an hmac code (an HMAC-SHA512 output). */
  public static final int CODE_LENGTH = 64;

  private static final Verification OK = new Verification(AuthResult.OK, Optional.empty());

  public Verification {
    Objects.requireNonNull(result, "result");
    Objects.requireNonNull(acceptedCode, "acceptedCode");
    acceptedCode = acceptedCode.map(byte[]::clone);
    if (acceptedCode.isPresent()) {
      if (result != AuthResult.OK) {
        throw new IllegalArgumentException("only an accepted value carries a code");
      }
      if (acceptedCode.get().length != CODE_LENGTH) {
        throw new IllegalArgumentException("an hmac code is " + CODE_LENGTH + " bytes");
      }
    }
  }

  /** Accepted, nothing to record (schemes {@code none} and {@code token}). */
  public static Verification ok() {
    return OK;
  }

  /** Accepted hmac value whose 64-byte {@code code} the caller must check and record. */
  public static Verification okWithCode(byte[] code) {
    return new Verification(AuthResult.OK, Optional.of(code));
  }

  /** Refused with {@code result}, which must not be {@link AuthResult#OK}. */
  public static Verification rejected(AuthResult result) {
    if (result == AuthResult.OK) {
      throw new IllegalArgumentException("a rejection needs a result other than OK");
    }
    return new Verification(result, Optional.empty());
  }

  /** A copy of the accepted code, if any. */
  @Override
  public Optional<byte[]> acceptedCode() {
    return acceptedCode.map(byte[]::clone);
  }

  public boolean isOk() {
    return result == AuthResult.OK;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Verification other
        && result == other.result
        && acceptedCode.isPresent() == other.acceptedCode.isPresent()
        && (acceptedCode.isEmpty() || Arrays.equals(acceptedCode.get(), other.acceptedCode.get()));
  }

  @Override
  public int hashCode() {
    return 31 * result.hashCode() + acceptedCode.map(Arrays::hashCode).orElse(0);
  }

  @Override
  public String toString() {
    return acceptedCode
        .map(c -> "Verification[" + result + ", code=" + HexFormat.of().formatHex(c) + "]")
        .orElseGet(() -> "Verification[" + result + "]");
  }
}
