package io.lonelypss.application.port.in;

import io.lonelypss.domain.protocol.NotifyHeader;
import java.util.Objects;
import java.util.Optional;

/**
 * Check a publisher's authorization from the notify header alone, before its body is read: the
 * signature covers the header's tracing, topic, identifier and claimed SHA-512, not the message.
 */
public record AdmitNotifyCommand(NotifyHeader header, Optional<String> authorization) {
  public AdmitNotifyCommand {
    Objects.requireNonNull(header, "header");
    Objects.requireNonNull(authorization, "authorization");
  }
}
