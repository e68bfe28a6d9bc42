package io.lonelypss.application.service;

import io.lonelypss.application.port.in.AuthenticationRejectedException;
import io.lonelypss.application.port.out.ClockPort;
import io.lonelypss.application.port.out.ReplayGuardPort;
import io.lonelypss.domain.protocol.auth.AuthResult;
import io.lonelypss.domain.protocol.auth.AuthScheme;
import io.lonelypss.domain.protocol.auth.SignedFields;
import io.lonelypss.domain.protocol.auth.Verification;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The two auth directions of http.md 8.1: what subscribers send us (requests, and their answers to
 * our webhooks) is checked with the to-broadcaster scheme; what we send (webhooks, response bodies)
 * is signed with the to-subscriber scheme. Accepted hmac codes are recorded in the shared replay
 * store, so a code is accepted once per cluster (http.md 8.5, DECISIONS D7).
 */
public final class AuthPolicy {
  private static final System.Logger LOG = System.getLogger(AuthPolicy.class.getName());

  /** How long an accepted code is remembered: past the 120 s window on either side. */
  public static final Duration REPLAY_RETENTION = Duration.ofSeconds(180);

  private final AuthScheme toBroadcaster;
  private final AuthScheme toSubscriber;
  private final ReplayGuardPort replay;
  private final ClockPort clock;

  public AuthPolicy(
      AuthScheme toBroadcaster, AuthScheme toSubscriber, ReplayGuardPort replay, ClockPort clock) {
    this.toBroadcaster = Objects.requireNonNull(toBroadcaster, "toBroadcaster");
    this.toSubscriber = Objects.requireNonNull(toSubscriber, "toSubscriber");
    this.replay = Objects.requireNonNull(replay, "replay");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Checks an incoming request. Completes normally when it is accepted, or fails with {@link
   * AuthenticationRejectedException}: 401 when nothing was supplied, 403 when it is wrong, expired
   * or a replay, 503 when the replay store cannot be reached.
   */
  public CompletionStage<Void> admit(SignedFields fields, Optional<String> authorization) {
    return check(fields, authorization)
        .thenCompose(
            result ->
                result == AuthResult.OK
                    ? CompletableFuture.<Void>completedFuture(null)
                    : CompletableFuture.failedFuture(AuthenticationRejectedException.of(result)));
  }

  /** Checks a subscriber's signed answer to one of our webhooks; never fails. */
  public CompletionStage<Boolean> acceptsAnswer(
      SignedFields fields, Optional<String> authorization) {
    return check(fields, authorization).thenApply(result -> result == AuthResult.OK);
  }

  /** The authorization for something we send (empty under the {@code none} scheme). */
  public Optional<String> sign(SignedFields fields) {
    return toSubscriber.authorize(fields, clock.now());
  }

  private CompletionStage<AuthResult> check(SignedFields fields, Optional<String> authorization) {
    Instant now = clock.now();
    Verification verification = toBroadcaster.verify(authorization, fields, now);
    if (!verification.isOk()) {
      return CompletableFuture.completedFuture(verification.result());
    }
    Optional<byte[]> code = verification.acceptedCode();
    if (code.isEmpty()) {
      return CompletableFuture.completedFuture(AuthResult.OK);
    }
    CompletionStage<Boolean> recorded;
    try {
      recorded = replay.recordIfUnseen(code.get(), now.plus(REPLAY_RETENTION), now);
    } catch (RuntimeException e) {
      recorded = CompletableFuture.failedFuture(e);
    }
    return recorded.handle(
        (fresh, error) -> {
          if (error != null) {
            LOG.log(Level.WARNING, "replay store unavailable: {0}", error.toString());
            return AuthResult.UNAVAILABLE;
          }
          return fresh ? AuthResult.OK : AuthResult.FORBIDDEN;
        });
  }
}
