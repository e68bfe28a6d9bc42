package io.lonelypss.domain.protocol.auth;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.random.RandomGenerator;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Scheme {@code hmac} (http.md 8.4): {@code X-HMAC <timestamp>:<nonce>:<code>}, where {@code code}
 * is the standard base64 (padded) of {@code HMAC-SHA512(secret, to_sign)} and {@code to_sign} is
 * {@link SignedFields#toSign}.
 *
 * <p>Verification follows http.md 8.4 steps 1-7, stricter where DECISIONS D7 says so: the value
 * must be ASCII, the timestamp plain decimal digits (no sign, {@code _} or whitespace), the nonce
 * at most 255 bytes. Step 8 (replay) is the caller's: an accepted value comes back with its 64-byte
 * code in {@link Verification#acceptedCode()}, to be checked against and recorded in the shared
 * replay store.
 *
 * <p>Thread-safe. Calls to the nonce source are serialised; pass a {@link
 * java.security.SecureRandom} in production.
 */
public final class HmacScheme implements AuthScheme {
  /** Length of the decoded secret. */
  public static final int SECRET_LENGTH = 64;

  /** Random bytes in a nonce we send (6 URL-safe base64 characters, as the reference sends). */
  public static final int NONCE_BYTES = 4;

  /**
   * The reference's {@code token_lifetime}: how far a timestamp may be from the receiver's clock.
   */
  public static final Duration DEFAULT_TOKEN_LIFETIME = Duration.ofSeconds(120);

  private static final String PREFIX = "X-HMAC ";
  private static final String ALGORITHM = "HmacSHA512";
  private static final Base64.Encoder NONCE_ENCODER = Base64.getUrlEncoder().withoutPadding();

  private final SecretKeySpec key;
  private final RandomGenerator nonceSource;
  private final Object nonceLock = new Object();
  private final Duration tokenLifetime;

  /** With the default 120 s token lifetime. */
  public HmacScheme(byte[] secret64, RandomGenerator nonceSource) {
    this(secret64, nonceSource, DEFAULT_TOKEN_LIFETIME);
  }

  /**
   * @param secret64 the decoded secret, exactly 64 bytes (copied)
   * @param nonceSource where nonces come from
   * @param tokenLifetime largest accepted distance between a timestamp and the receiver's clock
   *     (exactly this distance is accepted); not negative
   */
  public HmacScheme(byte[] secret64, RandomGenerator nonceSource, Duration tokenLifetime) {
    Objects.requireNonNull(secret64, "secret64");
    if (secret64.length != SECRET_LENGTH) {
      throw new IllegalArgumentException(
          "hmac secret must be " + SECRET_LENGTH + " bytes, got " + secret64.length);
    }
    this.key = new SecretKeySpec(secret64, ALGORITHM);
    this.nonceSource = Objects.requireNonNull(nonceSource, "nonceSource");
    this.tokenLifetime = Objects.requireNonNull(tokenLifetime, "tokenLifetime");
    if (tokenLifetime.isNegative()) {
      throw new IllegalArgumentException("token lifetime is negative");
    }
    mac(new byte[0]); // fail now, not on the first message, if HmacSHA512 is missing
  }

  /** From the secret string of a secrets file, with the default 120 s token lifetime. */
  public static HmacScheme fromSecretString(String secret, RandomGenerator nonceSource) {
    return new HmacScheme(decodeSecret(secret), nonceSource);
  }

  /** From the secret string of a secrets file. */
  public static HmacScheme fromSecretString(
      String secret, RandomGenerator nonceSource, Duration tokenLifetime) {
    return new HmacScheme(decodeSecret(secret), nonceSource, tokenLifetime);
  }

  /**
   * Decodes a stored secret as the reference does: {@code urlsafe_b64decode(secret + "==")}, which
   * must give exactly 64 bytes. (Lenient like Python: {@code +}, {@code /}, extra padding and
   * characters outside the alphabet are tolerated.)
   *
   * @throws IllegalArgumentException when it does not; the message never contains the secret
   */
  public static byte[] decodeSecret(String secret) {
    Objects.requireNonNull(secret, "secret");
    Optional<byte[]> decoded = LenientBase64.decodeUrlSafe(secret + "==");
    if (decoded.isEmpty()) {
      throw new IllegalArgumentException("hmac secret is not URL-safe base64");
    }
    if (decoded.get().length != SECRET_LENGTH) {
      throw new IllegalArgumentException(
          "hmac secret must decode to "
              + SECRET_LENGTH
              + " bytes, got "
              + decoded.get().length
              + " (generate one with 64 random bytes, e.g. secrets.token_urlsafe(64))");
    }
    return decoded.get();
  }

  public Duration tokenLifetime() {
    return tokenLifetime;
  }

  @Override
  public Optional<String> authorize(SignedFields fields, Instant now) {
    Objects.requireNonNull(now, "now");
    return Optional.of(authorizeWith(fields, now.getEpochSecond(), newNonce()));
  }

  /**
   * The header value for a chosen timestamp and nonce (deterministic; {@link #authorize} uses the
   * integer part of the clock and a fresh nonce).
   *
   * @throws IllegalArgumentException when the timestamp is negative, or the nonce contains {@code
   *     :}, is not ASCII or is longer than 255 bytes
   */
  public String authorizeWith(SignedFields fields, long timestamp, String nonce) {
    Objects.requireNonNull(fields, "fields");
    Objects.requireNonNull(nonce, "nonce");
    if (timestamp < 0) {
      throw new IllegalArgumentException("timestamp is negative");
    }
    if (nonce.indexOf(':') >= 0
        || !isAscii(nonce)
        || nonce.length() > SignedFields.MAX_NONCE_LENGTH) {
      throw new IllegalArgumentException(
          "nonce must be ASCII without ':' and at most "
              + SignedFields.MAX_NONCE_LENGTH
              + " bytes");
    }
    byte[] code = mac(SignedFields.toSign(fields, timestamp, nonce));
    return PREFIX + timestamp + ":" + nonce + ":" + Base64.getEncoder().encodeToString(code);
  }

  @Override
  public Verification verify(Optional<String> authorization, SignedFields fields, Instant now) {
    Objects.requireNonNull(fields, "fields");
    Objects.requireNonNull(now, "now");
    // 1. absent
    if (authorization == null || authorization.isEmpty() || authorization.get().isEmpty()) {
      return Verification.rejected(AuthResult.UNAUTHORIZED);
    }
    String value = authorization.get();
    // D7: only ASCII; 2. the scheme prefix, exactly
    if (!isAscii(value) || !value.startsWith(PREFIX)) {
      return forbidden();
    }
    // 3. timestamp : nonce : code
    int firstColon = value.indexOf(':', PREFIX.length());
    int secondColon = firstColon < 0 ? -1 : value.indexOf(':', firstColon + 1);
    if (secondColon < 0) {
      return forbidden();
    }
    // 4. plain decimal digits (D7); the nonce fits its lp8 (D7)
    OptionalLong timestamp = parseDigits(value, PREFIX.length(), firstColon);
    String nonce = value.substring(firstColon + 1, secondColon);
    if (timestamp.isEmpty() || nonce.length() > SignedFields.MAX_NONCE_LENGTH) {
      return forbidden();
    }
    // 5. clock window
    if (!withinLifetime(timestamp.getAsLong(), now)) {
      return forbidden();
    }
    // 6. lenient base64 of the code, 64 bytes
    Optional<byte[]> code = LenientBase64.decodeStandard(value.substring(secondColon + 1) + "==");
    if (code.isEmpty() || code.get().length != Verification.CODE_LENGTH) {
      return forbidden();
    }
    // 7. recompute over our view of the fields, compare in constant time
    byte[] expected = mac(SignedFields.toSign(fields, timestamp.getAsLong(), nonce));
    return MessageDigest.isEqual(code.get(), expected)
        ? Verification.okWithCode(code.get())
        : forbidden();
  }

  /** HMAC-SHA512 of {@code toSign} under this scheme's secret. */
  byte[] mac(byte[] toSign) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      return mac.doFinal(toSign);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JDK provides " + ALGORITHM, e);
    }
  }

  private String newNonce() {
    byte[] bytes = new byte[NONCE_BYTES];
    synchronized (nonceLock) {
      nonceSource.nextBytes(bytes);
    }
    return NONCE_ENCODER.encodeToString(bytes);
  }

  private boolean withinLifetime(long timestamp, Instant now) {
    Duration offset;
    try {
      offset =
          Duration.ofSeconds(Math.subtractExact(now.getEpochSecond(), timestamp), now.getNano());
    } catch (ArithmeticException e) {
      return false;
    }
    return offset.compareTo(tokenLifetime) <= 0 && offset.compareTo(tokenLifetime.negated()) >= 0;
  }

  /** The non-negative decimal number in {@code s[from, to)}, if it is only ASCII digits. */
  private static OptionalLong parseDigits(String s, int from, int to) {
    if (from >= to) {
      return OptionalLong.empty();
    }
    long value = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return OptionalLong.empty();
      }
      try {
        value = Math.addExact(Math.multiplyExact(value, 10), c - '0');
      } catch (ArithmeticException e) {
        return OptionalLong.empty();
      }
    }
    return OptionalLong.of(value);
  }

  private static boolean isAscii(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) >= 0x80) {
        return false;
      }
    }
    return true;
  }

  private static Verification forbidden() {
    return Verification.rejected(AuthResult.FORBIDDEN);
  }

  @Override
  public String toString() {
    return "HmacScheme[secret=<redacted>, tokenLifetime=" + tokenLifetime + "]";
  }
}
