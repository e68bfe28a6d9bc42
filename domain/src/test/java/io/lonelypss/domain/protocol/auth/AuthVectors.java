package io.lonelypss.domain.protocol.auth;

import io.lonelypss.domain.GlobPattern;
import io.lonelypss.domain.Identifier;
import io.lonelypss.domain.Sha512Digest;
import io.lonelypss.domain.Topic;
import io.lonelypss.domain.protocol.StrongEtag;
import io.lonelypss.domain.testing.Vectors;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns the {@code inputs} of auth vectors into {@link SignedFields}, and vector clocks into time.
 */
final class AuthVectors {
  private AuthVectors() {}

  /** The signed fields of auth message type {@code code}, from a vector's {@code inputs}. */
  static SignedFields fields(int code, Map<String, Object> in) {
    byte[] tracing = Vectors.hex((String) in.get("tracing_hex"));
    return switch (code) {
      case 1 ->
          new SignedFields.SubscribeExact(
              tracing, str(in, "url"), opt(in, "recovery"), topic(in, "exact_hex"));
      case 2 ->
          new SignedFields.SubscribeGlob(
              tracing, str(in, "url"), opt(in, "recovery"), GlobPattern.of(str(in, "glob")));
      case 3 ->
          new SignedFields.Notify(tracing, topic(in, "topic_hex"), identifier(in), sha512(in));
      case 5 -> new SignedFields.CheckSubscriptions(tracing, str(in, "url"));
      case 6 -> new SignedFields.SetSubscriptions(tracing, str(in, "url"), etag(in));
      case 8 ->
          new SignedFields.ConfirmReceive(
              tracing, identifier(in), num(in, "num_subscribers"), str(in, "url"));
      case 9 -> new SignedFields.ConfirmMissed(tracing, topic(in, "topic_hex"), str(in, "url"));
      case 10 ->
          new SignedFields.Receive(
              tracing, str(in, "url"), topic(in, "topic_hex"), identifier(in), sha512(in));
      case 11 -> new SignedFields.Missed(tracing, str(in, "recovery"), topic(in, "topic_hex"));
      case 12 ->
          new SignedFields.ConfirmSubscribeExact(
              tracing, str(in, "url"), opt(in, "recovery"), topic(in, "exact_hex"));
      case 13 ->
          new SignedFields.ConfirmSubscribeGlob(
              tracing, str(in, "url"), opt(in, "recovery"), GlobPattern.of(str(in, "glob")));
      case 14 ->
          new SignedFields.ConfirmNotify(
              tracing, identifier(in), num(in, "subscribers"), topic(in, "topic_hex"), sha512(in));
      case 15 -> new SignedFields.CheckSubscriptionsResponse(tracing, etag(in));
      case 16 -> new SignedFields.SetSubscriptionsResponse(tracing, etag(in));
      default -> throw new IllegalArgumentException("no HTTP auth message type " + code);
    };
  }

  /** One sample of every HTTP message type, for properties that must hold for all of them. */
  static List<SignedFields> oneOfEachType() {
    byte[] tracing = {1, 2, 3};
    Topic topic = Topic.ofUtf8("orders/created");
    Identifier id = Identifier.of(new byte[] {9, 8, 7});
    Sha512Digest sha = Sha512Digest.hash(new byte[] {1});
    StrongEtag etag = StrongEtag.of(0, new byte[64]);
    String url = "http://127.0.0.1:3002/v1/receive#frag";
    Optional<String> recovery = Optional.of("http://127.0.0.1:3002/v1/recover");
    GlobPattern glob = GlobPattern.of("orders/*");
    return List.of(
        new SignedFields.SubscribeExact(tracing, url, recovery, topic),
        new SignedFields.SubscribeGlob(tracing, url, Optional.empty(), glob),
        new SignedFields.Notify(tracing, topic, id, sha),
        new SignedFields.CheckSubscriptions(tracing, url),
        new SignedFields.SetSubscriptions(tracing, url, etag),
        new SignedFields.ConfirmReceive(tracing, id, 3, url),
        new SignedFields.ConfirmMissed(tracing, topic, recovery.get()),
        new SignedFields.Receive(tracing, url, topic, id, sha),
        new SignedFields.Missed(tracing, recovery.get(), topic),
        new SignedFields.ConfirmSubscribeExact(tracing, url, recovery, topic),
        new SignedFields.ConfirmSubscribeGlob(tracing, url, recovery, glob),
        new SignedFields.ConfirmNotify(tracing, id, 2, topic, sha),
        new SignedFields.CheckSubscriptionsResponse(tracing, etag),
        new SignedFields.SetSubscriptionsResponse(tracing, etag));
  }

  /** A vector clock value (JSON integer or fraction) as an exact instant. */
  static Instant instant(Object jsonNumber) {
    if (jsonNumber instanceof Long seconds) {
      return Instant.ofEpochSecond(seconds);
    }
    BigDecimal exact = new BigDecimal(String.valueOf((Double) jsonNumber));
    long seconds = exact.longValue();
    long nanos = exact.subtract(BigDecimal.valueOf(seconds)).movePointRight(9).longValueExact();
    return Instant.ofEpochSecond(seconds, nanos);
  }

  static AuthResult result(Object recorded) {
    return AuthResult.valueOf((String) recorded);
  }

  private static String str(Map<String, Object> in, String key) {
    Object v = in.get(key);
    if (!(v instanceof String s)) {
      throw new IllegalArgumentException("vector input " + key + " missing");
    }
    return s;
  }

  private static Optional<String> opt(Map<String, Object> in, String key) {
    return Optional.ofNullable((String) in.get(key));
  }

  private static Topic topic(Map<String, Object> in, String key) {
    return Topic.of(Vectors.hex(str(in, key)));
  }

  private static Identifier identifier(Map<String, Object> in) {
    return Identifier.of(Vectors.hex(str(in, "identifier_hex")));
  }

  private static Sha512Digest sha512(Map<String, Object> in) {
    return Sha512Digest.of(Vectors.hex(str(in, "message_sha512_hex")));
  }

  private static StrongEtag etag(Map<String, Object> in) {
    return StrongEtag.of(
        ((Long) in.get("strong_etag_format")).intValue(), Vectors.hex(str(in, "strong_etag_hex")));
  }

  private static long num(Map<String, Object> in, String key) {
    return (Long) in.get(key);
  }
}
