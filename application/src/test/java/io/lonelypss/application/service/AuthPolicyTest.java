package io.lonelypss.application.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lonelypss.application.port.in.AuthenticationRejectedException;
import io.lonelypss.application.port.out.ReplayGuardPort;
import io.lonelypss.application.port.out.StoreUnavailableException;
import io.lonelypss.application.testing.InMemoryReplayGuard;
import io.lonelypss.domain.ErrorCode;
import io.lonelypss.domain.Topic;
import io.lonelypss.domain.protocol.auth.AuthResult;
import io.lonelypss.domain.protocol.auth.HmacScheme;
import io.lonelypss.domain.protocol.auth.NoneScheme;
import io.lonelypss.domain.protocol.auth.SignedFields;
import io.lonelypss.domain.protocol.auth.TokenScheme;
import java.io.IOException;
import java.time.Instant;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class AuthPolicyTest {
  private static final Instant NOW = Instant.ofEpochSecond(1738000000);
  private static final byte[] TO_BROADCASTER = bytes(0);
  private static final byte[] TO_SUBSCRIBER = bytes(0x40);

  private final HmacScheme subscriberSide = new HmacScheme(TO_BROADCASTER, new Random(1));
  private final HmacScheme subscriberVerifier = new HmacScheme(TO_SUBSCRIBER, new Random(2));
  private final InMemoryReplayGuard replay = new InMemoryReplayGuard();
  private final AuthPolicy hmac =
      new AuthPolicy(
          new HmacScheme(TO_BROADCASTER, new Random(3)),
          new HmacScheme(TO_SUBSCRIBER, new Random(4)),
          replay,
          () -> NOW);
  private final SignedFields request =
      new SignedFields.SubscribeExact(
          new byte[0], "http://127.0.0.1:3902/v1/receive", Optional.empty(), Topic.ofUtf8("t"));

  private static byte[] bytes(int start) {
    byte[] b = new byte[64];
    IntStream.range(0, 64).forEach(i -> b[i] = (byte) (start + i));
    return b;
  }

  private static ErrorCode rejection(CompletionStage<Void> stage) {
    try {
      stage.toCompletableFuture().join();
    } catch (CompletionException e) {
      return assertInstanceOf(AuthenticationRejectedException.class, e.getCause()).code();
    }
    throw new AssertionError("accepted");
  }

  @Test
  void aValidSignatureIsAdmittedOnceAndItsReplayIsForbidden() {
    Optional<String> header = subscriberSide.authorize(request, NOW);
    hmac.admit(request, header).toCompletableFuture().join();
    assertEquals(1, replay.size());
    assertEquals(ErrorCode.FORBIDDEN, rejection(hmac.admit(request, header)));
  }

  @Test
  void missingAuthorizationIsUnauthorizedAndAWrongOneForbidden() {
    assertEquals(ErrorCode.UNAUTHORIZED, rejection(hmac.admit(request, Optional.empty())));
    Optional<String> otherRequest =
        subscriberSide.authorize(
            new SignedFields.CheckSubscriptions(new byte[0], "http://127.0.0.1:3902/v1/receive"),
            NOW);
    assertEquals(ErrorCode.FORBIDDEN, rejection(hmac.admit(request, otherRequest)));
    Optional<String> expired = subscriberSide.authorize(request, NOW.minusSeconds(121));
    assertEquals(ErrorCode.FORBIDDEN, rejection(hmac.admit(request, expired)));
    assertEquals(0, replay.size(), "only accepted codes are remembered");
  }

  @Test
  void anUnreachableReplayStoreMakesTheCheckUnavailable() {
    ReplayGuardPort down =
        new ReplayGuardPort() {
          @Override
          public CompletionStage<Boolean> recordIfUnseen(
              byte[] code, Instant expiresAt, Instant now) {
            return CompletableFuture.failedFuture(
                new StoreUnavailableException("down", new IOException("simulated")));
          }

          @Override
          public CompletionStage<Integer> purgeExpired(Instant now) {
            return CompletableFuture.completedFuture(0);
          }
        };
    AuthPolicy policy =
        new AuthPolicy(
            new HmacScheme(TO_BROADCASTER, new Random(5)), new NoneScheme(), down, () -> NOW);
    assertEquals(
        ErrorCode.UNAVAILABLE,
        rejection(policy.admit(request, subscriberSide.authorize(request, NOW))));
    assertFalse(
        policy
            .acceptsAnswer(request, subscriberSide.authorize(request, NOW))
            .toCompletableFuture()
            .join());
  }

  @Test
  void whatWeSignVerifiesWithTheToSubscriberSecret() {
    SignedFields receive =
        new SignedFields.ConfirmSubscribeExact(
            new byte[0], "http://127.0.0.1:3902/v1/receive", Optional.empty(), Topic.ofUtf8("t"));
    Optional<String> signed = hmac.sign(receive);
    assertTrue(signed.orElseThrow().startsWith("X-HMAC 1738000000:"));
    assertEquals(AuthResult.OK, subscriberVerifier.verify(signed, receive, NOW).result());
  }

  @Test
  void tokenAndNoneNeedNoReplayStore() {
    AuthPolicy token =
        new AuthPolicy(new TokenScheme("s3cret"), new TokenScheme("other"), replay, () -> NOW);
    token.admit(request, Optional.of("Bearer s3cret")).toCompletableFuture().join();
    token.admit(request, Optional.of("Bearer s3cret")).toCompletableFuture().join();
    assertEquals(ErrorCode.FORBIDDEN, rejection(token.admit(request, Optional.of("Bearer nope"))));
    assertEquals(Optional.of("Bearer other"), token.sign(request));
    AuthPolicy none = new AuthPolicy(new NoneScheme(), new NoneScheme(), replay, () -> NOW);
    none.admit(request, Optional.empty()).toCompletableFuture().join();
    assertEquals(Optional.empty(), none.sign(request));
    assertEquals(0, replay.size());
  }
}
