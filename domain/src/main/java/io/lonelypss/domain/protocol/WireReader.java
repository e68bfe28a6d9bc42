package io.lonelypss.domain.protocol;

import io.lonelypss.domain.InvalidValueException;
import io.lonelypss.domain.Utf8;
import java.nio.ByteBuffer;

/**
 * Reads the protocol's big-endian integers and length-prefixed fields from a buffer. Every short
 * read or invalid UTF-8 raises {@link MalformedMessageException}.
 */
public final class WireReader {
  private final ByteBuffer buf;

  public WireReader(ByteBuffer buffer) {
    this.buf = buffer.slice();
  }

  public static WireReader of(byte[] bytes) {
    return new WireReader(ByteBuffer.wrap(bytes));
  }

  public int position() {
    return buf.position();
  }

  public int remaining() {
    return buf.remaining();
  }

  private void need(int n, String field) {
    if (buf.remaining() < n) {
      throw new MalformedMessageException("body ends inside " + field);
    }
  }

  public int u8(String field) {
    need(1, field);
    return buf.get() & 0xff;
  }

  public int u16(String field) {
    need(2, field);
    return buf.getShort() & 0xffff;
  }

  public long u32(String field) {
    need(4, field);
    return buf.getInt() & 0xffffffffL;
  }

  /** An unsigned 64-bit value, returned as a (possibly negative) Java long. */
  public long u64(String field) {
    need(8, field);
    return buf.getLong();
  }

  public byte[] fixed(int n, String field) {
    need(n, field);
    byte[] out = new byte[n];
    buf.get(out);
    return out;
  }

  public byte[] lp8(String field) {
    return fixed(u8(field), field);
  }

  public byte[] lp16(String field) {
    return fixed(u16(field), field);
  }

  /** An lp16 field that must be well-formed UTF-8. */
  public String utf8Lp16(String field) {
    return Utf8.decode(lp16(field))
        .orElseThrow(() -> new MalformedMessageException(field + " is not valid UTF-8"));
  }

  /** Runs {@code parse}, turning domain invariant violations into a malformed-message error. */
  public static <T> T validating(java.util.function.Supplier<T> parse) {
    try {
      return parse.get();
    } catch (InvalidValueException e) {
      throw new MalformedMessageException(e.getMessage());
    }
  }
}
