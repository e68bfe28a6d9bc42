package io.lonelypss.application.port.in;

import io.lonelypss.domain.Message;
import java.util.Objects;

/** Publish a received, hash-checked message to every matching subscription. */
public record NotifyCommand(Message message) {
  public NotifyCommand {
    Objects.requireNonNull(message, "message");
  }
}
