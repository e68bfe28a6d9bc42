package io.lonelypss.domain.protocol.auth;

import java.util.Base64;
import java.util.Objects;
import java.util.random.RandomGenerator;

/** New shared secrets in the format the reference's setup tool writes (http.md 14). */
public final class SecretGenerator {
  /** Random bytes in a secret. */
  public static final int SECRET_BYTES = 64;

  private SecretGenerator() {}

  /**
   * 64 bytes from {@code random} as URL-safe base64 without padding (86 characters), like Python's
   * {@code secrets.token_urlsafe(64)}. Usable as a token or an hmac secret. Pass a {@link
   * java.security.SecureRandom}.
   */
  public static String newSecret(RandomGenerator random) {
    Objects.requireNonNull(random, "random");
    byte[] bytes = new byte[SECRET_BYTES];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
