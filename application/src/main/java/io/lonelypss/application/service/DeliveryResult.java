package io.lonelypss.application.service;

import java.util.Objects;

/** How one RECEIVE delivery ended, after DECISIONS D4 has been applied to the answer. */
public sealed interface DeliveryResult
    permits DeliveryResult.Delivered, DeliveryResult.Unsubscribed, DeliveryResult.Failed {

  /** The subscriber confirmed; {@code subscribers} counts toward the notify answer. */
  record Delivered(long subscribers) implements DeliveryResult {}

  /** The subscriber asked to be unsubscribed and its row was removed. Not counted. */
  record Unsubscribed() implements DeliveryResult {}

  /** Anything else: routine, never fatal; the subscription stays. */
  record Failed(String reason) implements DeliveryResult {
    public Failed {
      Objects.requireNonNull(reason, "reason");
    }
  }
}
