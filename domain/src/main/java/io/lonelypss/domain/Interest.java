package io.lonelypss.domain;

/** What a subscription listens to: one exact {@link Topic} or a {@link GlobPattern}. */
public sealed interface Interest permits Topic, GlobPattern {
  /** Whether a message published on {@code topic} is of interest. */
  boolean matches(Topic topic);

  /** The bytes that stand for this interest on the wire: the topic itself, or the glob's UTF-8. */
  byte[] wireBytes();
}
