package io.lonelypss.adapter.in.http;

import io.lonelypss.application.port.out.MissedWebhook;
import io.lonelypss.application.port.out.ReceiveWebhook;
import io.lonelypss.application.port.out.WebhookDeliveryPort;
import io.lonelypss.application.port.out.WebhookOutcome;
import io.lonelypss.domain.MessageBody;
import io.lonelypss.domain.protocol.SubscriberAnswer;
import io.lonelypss.domain.protocol.Tracing;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A webhook port that records what it was asked to send (body bytes read at delivery time, so a
 * spooled body is checked while it exists) and confirms every delivery.
 */
final class RecordingWebhooks implements WebhookDeliveryPort {
  record Sent(ReceiveWebhook webhook, byte[] message, boolean spooled) {}

  final List<Sent> sent = new CopyOnWriteArrayList<>();

  /** How the subscriber signs its confirmations (its to-broadcaster authorization). */
  volatile Optional<String> answerAuthorization = Optional.empty();

  @Override
  public CompletionStage<WebhookOutcome> postReceive(ReceiveWebhook webhook) {
    byte[] message;
    boolean spooled = webhook.body() instanceof MessageBody.Spooled;
    try {
      message =
          spooled
              ? Files.readAllBytes(((MessageBody.Spooled) webhook.body()).file())
              : ((MessageBody.InMemory) webhook.body()).bytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    sent.add(new Sent(webhook, message, spooled));
    byte[] answer =
        new SubscriberAnswer.ConfirmReceive(
                answerAuthorization, Tracing.empty(), webhook.header().identifier(), 1)
            .encode();
    return CompletableFuture.completedFuture(new WebhookOutcome.Answered(200, answer));
  }

  @Override
  public CompletionStage<WebhookOutcome> postMissed(MissedWebhook webhook) {
    return CompletableFuture.completedFuture(new WebhookOutcome.NoAnswer("not used here"));
  }
}
