package io.lonelypss.domain.protocol;

import io.lonelypss.domain.Identifier;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.Optional;

/**
 * A subscriber's answer to a RECEIVE or MISSED webhook: CONFIRM_RECEIVE, CONFIRM_MISSED or
 * UNSUBSCRIBE_IMMEDIATE, told apart by the leading {@code u16}.
 */
public sealed interface SubscriberAnswer
    permits SubscriberAnswer.ConfirmReceive,
        SubscriberAnswer.ConfirmMissed,
        SubscriberAnswer.UnsubscribeImmediate {

  byte[] encode();

  /**
   * Parses an answer body. Trailing bytes are ignored.
   *
   * @throws MalformedMessageException on an unknown type or a short body
   */
  static SubscriberAnswer parse(ByteBuffer body) {
    WireReader r = new WireReader(body);
    int type = r.u16("type");
    switch (type) {
      case MessageTypes.RESPONSE_CONFIRM_RECEIVE:
        {
          Optional<String> authorization = Authorization.read(r);
          byte[] tracing = r.lp16("tracing");
          Identifier identifier = Identifier.of(r.lp8("identifier"));
          long count = r.u32("num_subscribers");
          return new ConfirmReceive(authorization, tracing, identifier, count);
        }
      case MessageTypes.RESPONSE_CONFIRM_MISSED:
        {
          Optional<String> authorization = Authorization.read(r);
          return new ConfirmMissed(authorization, r.lp16("tracing"));
        }
      case MessageTypes.RESPONSE_UNSUBSCRIBE_IMMEDIATE:
        return new UnsubscribeImmediate();
      default:
        throw new MalformedMessageException("unknown answer type " + type);
    }
  }

  /** u16 8, lp16 authorization, lp16 tracing, lp8 identifier, u32 num_subscribers. */
  record ConfirmReceive(
      Optional<String> authorization, byte[] tracing, Identifier identifier, long numSubscribers)
      implements SubscriberAnswer {
    public ConfirmReceive {
      Objects.requireNonNull(authorization, "authorization");
      Objects.requireNonNull(tracing, "tracing");
      Objects.requireNonNull(identifier, "identifier");
    }

    @Override
    public byte[] encode() {
      WireWriter w = new WireWriter().u16(MessageTypes.RESPONSE_CONFIRM_RECEIVE);
      Authorization.write(w, authorization);
      return w.lp16(tracing).lp8(identifier.bytes()).u32(numSubscribers).toByteArray();
    }
  }

  /** u16 9, lp16 authorization, lp16 tracing. */
  record ConfirmMissed(Optional<String> authorization, byte[] tracing) implements SubscriberAnswer {
    public ConfirmMissed {
      Objects.requireNonNull(authorization, "authorization");
      Objects.requireNonNull(tracing, "tracing");
    }

    @Override
    public byte[] encode() {
      WireWriter w = new WireWriter().u16(MessageTypes.RESPONSE_CONFIRM_MISSED);
      Authorization.write(w, authorization);
      return w.lp16(tracing).toByteArray();
    }
  }

  /** u16 10 and nothing else. */
  record UnsubscribeImmediate() implements SubscriberAnswer {
    @Override
    public byte[] encode() {
      return new WireWriter().u16(MessageTypes.RESPONSE_UNSUBSCRIBE_IMMEDIATE).toByteArray();
    }
  }
}
