package io.lonelypss.domain.protocol;

import io.lonelypss.domain.Identifier;
import io.lonelypss.domain.Sha512Digest;
import io.lonelypss.domain.Topic;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.Optional;

/**
 * The fixed part of a {@code /v1/notify} body: lp16 topic, 64-byte SHA-512 of the message, lp16
 * tracing, lp8 identifier, u64 message length. The message bytes follow it.
 */
public record NotifyHeader(
    Topic topic, Sha512Digest sha512, byte[] tracing, Identifier identifier, long messageLength) {
  /** The longest possible header: {@code 2+65535+64+2+65535+1+255+8} bytes. */
  public static final int MAX_LENGTH = 2 + 65535 + 64 + 2 + 65535 + 1 + 255 + 8;

  public NotifyHeader {
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(sha512, "sha512");
    Objects.requireNonNull(tracing, "tracing");
    Objects.requireNonNull(identifier, "identifier");
  }

  /**
   * Parses the header from the start of {@code buffered}, or answers empty when more bytes are
   * needed. On success the buffer's position is left just after the header.
   */
  public static Optional<NotifyHeader> tryParse(ByteBuffer buffered) {
    ByteBuffer b = buffered.duplicate();
    WireReader r = new WireReader(b);
    NotifyHeader header;
    try {
      byte[] topic = r.lp16("topic");
      byte[] sha = r.fixed(Sha512Digest.LENGTH, "sha512");
      byte[] tracing = r.lp16("tracing");
      byte[] identifier = r.lp8("identifier");
      long length = r.u64("message length");
      header =
          new NotifyHeader(
              Topic.of(topic), Sha512Digest.of(sha), tracing, Identifier.of(identifier), length);
    } catch (MalformedMessageException shortRead) {
      return Optional.empty();
    }
    buffered.position(buffered.position() + r.position());
    return Optional.of(header);
  }

  public int encodedLength() {
    return 2
        + topic.length()
        + Sha512Digest.LENGTH
        + 2
        + tracing.length
        + 1
        + identifier.length()
        + 8;
  }

  public byte[] encode() {
    return new WireWriter(encodedLength())
        .lp16(topic.bytes())
        .raw(sha512.bytes())
        .lp16(tracing)
        .lp8(identifier.bytes())
        .u64(messageLength)
        .toByteArray();
  }
}
