package io.lonelypss.application.port.in;

/**
 * Outcome of a notify: the sum of {@code num_subscribers} over every confirmed delivery, and how
 * many deliveries were attempted and failed (for logs and metrics; not on the wire).
 */
public record NotifyResult(long confirmedSubscribers, int attempted, int failed) {}
