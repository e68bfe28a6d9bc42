package io.lonelypss.domain;

import java.util.Objects;

/**
 * A published message: its topic, the publisher's identifier, and a body whose SHA-512 has been
 * checked against {@code sha512}.
 */
public record Message(Topic topic, Sha512Digest sha512, Identifier identifier, MessageBody body) {
  public Message {
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(sha512, "sha512");
    Objects.requireNonNull(identifier, "identifier");
    Objects.requireNonNull(body, "body");
  }
}
