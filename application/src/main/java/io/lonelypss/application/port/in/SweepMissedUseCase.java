package io.lonelypss.application.port.in;

import java.util.concurrent.CompletionStage;

/** Send the MISSED notices that are due (http.md 6.3, DECISIONS D5); run periodically. */
public interface SweepMissedUseCase {
  /**
   * Claims overdue rows one at a time until none is left (or a per-sweep bound is reached), posts
   * MISSED for each and records the outcome. Completes with how many rows were handled; never fails
   * because of a subscriber, only when the store is unavailable.
   */
  CompletionStage<Integer> sweepOnce();
}
