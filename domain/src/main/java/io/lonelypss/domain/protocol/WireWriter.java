package io.lonelypss.domain.protocol;

import io.lonelypss.domain.Utf8;
import java.io.ByteArrayOutputStream;

/** Builds protocol messages: big-endian integers and length-prefixed fields. */
public final class WireWriter {
  private final ByteArrayOutputStream out;

  public WireWriter() {
    this(64);
  }

  public WireWriter(int initialCapacity) {
    this.out = new ByteArrayOutputStream(initialCapacity);
  }

  public WireWriter u8(int v) {
    if (v < 0 || v > 0xff) {
      throw new IllegalArgumentException("u8 out of range: " + v);
    }
    out.write(v);
    return this;
  }

  public WireWriter u16(int v) {
    if (v < 0 || v > 0xffff) {
      throw new IllegalArgumentException("u16 out of range: " + v);
    }
    out.write(v >>> 8);
    out.write(v);
    return this;
  }

  public WireWriter u32(long v) {
    if (v < 0 || v > 0xffffffffL) {
      throw new IllegalArgumentException("u32 out of range: " + v);
    }
    for (int shift = 24; shift >= 0; shift -= 8) {
      out.write((int) (v >>> shift));
    }
    return this;
  }

  /** Writes {@code v} as an unsigned 64-bit value (negative longs are values above 2^63). */
  public WireWriter u64(long v) {
    for (int shift = 56; shift >= 0; shift -= 8) {
      out.write((int) (v >>> shift));
    }
    return this;
  }

  public WireWriter raw(byte[] bytes) {
    out.write(bytes, 0, bytes.length);
    return this;
  }

  public WireWriter lp8(byte[] bytes) {
    u8(bytes.length);
    return raw(bytes);
  }

  public WireWriter lp16(byte[] bytes) {
    u16(bytes.length);
    return raw(bytes);
  }

  public WireWriter lp16(String text) {
    return lp16(Utf8.encode(text));
  }

  public int size() {
    return out.size();
  }

  public byte[] toByteArray() {
    return out.toByteArray();
  }
}
