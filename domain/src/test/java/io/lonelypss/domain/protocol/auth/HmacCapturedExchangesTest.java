package io.lonelypss.domain.protocol.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lonelypss.domain.GlobPattern;
import io.lonelypss.domain.Identifier;
import io.lonelypss.domain.Sha512Digest;
import io.lonelypss.domain.Topic;
import io.lonelypss.domain.protocol.StrongEtag;
import io.lonelypss.domain.testing.Vectors;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The real hmac headers and response authorizations that lonelypsc and lonelypss exchanged in
 * {@code http-messages.json}, verified with the receiver's view of the fields rebuilt from the
 * captured bodies. This checks the field choice of every {@link SignedFields} record against the
 * wire, not only against the generator of {@code http-auth-hmac.json}.
 */
class HmacCapturedExchangesTest {
  private static final List<Map<String, Object>> CASES =
      Vectors.load("http-messages.json").stream()
          .filter(c -> "hmac".equals(c.get("auth_mode")))
          .toList();

  /**
   * The subscription URL of the fragment case, as the broadcaster stored it (its tracing shows it).
   */
  private static final String FRAGMENT_URL = "http://127.0.0.1:3902/v1/receive#uid=frag";

  /** Request headers the reference refused for authentication reasons. */
  private static final Map<String, AuthResult> REQUEST_VERDICTS =
      Map.of(
          "hmac/error_subscribe_bad_authorization/A/v1/subscribe/exact",
          AuthResult.FORBIDDEN,
          "hmac/error_receive_bad_authorization/S/v1/receive",
          AuthResult.FORBIDDEN,
          // http.md 8.6: signed with the stored URL (fragment included), checked against the
          // rebuilt request URL (no fragment).
          "hmac/notify_to_url_with_fragment/S/v1/receive",
          AuthResult.FORBIDDEN,
          // The capture signed etag format 0 and then set the byte to 1; the reference answers
          // 400 for the format before it checks auth. Over the fields as received: FORBIDDEN.
          "hmac/error_set_subscriptions_etag_format_1/A/v1/set_subscriptions",
          AuthResult.FORBIDDEN);

  static Stream<Arguments> signedRequests() {
    return CASES.stream()
        .filter(c -> header(c).isPresent())
        .map(c -> Arguments.of(Named.of(name(c), c)));
  }

  static Stream<Arguments> signedResponses() {
    return CASES.stream()
        .filter(c -> responseAuthorization(c).isPresent())
        .map(c -> Arguments.of(Named.of(name(c), c)));
  }

