package io.lonelypss.domain.protocol.auth;

import java.time.Instant;
import java.util.Optional;

/**
 * One direction's authentication scheme (http.md 8): produces the value a sender attaches to a
 * message (the {@code Authorization} header of a request or webhook, or the {@code authorization}
 * field of a response body) and checks the value a receiver got.
 *
 * <p>Implementations are immutable and safe for concurrent use.
 */
public interface AuthScheme {

  /**
   * The authorization value for a message carrying {@code fields}, sent at {@code now}; empty when
   * the scheme sends nothing (no header, a length-0 field).
   */
  Optional<String> authorize(SignedFields fields, Instant now);

  /**
   * Checks the authorization value received with a message whose fields, as the receiver sees them,
   * are {@code fields}. An absent value (empty, {@code null} or {@code ""}) is "nothing supplied".
   * Never throws for any value: malformed input is {@link AuthResult#FORBIDDEN}.
   *
   * <p>Replay protection is the caller's job: when the result carries an {@linkplain
   * Verification#acceptedCode() accepted code}, the caller must refuse the message if that code was
   * already accepted recently, and otherwise remember it (http.md 8.5).
   */
  Verification verify(Optional<String> authorization, SignedFields fields, Instant now);
}
