package io.lonelypss.application.port.in;

import io.lonelypss.domain.Message;
import java.time.Instant;
import java.util.Objects;

/**
 * Publish a received, hash-checked and admitted message to every matching subscription. {@code
 * receivedAt} is when the request arrived (it goes into the answer's tracing block).
 */
public record NotifyCommand(Message message, Instant receivedAt) {
  public NotifyCommand {
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(receivedAt, "receivedAt");
  }
}
