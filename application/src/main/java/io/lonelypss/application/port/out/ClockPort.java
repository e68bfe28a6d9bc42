package io.lonelypss.application.port.out;

import java.time.Instant;

/** The wall clock, replaceable in tests. */
public interface ClockPort {
  Instant now();
}
