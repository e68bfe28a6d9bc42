package io.lonelypss.domain.protocol.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Scheme {@code token} (http.md 8.3): every message carries {@code Bearer <secret>}, the secret
 * exactly as stored. Verification compares the whole value in constant time, without case folding
 * or trimming. Absent -> {@link AuthResult#UNAUTHORIZED}; anything else that is not exactly the
 * expected value, including values with non-ASCII characters (the reference fails with a 500 there,
 * DECISIONS D7), -> {@link AuthResult#FORBIDDEN}.
 *
 * <p>The same value is sent with every message, so this scheme is only safe over TLS.
 */
public final class TokenScheme implements AuthScheme {
  private static final String PREFIX = "Bearer ";

  private final String value;
  private final byte[] expected;

  /**
   * @param secret the stored secret: non-empty printable ASCII (so that it fits in an HTTP header)
   * @throws IllegalArgumentException when the secret is empty or not printable ASCII (the message
   *     never contains the secret)
   */
  public TokenScheme(String secret) {
    checkSecret(secret);
    this.value = PREFIX + secret;
    this.expected = value.getBytes(StandardCharsets.US_ASCII);
  }

  @Override
  public Optional<String> authorize(SignedFields fields, Instant now) {
    Objects.requireNonNull(fields, "fields");
    Objects.requireNonNull(now, "now");
    return Optional.of(value);
  }

  @Override
  public Verification verify(Optional<String> authorization, SignedFields fields, Instant now) {
    Objects.requireNonNull(fields, "fields");
    Objects.requireNonNull(now, "now");
    if (authorization == null || authorization.isEmpty() || authorization.get().isEmpty()) {
      return Verification.rejected(AuthResult.UNAUTHORIZED);
    }
    String received = authorization.get();
    for (int i = 0; i < received.length(); i++) {
      if (received.charAt(i) >= 0x80) {
        return Verification.rejected(AuthResult.FORBIDDEN);
      }
    }
    return MessageDigest.isEqual(received.getBytes(StandardCharsets.US_ASCII), expected)
        ? Verification.ok()
        : Verification.rejected(AuthResult.FORBIDDEN);
  }

  @Override
  public String toString() {
    return "TokenScheme[secret=<redacted>]";
  }

  /**
   * Checks that {@code secret} can be a token: non-empty printable ASCII.
   *
   * @throws IllegalArgumentException if not (the message never contains the secret)
   */
  public static void checkSecret(String secret) {
    Objects.requireNonNull(secret, "secret");
    if (secret.isEmpty()) {
      throw new IllegalArgumentException("token secret is empty");
    }
    for (int i = 0; i < secret.length(); i++) {
      char c = secret.charAt(i);
      if (c < 0x20 || c > 0x7e) {
        throw new IllegalArgumentException(
            "token secret must be printable ASCII (bad character at index " + i + ")");
      }
    }
  }
}
