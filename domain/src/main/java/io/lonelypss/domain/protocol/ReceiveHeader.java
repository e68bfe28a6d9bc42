package io.lonelypss.domain.protocol;

import io.lonelypss.domain.Identifier;
import io.lonelypss.domain.Sha512Digest;
import io.lonelypss.domain.Topic;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * The fixed part of a RECEIVE webhook body (http.md 6.1): lp16 tracing, lp16 topic, lp8 identifier,
 * u64 message length; the message bytes follow. The message's SHA-512 travels in the {@code
 * Repr-Digest} header, see {@link #reprDigest}.
 */
public record ReceiveHeader(
    byte[] tracing, Topic topic, Identifier identifier, long messageLength) {
  /** Name of the header that carries the message digest. */
  public static final String REPR_DIGEST_HEADER = "Repr-Digest";

  public ReceiveHeader {
    Objects.requireNonNull(tracing, "tracing");
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(identifier, "identifier");
  }

  public int encodedLength() {
    return 2 + tracing.length + 2 + topic.length() + 1 + identifier.length() + 8;
  }

  public byte[] encode() {
    return new WireWriter(encodedLength())
        .lp16(tracing)
        .lp16(topic.bytes())
        .lp8(identifier.bytes())
        .u64(messageLength)
        .toByteArray();
  }

  /** Parses the header, or answers empty when more bytes are needed. */
  public static Optional<ReceiveHeader> tryParse(ByteBuffer buffered) {
    ByteBuffer b = buffered.duplicate();
    WireReader r = new WireReader(b);
    ReceiveHeader header;
    try {
      byte[] tracing = r.lp16("tracing");
      byte[] topic = r.lp16("topic");
      byte[] identifier = r.lp8("identifier");
      long length = r.u64("message length");
      header = new ReceiveHeader(tracing, Topic.of(topic), Identifier.of(identifier), length);
    } catch (MalformedMessageException shortRead) {
      return Optional.empty();
    }
    buffered.position(buffered.position() + r.position());
    return Optional.of(header);
  }

  /**
   * The {@code Repr-Digest} value: {@code sha-512=} and the standard, padded base64 of the digest.
   * Only this one digest is sent, since lonelypsc splits the header on commas without trimming.
   */
  public static String reprDigest(Sha512Digest sha512) {
    return "sha-512=" + Base64.getEncoder().encodeToString(sha512.bytes());
  }
}
