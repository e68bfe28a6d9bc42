package io.lonelypss.application.port.out;

import java.util.concurrent.CompletionStage;

/**
 * Sends webhooks to subscribers. Implementations stream bodies (never loading a spooled body into
 * memory), apply the configured timeouts, and never fail the returned stage: every problem is a
 * {@link WebhookOutcome.NoAnswer}.
 */
public interface WebhookDeliveryPort {
  CompletionStage<WebhookOutcome> postReceive(ReceiveWebhook webhook);

  /** Posts a MISSED notice to a recovery URL; the same rules as RECEIVE. */
  CompletionStage<WebhookOutcome> postMissed(MissedWebhook webhook);
}
