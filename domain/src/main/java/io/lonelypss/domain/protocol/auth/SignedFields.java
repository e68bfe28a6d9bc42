package io.lonelypss.domain.protocol.auth;

import io.lonelypss.domain.GlobPattern;
import io.lonelypss.domain.Identifier;
import io.lonelypss.domain.InvalidValueException;
import io.lonelypss.domain.Sha512Digest;
import io.lonelypss.domain.Topic;
import io.lonelypss.domain.Utf8;
import io.lonelypss.domain.protocol.StrongEtag;
import io.lonelypss.domain.protocol.WireWriter;
import java.util.Objects;
import java.util.Optional;

/**
 * The fields of one HTTP message that its authorization covers (http.md 8.4), one record per auth
 * message type. {@code to_sign} is {@code u8 type, u64 timestamp, lp8 nonce, lp16 tracing} followed
 * by the type-specific fields that {@link #writeFields} appends; see {@link #toSign}.
 *
 * <p>URLs are signed as text exactly as given (UTF-8, {@code lp16}); nothing is stripped here, a
 * {@code #fragment} included. Choosing the URL is the caller's job: requests sign the URL as sent
 * in the body; a webhook receiver uses the URL it rebuilt from the request (http.md 7.2); and
 * DECISIONS D8 asks the broadcaster to sign RECEIVE and MISSED with the URL as lonelypsc rebuilds
 * it, i.e. without the fragment of the stored subscription URL. An absent recovery URL is written
 * as {@code lp16} of nothing; {@code Optional.of("")} is the same thing and is normalised to empty.
 * Unsubscribe requests are signed as {@link SubscribeExact} / {@link SubscribeGlob}. {@code
 * tracing} is the tracing block of the message being signed; it is copied on the way in and out.
 *
 * <p>Building a record validates every length the layout imposes, so writing never fails.
 */
