package io.lonelypss.domain.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.lonelypss.domain.GlobPattern;
import io.lonelypss.domain.SubscriberUrl;
import io.lonelypss.domain.Subscription;
import io.lonelypss.domain.Topic;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SetSubscriptionsRequestTest {

  private static final SubscriberUrl URL = new SubscriberUrl("http://127.0.0.1:3002/v1/receive");
  private static final Optional<SubscriberUrl> RECOVER =
      Optional.of(new SubscriberUrl("http://127.0.0.1:3002/v1/recover"));

  /** tracing, url, format 0 and the etag of the empty set: everything before the counts. */
  private static WireWriter header() {
    return new WireWriter()
        .lp16(new byte[0])
        .lp16(URL.utf8())
        .u8(StrongEtag.FORMAT)
        .raw(StrongEtag.ofSubscriptions(URL, List.of()).hash());
  }

  private static SetSubscriptionsRequest parse(byte[] body) {
    return SetSubscriptionsRequest.parse(ByteBuffer.wrap(body));
  }

  @Test
  void anEntryCountLargerThanTheBodyIsMalformed() {
    byte[] body = header().u32(0xffffffffL).toByteArray();
    assertThrows(MalformedMessageException.class, () -> parse(body));
    byte[] globs = header().u32(0).u32(0x7fffffffL).u32(0).toByteArray();
    assertThrows(MalformedMessageException.class, () -> parse(globs));
  }

  @Test
  void anEntryCountThatFitsButEntriesThatDoNotIsMalformed() {
    // two entries announced, 8 bytes follow, but the first entry claims a 100-byte topic
    byte[] body = header().u32(2).u16(100).u16(0).u16(0).u16(0).toByteArray();
    assertThrows(MalformedMessageException.class, () -> parse(body));
  }

  @Test
  void aMissingGlobCountIsMalformed() {
    byte[] body = header().u32(0).toByteArray();
    assertThrows(MalformedMessageException.class, () -> parse(body));
  }

  @Test
  void theEmptySetParses() {
    SetSubscriptionsRequest r = parse(header().u32(0).u32(0).toByteArray());
    assertEquals(List.of(), r.desired());
    assertEquals(URL, r.url());
  }

  @Test
  void aGlobThatIsNotUtf8IsMalformed() {
    byte[] entries =
        new WireWriter().u32(0).u32(1).lp16(new byte[] {(byte) 0xff}).u16(0).toByteArray();
    byte[] body = new WireWriter().raw(header().toByteArray()).raw(entries).toByteArray();
    assertThrows(MalformedMessageException.class, () -> parse(body));
  }

  @Test
  void aRequestBuiltByTheClientRoundTrips() {
    List<Subscription> exacts =
        List.of(
            Subscription.exact(URL, Topic.ofUtf8("a"), RECOVER),
            Subscription.exact(URL, Topic.of(new byte[] {(byte) 0xff}), Optional.empty()));
    List<Subscription> globs =
        List.of(
            Subscription.glob(URL, GlobPattern.of("\uff5e"), RECOVER),
            Subscription.glob(URL, GlobPattern.of("\ud83d\ude00"), Optional.empty()));
    SetSubscriptionsRequest sent = SetSubscriptionsRequest.of(new byte[] {7}, URL, exacts, globs);
    byte[] body = sent.encode();
    SetSubscriptionsRequest received = parse(body);
    assertEquals(exacts, received.exacts());
    assertEquals(globs, received.globs());
    assertEquals(sent.etag(), received.etag());
    assertArrayEquals(new byte[] {7}, received.tracing());
    assertArrayEquals(body, received.encode());
    assertEquals(4, received.desired().size());
  }

  @Test
  void aClientCannotBuildAnUnorderedRequest() {
    List<Subscription> unordered =
        List.of(
            Subscription.exact(URL, Topic.ofUtf8("b"), Optional.empty()),
            Subscription.exact(URL, Topic.ofUtf8("a"), Optional.empty()));
    assertThrows(
        MalformedMessageException.class,
        () -> SetSubscriptionsRequest.of(new byte[0], URL, unordered, List.of()));
  }
}