  @Test
  void theCaptureHasSignedRequestsAndResponsesToCheck() {
    assertEquals(29, signedRequests().count());
    assertEquals(16, signedResponses().count());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("signedRequests")
  void capturedRequestHeaderVerifiesAgainstTheRebuiltRequestFields(Map<String, Object> c) {
    Verification v =
        schemeFor(toSubscriber(c), c).verify(header(c), requestFields(c, rebuiltUrl(c)), now(c));
    assertEquals(REQUEST_VERDICTS.getOrDefault(name(c), AuthResult.OK), v.result());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("signedResponses")
  void capturedResponseAuthorizationVerifiesAgainstTheResponseFields(Map<String, Object> c) {
    Verification v =
        schemeFor(!toSubscriber(c), c).verify(responseAuthorization(c), responseFields(c), now(c));
    assertEquals(AuthResult.OK, v.result());
  }

  @Test
  void theFragmentReceiveWasSignedWithTheStoredUrlFragmentIncluded() {
    Map<String, Object> c =
        CASES.stream()
            .filter(x -> name(x).equals("hmac/notify_to_url_with_fragment/S/v1/receive"))
            .findFirst()
            .orElseThrow();
    assertTrue(schemeFor(true, c).verify(header(c), requestFields(c, FRAGMENT_URL), now(c)).isOk());
  }

  @Test
  void theEtagFormatCaseWasSignedWithFormatZero() {
    Map<String, Object> c =
        CASES.stream()
            .filter(
                x ->
                    name(x)
                        .endsWith("error_set_subscriptions_etag_format_1/A/v1/set_subscriptions"))
            .findFirst()
            .orElseThrow();
    SignedFields.SetSubscriptions received =
        (SignedFields.SetSubscriptions) requestFields(c, rebuiltUrl(c));
    assertEquals(1, received.etag().format());
    SignedFields signed =
        new SignedFields.SetSubscriptions(
            received.tracing(), received.url(), StrongEtag.of(0, received.etag().hash()));
    assertTrue(schemeFor(false, c).verify(header(c), signed, now(c)).isOk());
  }

  /** Requests to a subscriber (webhooks) are signed with to-subscriber, others to-broadcaster. */
  private static boolean toSubscriber(Map<String, Object> c) {
    String path = (String) c.get("path");
    return path.equals("/v1/receive")
        || path.equals("/v1/recover")
        || path.endsWith("_for_websockets");
  }

  private static HmacScheme schemeFor(boolean toSubscriber, Map<String, Object> c) {
    Map<String, Object> secrets = Vectors.object(c, "secrets");
    String secret = (String) secrets.get(toSubscriber ? "to_subscriber" : "to_broadcaster");
    return HmacScheme.fromSecretString(secret, new SplittableRandom(1));
  }

  private static SignedFields requestFields(Map<String, Object> c, String webhookUrl) {
    Map<String, Object> d = Vectors.object(c, "request_decoded");
    byte[] tracing = Vectors.hex((String) d.get("tracing_hex"));
    String path = (String) c.get("path");
    return switch (path) {
      case "/v1/subscribe/exact", "/v1/unsubscribe/exact" ->
          new SignedFields.SubscribeExact(tracing, url(d), recovery(d), topic(d));
      case "/v1/subscribe/glob", "/v1/unsubscribe/glob" ->
          new SignedFields.SubscribeGlob(tracing, url(d), recovery(d), glob(d));
      case "/v1/notify" ->
          new SignedFields.Notify(
              tracing,
              topic(d),
              identifier(d),
              Sha512Digest.of(Vectors.hex((String) d.get("sha512_hex"))));
      case "/v1/check_subscriptions" -> new SignedFields.CheckSubscriptions(tracing, url(d));
      case "/v1/set_subscriptions" -> new SignedFields.SetSubscriptions(tracing, url(d), etag(d));
      case "/v1/receive", "/v1/receive_for_websockets" ->
          new SignedFields.Receive(tracing, webhookUrl, topic(d), identifier(d), reprDigest(c));
      case "/v1/recover" -> new SignedFields.Missed(tracing, webhookUrl, topic(d));
      default -> throw new AssertionError("unexpected signed request to " + path);
    };
  }

  private static SignedFields responseFields(Map<String, Object> c) {
    Map<String, Object> req = Vectors.object(c, "request_decoded");
    Map<String, Object> d = Vectors.object(c, "response_decoded");
    byte[] tracing = Vectors.hex((String) d.get("tracing_hex"));
    String path = (String) c.get("path");
    return switch (path) {
      case "/v1/subscribe/exact", "/v1/unsubscribe/exact" ->
          new SignedFields.ConfirmSubscribeExact(tracing, url(req), recovery(req), topic(req));
      case "/v1/subscribe/glob", "/v1/unsubscribe/glob" ->
          new SignedFields.ConfirmSubscribeGlob(tracing, url(req), recovery(req), glob(req));
      case "/v1/notify" ->
          new SignedFields.ConfirmNotify(
              tracing,
              identifier(req),
              (Long) d.get("num_subscribers"),
              topic(req),
              Sha512Digest.of(Vectors.hex((String) req.get("sha512_hex"))));
      case "/v1/check_subscriptions" ->
          new SignedFields.CheckSubscriptionsResponse(tracing, etag(d));
      case "/v1/set_subscriptions" -> new SignedFields.SetSubscriptionsResponse(tracing, etag(req));
      case "/v1/receive", "/v1/receive_for_websockets" ->
          new SignedFields.ConfirmReceive(
              tracing, identifier(d), (Long) d.get("num_subscribers"), rebuiltUrl(c));
      case "/v1/recover" -> new SignedFields.ConfirmMissed(tracing, topic(req), rebuiltUrl(c));
      default -> throw new AssertionError("unexpected signed response to " + path);
    };
  }

  /** The URL a receiver rebuilds from the request line, as lonelypsc does (http.md 7.2). */
  private static String rebuiltUrl(Map<String, Object> c) {
    return "http://" + requestHeader(c, "host").orElseThrow() + c.get("path");
  }

  private static Optional<String> header(Map<String, Object> c) {
    return requestHeader(c, "authorization");
  }

  private static Optional<String> requestHeader(Map<String, Object> c, String name) {
    for (Object h : Vectors.array(c, "request_headers")) {
      List<?> pair = (List<?>) h;
      if (name.equals(pair.get(0))) {
        return Optional.of((String) pair.get(1));
      }
    }
    return Optional.empty();
  }

  private static Optional<String> responseAuthorization(Map<String, Object> c) {
    Map<String, Object> d = Vectors.object(c, "response_decoded");
    return d == null ? Optional.empty() : Optional.ofNullable((String) d.get("authorization"));
  }

  private static Sha512Digest reprDigest(Map<String, Object> c) {
    String value = requestHeader(c, "repr-digest").orElseThrow();
    return Sha512Digest.of(Base64.getDecoder().decode(value.substring("sha-512=".length())));
  }

  private static String url(Map<String, Object> d) {
    return (String) d.get("url");
  }

  private static Optional<String> recovery(Map<String, Object> d) {
    return Optional.ofNullable((String) d.get("recovery"));
  }

  private static Topic topic(Map<String, Object> d) {
    return Topic.of(Vectors.hex((String) d.get("topic_hex")));
  }

  private static GlobPattern glob(Map<String, Object> d) {
    return GlobPattern.fromUtf8(Vectors.hex((String) d.get("glob_hex")));
  }

  private static Identifier identifier(Map<String, Object> d) {
    return Identifier.of(Vectors.hex((String) d.get("identifier_hex")));
  }

  private static StrongEtag etag(Map<String, Object> d) {
    return StrongEtag.of(
        ((Long) d.get("etag_format")).intValue(), Vectors.hex((String) d.get("etag_hex")));
  }

  private static Instant now(Map<String, Object> c) {
    return AuthVectors.instant(c.get("clock_now"));
  }

  private static String name(Map<String, Object> c) {
    return (String) c.get("name");
  }
}