public sealed interface SignedFields
    permits SignedFields.SubscribeExact,
        SignedFields.SubscribeGlob,
        SignedFields.Notify,
        SignedFields.CheckSubscriptions,
        SignedFields.SetSubscriptions,
        SignedFields.ConfirmReceive,
        SignedFields.ConfirmMissed,
        SignedFields.Receive,
        SignedFields.Missed,
        SignedFields.ConfirmSubscribeExact,
        SignedFields.ConfirmSubscribeGlob,
        SignedFields.ConfirmNotify,
        SignedFields.CheckSubscriptionsResponse,
        SignedFields.SetSubscriptionsResponse {

  /** Longest nonce, in UTF-8 bytes ({@code lp8}). */
  int MAX_NONCE_LENGTH = 255;

  /** Longest tracing block, URL, topic or glob, in bytes ({@code lp16}). */
  int MAX_LP16_LENGTH = 65535;

  /** The auth message type, the first byte of {@code to_sign}. */
  AuthMessageType type();

  /** A copy of the signed tracing block. */
  byte[] tracing();

  /** Appends the type-specific fields, in {@code to_sign} order, after the common prefix. */
  void writeFields(WireWriter out);

  /**
   * The exact bytes an hmac covers: {@code u8 type, u64 timestamp, lp8 nonce (UTF-8), lp16
   * tracing}, then the type-specific fields. {@code timestamp} is written as an unsigned 64-bit
   * value.
   *
   * @throws InvalidValueException when the nonce is not valid text or longer than 255 UTF-8 bytes
   */
  static byte[] toSign(SignedFields fields, long timestamp, String nonce) {
    Objects.requireNonNull(fields, "fields");
    Objects.requireNonNull(nonce, "nonce");
    byte[] nonceBytes = Utf8.encode(nonce);
    if (nonceBytes.length > MAX_NONCE_LENGTH) {
      throw new InvalidValueException("nonce longer than " + MAX_NONCE_LENGTH + " bytes");
    }
    byte[] tracing = fields.tracing();
    WireWriter out = new WireWriter(1 + 8 + 1 + nonceBytes.length + 2 + tracing.length + 128);
    out.u8(fields.type().code()).u64(timestamp).lp8(nonceBytes).lp16(tracing);
    fields.writeFields(out);
    return out.toByteArray();
  }

  /**
   * {@link AuthMessageType#SUBSCRIBE_EXACT}: lp16 url, lp16 recovery (empty if none), lp16 topic.
   */
  record SubscribeExact(byte[] tracing, String url, Optional<String> recovery, Topic topic)
      implements SignedFields {
    public SubscribeExact {
      tracing = Checks.tracing(tracing);
      Checks.text(url, "url");
      recovery = Checks.recovery(recovery);
      Objects.requireNonNull(topic, "topic");
    }

    @Override
    public AuthMessageType type() {
      return AuthMessageType.SUBSCRIBE_EXACT;
    }

    @Override
    public byte[] tracing() {
      return tracing.clone();
    }

    @Override
    public void writeFields(WireWriter out) {
      out.lp16(url).lp16(recovery.orElse("")).lp16(topic.bytes());
    }

    @Override
    public boolean equals(Object o) {
      return Checks.sameFields(this, o);
    }

    @Override
    public int hashCode() {
      return Checks.hash(this);
    }

    @Override
    public String toString() {
      return "SubscribeExact[tracing="
          + Checks.hex(tracing)
          + ", "
          + "url="
          + url
          + ", "
          + "recovery="
          + recovery
          + ", "
          + "topic="
          + topic
          + "]";
    }
  }

  /** {@link AuthMessageType#SUBSCRIBE_GLOB}: lp16 url, lp16 recovery (empty if none), lp16 glob. */
  record SubscribeGlob(byte[] tracing, String url, Optional<String> recovery, GlobPattern glob)
      implements SignedFields {
    public SubscribeGlob {
      tracing = Checks.tracing(tracing);
      Checks.text(url, "url");
      recovery = Checks.recovery(recovery);
      Objects.requireNonNull(glob, "glob");
    }

    @Override
    public AuthMessageType type() {
      return AuthMessageType.SUBSCRIBE_GLOB;
    }

    @Override
    public byte[] tracing() {
      return tracing.clone();
    }

    @Override
    public void writeFields(WireWriter out) {
      out.lp16(url).lp16(recovery.orElse("")).lp16(glob.utf8());
    }

    @Override
    public boolean equals(Object o) {
      return Checks.sameFields(this, o);
    }

    @Override
    public int hashCode() {
      return Checks.hash(this);
    }

    @Override
    public String toString() {
      return "SubscribeGlob[tracing="
          + Checks.hex(tracing)
          + ", "
          + "url="
          + url
          + ", "
          + "recovery="
          + recovery
          + ", "
          + "glob="
          + glob
          + "]";
    }
  }

  /** {@link AuthMessageType#NOTIFY}: lp16 topic, lp8 identifier, 64 message sha512. */
  record Notify(byte[] tracing, Topic topic, Identifier identifier, Sha512Digest sha512)
      implements SignedFields {
    public Notify {
      tracing = Checks.tracing(tracing);
      Objects.requireNonNull(topic, "topic");
      Objects.requireNonNull(identifier, "identifier");
      Objects.requireNonNull(sha512, "sha512");
    }

    @Override
    public AuthMessageType type() {
      return AuthMessageType.NOTIFY;
    }

    @Override
    public byte[] tracing() {
      return tracing.clone();
    }

    @Override
    public void writeFields(WireWriter out) {
      out.lp16(topic.bytes()).lp8(identifier.bytes()).raw(sha512.bytes());
    }

    @Override
    public boolean equals(Object o) {
      return Checks.sameFields(this, o);
    }

    @Override
    public int hashCode() {
      return Checks.hash(this);
    }

    @Override
    public String toString() {
      return "Notify[tracing="
          + Checks.hex(tracing)
          + ", "
          + "topic="
          + topic
          + ", "
          + "identifier="
          + identifier
          + ", "
          + "sha512="
          + sha512
          + "]";
    }
  }

  /** {@link AuthMessageType#CHECK_SUBSCRIPTIONS}: lp16 url. */
  record CheckSubscriptions(byte[] tracing, String url) implements SignedFields {
    public CheckSubscriptions {
      tracing = Checks.tracing(tracing);
      Checks.text(url, "url");
    }

    @Override
    public AuthMessageType type() {
      return AuthMessageType.CHECK_SUBSCRIPTIONS;
    }

    @Override
    public byte[] tracing() {
      return tracing.clone();
    }

    @Override
    public void writeFields(WireWriter out) {
      out.lp16(url);
    }

    @Override
    public boolean equals(Object o) {
      return Checks.sameFields(this, o);
    }

    @Override
    public int hashCode() {
      return Checks.hash(this);
    }

    @Override
    public String toString() {
      return "CheckSubscriptions[tracing=" + Checks.hex(tracing) + ", " + "url=" + url + "]";
    }
  }

  /** {@link AuthMessageType#SET_SUBSCRIPTIONS}: lp16 url, u8 etag format, 64 etag. */
  record SetSubscriptions(byte[] tracing, String url, StrongEtag etag) implements SignedFields {
    public SetSubscriptions {
      tracing = Checks.tracing(tracing);
      Checks.text(url, "url");
      Checks.etag(etag);
    }

    @Override
    public AuthMessageType type() {
      return AuthMessageType.SET_SUBSCRIPTIONS;
    }

    @Override
    public byte[] tracing() {
      return tracing.clone();
    }

    @Override
    public void writeFields(WireWriter out) {
      out.lp16(url).u8(etag.format()).raw(etag.hash());
    }

    @Override
    public boolean equals(Object o) {
      return Checks.sameFields(this, o);
    }

    @Override
    public int hashCode() {
      return Checks.hash(this);
    }

    @Override
    public String toString() {
      return "SetSubscriptions[tracing="
          + Checks.hex(tracing)
          + ", "
          + "url="
          + url
          + ", "
          + "etag="
          + etag
          + "]";
    }
  }

  /** {@link AuthMessageType#CONFIRM_RECEIVE}: lp8 identifier, u32 num_subscribers, lp16 url. */
  record ConfirmReceive(byte[] tracing, Identifier identifier, long numSubscribers, String url)
      implements SignedFields {
    public ConfirmReceive {
      tracing = Checks.tracing(tracing);
      Objects.requireNonNull(identifier, "identifier");
      Checks.u32(numSubscribers, "numSubscribers");
      Checks.text(url, "url");
    }

    @Override
    public AuthMessageType type() {
      return AuthMessageType.CONFIRM_RECEIVE;
    }

    @Override
    public byte[] tracing() {
      return tracing.clone();
    }

    @Override
    public void writeFields(WireWriter out) {
      out.lp8(identifier.bytes()).u32(numSubscribers).lp16(url);
    }

    @Override
    public boolean equals(Object o) {
      return Checks.sameFields(this, o);
    }

    @Override
    public int hashCode() {
      return Checks.hash(this);
    }

    @Override
    public String toString() {
      return "ConfirmReceive[tracing="
          + Checks.hex(tracing)
          + ", "
          + "identifier="
          + identifier
          + ", "
          + "numSubscribers="
          + numSubscribers
          + ", "
          + "url="
          + url
          + "]";
    }
  }

  /**
   * {@link AuthMessageType#CONFIRM_MISSED}: lp16 topic, lp16 url (the recovery URL the MISSED went
   * to).
   */
  record ConfirmMissed(byte[] tracing, Topic topic, String url) implements SignedFields {
    public ConfirmMissed {
      tracing = Checks.tracing(tracing);
      Objects.requireNonNull(topic, "topic");
      Checks.text(url, "url");
    }

    @Override
    public AuthMessageType type() {
      return AuthMessageType.CONFIRM_MISSED;
    }

    @Override
    public byte[] tracing() {
      return tracing.clone();
    }

    @Override
    public void writeFields(WireWriter out) {
      out.lp16(topic.bytes()).lp16(url);
    }

    @Override
    public boolean equals(Object o) {
      return Checks.sameFields(this, o);
    }

    @Override
    public int hashCode() {
      return Checks.hash(this);
    }

    @Override
    public String toString() {
      return "ConfirmMissed[tracing="
          + Checks.hex(tracing)
          + ", "
          + "topic="
          + topic
          + ", "
          + "url="
          + url
          + "]";
    }
  }

  /** {@link AuthMessageType#RECEIVE}: lp16 url, lp16 topic, lp8 identifier, 64 message sha512. */
  record Receive(
      byte[] tracing, String url, Topic topic, Identifier identifier, Sha512Digest sha512)
      implements SignedFields {
    public Receive {
      tracing = Checks.tracing(tracing);
      Checks.text(url, "url");
      Objects.requireNonNull(topic, "topic");
      Objects.requireNonNull(identifier, "identifier");
      Objects.requireNonNull(sha512, "sha512");
    }

    @Override
    public AuthMessageType type() {
      return AuthMessageType.RECEIVE;
    }

    @Override
    public byte[] tracing() {
      return tracing.clone();
    }

    @Override
    public void writeFields(WireWriter out) {
      out.lp16(url).lp16(topic.bytes()).lp8(identifier.bytes()).raw(sha512.bytes());
    }

    @Override
    public boolean equals(Object o) {
      return Checks.sameFields(this, o);
    }

    @Override
    public int hashCode() {
      return Checks.hash(this);
    }

    @Override
    public String toString() {
      return "Receive[tracing="
          + Checks.hex(tracing)
          + ", "
          + "url="
          + url
          + ", "
          + "topic="
          + topic
          + ", "
          + "identifier="
          + identifier
          + ", "
          + "sha512="
          + sha512
          + "]";
    }
  }

  /** {@link AuthMessageType#MISSED}: lp16 recovery url, lp16 topic. */
  record Missed(byte[] tracing, String recoveryUrl, Topic topic) implements SignedFields {
    public Missed {
      tracing = Checks.tracing(tracing);
      Checks.text(recoveryUrl, "recoveryUrl");
      Objects.requireNonNull(topic, "topic");
    }

    @Override
    public AuthMessageType type() {
      return AuthMessageType.MISSED;
    }

    @Override
    public byte[] tracing() {
      return tracing.clone();
    }

    @Override
    public void writeFields(WireWriter out) {
      out.lp16(recoveryUrl).lp16(topic.bytes());
    }

    @Override
    public boolean equals(Object o) {
      return Checks.sameFields(this, o);
    }

    @Override
    public int hashCode() {
      return Checks.hash(this);
    }

    @Override
    public String toString() {
      return "Missed[tracing="
          + Checks.hex(tracing)
          + ", "
          + "recoveryUrl="
          + recoveryUrl
          + ", "
          + "topic="
          + topic
          + "]";
    }
  }

  /**
   * {@link AuthMessageType#CONFIRM_SUBSCRIBE_EXACT}: lp16 url, lp16 recovery (empty if none), lp16
   * topic; also answers unsubscribe.
   */
  record ConfirmSubscribeExact(byte[] tracing, String url, Optional<String> recovery, Topic topic)
      implements SignedFields {
    public ConfirmSubscribeExact {
      tracing = Checks.tracing(tracing);
      Checks.text(url, "url");
      recovery = Checks.recovery(recovery);
      Objects.requireNonNull(topic, "topic");
    }

    @Override
    public AuthMessageType type() {
      return AuthMessageType.CONFIRM_SUBSCRIBE_EXACT;
    }

    @Override
    public byte[] tracing() {
      return tracing.clone();
    }

    @Override
    public void writeFields(WireWriter out) {
      out.lp16(url).lp16(recovery.orElse("")).lp16(topic.bytes());
    }

    @Override
    public boolean equals(Object o) {
      return Checks.sameFields(this, o);
    }

    @Override
    public int hashCode() {
      return Checks.hash(this);
    }

    @Override
    public String toString() {
      return "ConfirmSubscribeExact[tracing="
          + Checks.hex(tracing)
          + ", "
          + "url="
          + url
          + ", "
          + "recovery="
          + recovery
          + ", "
          + "topic="
          + topic
          + "]";
    }
  }

  /**
   * {@link AuthMessageType#CONFIRM_SUBSCRIBE_GLOB}: lp16 url, lp16 recovery (empty if none), lp16
   * glob; also answers unsubscribe.
   */
  record ConfirmSubscribeGlob(
      byte[] tracing, String url, Optional<String> recovery, GlobPattern glob)
      implements SignedFields {
    public ConfirmSubscribeGlob {
      tracing = Checks.tracing(tracing);
      Checks.text(url, "url");
      recovery = Checks.recovery(recovery);
      Objects.requireNonNull(glob, "glob");
    }

    @Override
    public AuthMessageType type() {
      return AuthMessageType.CONFIRM_SUBSCRIBE_GLOB;
    }

    @Override
    public byte[] tracing() {
      return tracing.clone();
    }

    @Override
    public void writeFields(WireWriter out) {
      out.lp16(url).lp16(recovery.orElse("")).lp16(glob.utf8());
    }

    @Override
    public boolean equals(Object o) {
      return Checks.sameFields(this, o);
    }

    @Override
    public int hashCode() {
      return Checks.hash(this);
    }

    @Override
    public String toString() {
      return "ConfirmSubscribeGlob[tracing="
          + Checks.hex(tracing)
          + ", "
          + "url="
          + url
          + ", "
          + "recovery="
          + recovery
          + ", "
          + "glob="
          + glob
          + "]";
    }
  }

  /**
   * {@link AuthMessageType#CONFIRM_NOTIFY}: lp8 identifier, u32 subscribers, lp16 topic, 64 message
   * sha512.
   */
  record ConfirmNotify(
      byte[] tracing, Identifier identifier, long subscribers, Topic topic, Sha512Digest sha512)
      implements SignedFields {
    public ConfirmNotify {
      tracing = Checks.tracing(tracing);
      Objects.requireNonNull(identifier, "identifier");
      Checks.u32(subscribers, "subscribers");
      Objects.requireNonNull(topic, "topic");
      Objects.requireNonNull(sha512, "sha512");
    }

    @Override
    public AuthMessageType type() {
      return AuthMessageType.CONFIRM_NOTIFY;
    }

    @Override
    public byte[] tracing() {
      return tracing.clone();
    }

    @Override
    public void writeFields(WireWriter out) {
      out.lp8(identifier.bytes()).u32(subscribers).lp16(topic.bytes()).raw(sha512.bytes());
    }

    @Override
    public boolean equals(Object o) {
      return Checks.sameFields(this, o);
    }

    @Override
    public int hashCode() {
      return Checks.hash(this);
    }

    @Override
    public String toString() {
      return "ConfirmNotify[tracing="
          + Checks.hex(tracing)
          + ", "
          + "identifier="
          + identifier
          + ", "
          + "subscribers="
          + subscribers
          + ", "
          + "topic="
          + topic
          + ", "
          + "sha512="
          + sha512
          + "]";
    }
  }

  /** {@link AuthMessageType#CHECK_SUBSCRIPTIONS_RESPONSE}: u8 etag format, 64 etag. */
  record CheckSubscriptionsResponse(byte[] tracing, StrongEtag etag) implements SignedFields {
    public CheckSubscriptionsResponse {
      tracing = Checks.tracing(tracing);
      Checks.etag(etag);
    }

    @Override
    public AuthMessageType type() {
      return AuthMessageType.CHECK_SUBSCRIPTIONS_RESPONSE;
    }

    @Override
    public byte[] tracing() {
      return tracing.clone();
    }

    @Override
    public void writeFields(WireWriter out) {
      out.u8(etag.format()).raw(etag.hash());
    }

    @Override
    public boolean equals(Object o) {
      return Checks.sameFields(this, o);
    }

    @Override
    public int hashCode() {
      return Checks.hash(this);
    }

    @Override
    public String toString() {
      return "CheckSubscriptionsResponse[tracing="
          + Checks.hex(tracing)
          + ", "
          + "etag="
          + etag
          + "]";
    }
  }

  /** {@link AuthMessageType#SET_SUBSCRIPTIONS_RESPONSE}: u8 etag format, 64 etag. */
  record SetSubscriptionsResponse(byte[] tracing, StrongEtag etag) implements SignedFields {
    public SetSubscriptionsResponse {
      tracing = Checks.tracing(tracing);
      Checks.etag(etag);
    }

    @Override
    public AuthMessageType type() {
      return AuthMessageType.SET_SUBSCRIPTIONS_RESPONSE;
    }

    @Override
    public byte[] tracing() {
      return tracing.clone();
    }

    @Override
    public void writeFields(WireWriter out) {
      out.u8(etag.format()).raw(etag.hash());
    }

    @Override
    public boolean equals(Object o) {
      return Checks.sameFields(this, o);
    }

    @Override
    public int hashCode() {
      return Checks.hash(this);
    }

    @Override
    public String toString() {
      return "SetSubscriptionsResponse[tracing="
          + Checks.hex(tracing)
          + ", "
          + "etag="
          + etag
          + "]";
    }
  }
}
