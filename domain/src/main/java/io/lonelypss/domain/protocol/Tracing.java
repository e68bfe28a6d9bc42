package io.lonelypss.domain.protocol;

/**
 * Tracing blocks (http.md section 12). We send empty blocks everywhere except in RESPONSE_NOTIFY,
 * which carries the minimal "simple" block (DECISIONS D13); incoming tracing is carried through to
 * signatures but otherwise ignored.
 */
public final class Tracing {
  /** The empty tracing block. Callers must not modify it. */
  private static final byte[] EMPTY = new byte[0];

  /** Length of {@link #minimalNotifyBlock}: flag, trace count, two timestamps. */
  public static final int MINIMAL_NOTIFY_BLOCK_LENGTH = 1 + 2 + 8 + 8;

  private Tracing() {}

  public static byte[] empty() {
    return EMPTY.clone();
  }

  /**
   * The 19-byte block: not truncated, no traces, then the request-received and response-sent times
   * in unix nanoseconds.
   */
  public static byte[] minimalNotifyBlock(long requestReceivedNanos, long responseSentNanos) {
    return new WireWriter(MINIMAL_NOTIFY_BLOCK_LENGTH)
        .u8(0)
        .u16(0)
        .u64(requestReceivedNanos)
        .u64(responseSentNanos)
        .toByteArray();
  }
}
