package io.lonelypss.domain;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/** A SHA-512 digest: exactly 64 bytes. */
public final class Sha512Digest {
  public static final int LENGTH = 64;

  private final byte[] bytes;

  private Sha512Digest(byte[] bytes) {
    if (bytes.length != LENGTH) {
      throw new InvalidValueException("sha512 must be " + LENGTH + " bytes");
    }
    this.bytes = bytes;
  }

  public static Sha512Digest of(byte[] bytes) {
    return new Sha512Digest(bytes.clone());
  }

  /** The digest of {@code data}. */
  public static Sha512Digest hash(byte[] data) {
    MessageDigest md = newHasher();
    return new Sha512Digest(md.digest(data));
  }

  /** A fresh SHA-512 {@link MessageDigest}, for hashing a stream as it arrives. */
  public static MessageDigest newHasher() {
    try {
      return MessageDigest.getInstance("SHA-512");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK provides SHA-512", e);
    }
  }

  /** The digest computed so far by {@code hasher} (which is reset). */
  public static Sha512Digest finish(MessageDigest hasher) {
    return new Sha512Digest(hasher.digest());
  }

  public byte[] bytes() {
    return bytes.clone();
  }

  /** Constant-time comparison. */
  public boolean sameAs(Sha512Digest other) {
    return MessageDigest.isEqual(bytes, other.bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Sha512Digest other && Arrays.equals(bytes, other.bytes);
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
