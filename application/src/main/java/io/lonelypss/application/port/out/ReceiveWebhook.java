package io.lonelypss.application.port.out;

import io.lonelypss.domain.MessageBody;
import io.lonelypss.domain.Sha512Digest;
import io.lonelypss.domain.SubscriberUrl;
import io.lonelypss.domain.protocol.ReceiveHeader;
import java.util.Objects;
import java.util.Optional;

/**
 * One RECEIVE POST to send: the target URL, the encoded header fields, the message digest for
 * {@code Repr-Digest}, the body to stream after the header, and the {@code Authorization} value
 * (absent under the {@code none} scheme).
 */
public record ReceiveWebhook(
    SubscriberUrl target,
    ReceiveHeader header,
    Sha512Digest sha512,
    MessageBody body,
    Optional<String> authorization) {
  public ReceiveWebhook {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(header, "header");
    Objects.requireNonNull(sha512, "sha512");
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(authorization, "authorization");
    if (header.messageLength() != body.length()) {
      throw new IllegalArgumentException("header length differs from body length");
    }
  }

  /** The exact Content-Length of the POST. */
  public long contentLength() {
    return header.encodedLength() + body.length();
  }
}
