package io.lonelypss.domain;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.random.RandomGenerator;

/** An opaque message or delivery identifier: 0 to 255 bytes. */
public final class Identifier {
  public static final int MAX_LENGTH = 255;

  private final byte[] bytes;

  private Identifier(byte[] bytes) {
    if (bytes.length > MAX_LENGTH) {
      throw new InvalidValueException("identifier longer than " + MAX_LENGTH + " bytes");
    }
    this.bytes = bytes;
  }

  public static Identifier of(byte[] bytes) {
    return new Identifier(bytes.clone());
  }

  /** {@code length} random bytes drawn from {@code random}. */
  public static Identifier random(RandomGenerator random, int length) {
    byte[] b = new byte[length];
    for (int i = 0; i < length; i++) {
      b[i] = (byte) random.nextInt(256);
    }
    return new Identifier(b);
  }

  public byte[] bytes() {
    return bytes.clone();
  }

  public int length() {
    return bytes.length;
  }

  /** Constant-time comparison (identifiers are echoed in signed answers). */
  public boolean sameAs(Identifier other) {
    return MessageDigest.isEqual(bytes, other.bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Identifier other && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return HexFormat.of().formatHex(bytes);
  }
}
