package io.lonelypss.domain.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lonelypss.domain.testing.Vectors;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TracingTest {

  private static final long RECEIVED_NS = 1738000000250000000L;
  private static final long SENT_NS = 1738000001000000000L;

  @Test
  void minimalNotifyBlockIsFlagCountAndTwoTimestamps() {
    byte[] block = Tracing.minimalNotifyBlock(RECEIVED_NS, SENT_NS);
    assertEquals(19, block.length);
    assertEquals(Tracing.MINIMAL_NOTIFY_BLOCK_LENGTH, block.length);
    ByteBuffer b = ByteBuffer.wrap(block);
    assertEquals(0, b.get(), "not truncated");
    assertEquals(0, b.getShort(), "no traces");
    assertEquals(RECEIVED_NS, b.getLong(), "request received at, unix ns, big-endian");
    assertEquals(SENT_NS, b.getLong(), "response sent at, unix ns, big-endian");
  }

  @Test
  void minimalNotifyBlockWritesTimestampsAsUnsigned64BitValues() {
    assertEquals(
        "000000" + "ffffffffffffffff" + "8000000000000000",
        Vectors.hex(Tracing.minimalNotifyBlock(-1L, Long.MIN_VALUE)));
  }

  @Test
  void emptyBlockHasNoBytes() {
    assertArrayEquals(new byte[0], Tracing.empty());
  }

  static Stream<Arguments> simpleBlocks() {
    return Vectors.load("http-tracing.json").stream()
        .filter(c -> c.get("decoded") != null)
        .map(c -> Arguments.of(Named.of((String) c.get("name"), c)));
  }

  /** The reference's "simple" blocks end with the same two timestamps as our minimal block. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("simpleBlocks")
  void referenceBlocksShareTheMinimalLayoutAroundTheirTraces(Map<String, Object> c) {
    byte[] reference = Vectors.hex((String) c.get("tracing_hex"));
    Map<String, Object> d = Vectors.object(c, "decoded");
    long received = (Long) d.get("request_received_at_ns");
    long sent = (Long) d.get("response_sent_at_ns");
    byte[] ours = Tracing.minimalNotifyBlock(received, sent);

    ByteBuffer b = ByteBuffer.wrap(reference);
    assertEquals(d.get("truncated_flag"), (long) b.get());
    assertEquals(d.get("num_traces"), (long) b.getShort());
    assertEquals(
        Vectors.hex(Arrays.copyOfRange(ours, 3, 19)),
        Vectors.hex(Arrays.copyOfRange(reference, reference.length - 16, reference.length)));
    if (d.get("num_traces").equals(0L)) {
      assertEquals(Vectors.hex(reference), Vectors.hex(ours));
    }
  }

  @Test
  void minimalBlockEqualsTheReferenceBlockWithoutTraces() {
    Map<String, Object> c =
        Vectors.load("http-tracing.json").stream()
            .filter(v -> v.get("name").equals("tracing/minimal_valid_simple_block"))
            .findFirst()
            .orElseThrow();
    assertEquals(
        c.get("tracing_hex"),
        Vectors.hex(Tracing.minimalNotifyBlock(1738000000250000000L, 1738000000250000000L)));
  }

  @Test
  void referenceEmptyBlockIsOurEmptyBlock() {
    Map<String, Object> c =
        Vectors.load("http-tracing.json").stream()
            .filter(v -> v.get("name").equals("tracing/empty"))
            .findFirst()
            .orElseThrow();
    assertEquals(c.get("tracing_hex"), Vectors.hex(Tracing.empty()));
  }

  static Stream<Arguments> notifyResponses() {
    return Vectors.load("http-messages.json").stream()
        .filter(c -> c.get("path").equals("/v1/notify") && c.get("response_status").equals(200L))
        .map(c -> Arguments.of(Named.of((String) c.get("name"), c)));
  }

  /** Every RESPONSE_NOTIFY captured from the reference ends with the two u64 timestamps. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("notifyResponses")
  void capturedNotifyResponsesEndTheirTracingWithTheTwoTimestamps(Map<String, Object> c) {
    Map<String, Object> d = Vectors.object(c, "response_decoded");
    Map<String, Object> simple = Vectors.object(d, "tracing_decoded_simple");
    byte[] reference = Vectors.hex((String) d.get("tracing_hex"));
    byte[] ours =
        Tracing.minimalNotifyBlock(
            (Long) simple.get("request_received_at_ns"), (Long) simple.get("response_sent_at_ns"));
    assertEquals(simple.get("truncated_flag"), (long) reference[0]);
    assertEquals(
        (long) Vectors.array(simple, "traces").size(),
        ((reference[1] & 0xff) << 8) | (reference[2] & 0xff));
    assertEquals(
        Vectors.hex(Arrays.copyOfRange(ours, 3, 19)),
        Vectors.hex(Arrays.copyOfRange(reference, reference.length - 16, reference.length)));
  }
}
