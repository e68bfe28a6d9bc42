package io.lonelypss.domain;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;

/** A topic: arbitrary bytes, at most 65535 of them. Ordered bytewise (unsigned). */
public final class Topic implements Interest, Comparable<Topic> {
  public static final int MAX_LENGTH = 65535;

  private final byte[] bytes;

  private Topic(byte[] bytes) {
    if (bytes.length > MAX_LENGTH) {
      throw new InvalidValueException("topic longer than " + MAX_LENGTH + " bytes");
    }
    this.bytes = bytes;
  }

  public static Topic of(byte[] bytes) {
    return new Topic(bytes.clone());
  }

  public static Topic ofUtf8(String text) {
    return new Topic(Utf8.encode(text));
  }

  /** A copy of the topic's bytes. */
  public byte[] bytes() {
    return bytes.clone();
  }

  @Override
  public byte[] wireBytes() {
    return bytes();
  }

  public int length() {
    return bytes.length;
  }

  /** The topic as text when it is well-formed UTF-8. */
  public Optional<String> utf8() {
    return Utf8.decode(bytes);
  }

  @Override
  public boolean matches(Topic topic) {
    return equals(topic);
  }

  @Override
  public int compareTo(Topic other) {
    return Arrays.compareUnsigned(bytes, other.bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Topic other && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return utf8().orElseGet(() -> "0x" + HexFormat.of().formatHex(bytes));
  }
}
