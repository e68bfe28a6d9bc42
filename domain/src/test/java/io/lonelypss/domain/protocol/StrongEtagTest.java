package io.lonelypss.domain.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lonelypss.domain.GlobPattern;
import io.lonelypss.domain.InvalidValueException;
import io.lonelypss.domain.Sha512Digest;
import io.lonelypss.domain.SubscriberUrl;
import io.lonelypss.domain.Subscription;
import io.lonelypss.domain.Topic;
import io.lonelypss.domain.testing.Vectors;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class StrongEtagTest {

  /** One case of {@code http-etag.json}, with its lists already turned into subscriptions. */
  record EtagCase(
      Map<String, Object> raw,
      SubscriberUrl url,
      List<Subscription> exacts,
      List<Subscription> globs,
      byte[] document,
      byte[] etag,
      boolean accepted) {}

  static Stream<Arguments> etagVectors() {
    return Vectors.load("http-etag.json").stream()
        .map(c -> Arguments.of(Named.of((String) c.get("name"), toCase(c))));
  }

  static Stream<Arguments> acceptedVectors() {
    return etagVectors().filter(a -> caseOf(a).accepted());
  }

  static Stream<Arguments> rejectedVectors() {
    return etagVectors().filter(a -> !caseOf(a).accepted());
  }

  private static EtagCase caseOf(Arguments a) {
    return (EtagCase) ((Named<?>) a.get()[0]).getPayload();
  }

  private static EtagCase toCase(Map<String, Object> c) {
    SubscriberUrl url = new SubscriberUrl((String) c.get("url"));
    List<Subscription> exacts = new ArrayList<>();
    for (Object o : Vectors.array(c, "topics")) {
      Map<String, Object> e = asObject(o);
      exacts.add(
          Subscription.exact(url, Topic.of(Vectors.hex((String) e.get("topic_hex"))), recovery(e)));
    }
    List<Subscription> globs = new ArrayList<>();
    for (Object o : Vectors.array(c, "globs")) {
      Map<String, Object> e = asObject(o);
      globs.add(Subscription.glob(url, GlobPattern.of((String) e.get("glob")), recovery(e)));
    }
    // "reference_outcome" is absent for plain cases, "ValueError" for rejections, "accepted"
    // for the UTF-8 vs UTF-16 order case (which only a UTF-16 comparison would reject).
    Object outcome = c.get("reference_outcome");
    boolean accepted = outcome == null || outcome.equals("accepted");
    String etagHex =
        (String)
            (c.containsKey("etag_hex") ? c.get("etag_hex") : c.get("etag_hex_if_hashed_anyway"));
    return new EtagCase(
        c,
        url,
        exacts,
        globs,
        Vectors.hex((String) c.get("document_hex")),
        Vectors.hex(etagHex),
        accepted);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asObject(Object o) {
    return (Map<String, Object>) o;
  }

  private static Optional<SubscriberUrl> recovery(Map<String, Object> entry) {
    return Optional.ofNullable((String) entry.get("recovery")).map(SubscriberUrl::new);
  }

  /** The etag document written independently of {@link StrongEtag} (http.md section 5). */
  private static byte[] document(
      SubscriberUrl url, List<Subscription> exacts, List<Subscription> globs) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes("URL".getBytes(StandardCharsets.US_ASCII));
    lp16(out, url.value().getBytes(StandardCharsets.UTF_8));
    out.writeBytes("\nEXACT".getBytes(StandardCharsets.US_ASCII));
    entries(out, exacts);
    out.writeBytes("\nGLOB".getBytes(StandardCharsets.US_ASCII));
    entries(out, globs);
    out.write('\n');
    return out.toByteArray();
  }

  private static void entries(ByteArrayOutputStream out, List<Subscription> entries) {
    for (Subscription s : entries) {
      lp16(out, s.interest().wireBytes());
      lp16(
          out,
          s.recovery().map(r -> r.value().getBytes(StandardCharsets.UTF_8)).orElse(new byte[0]));
    }
  }

  private static void lp16(ByteArrayOutputStream out, byte[] bytes) {
    out.write(bytes.length >>> 8);
    out.write(bytes.length & 0xff);
    out.writeBytes(bytes);
  }

  private static List<Subscription> sortedByWireBytes(List<Subscription> entries) {
    List<Subscription> sorted = new ArrayList<>(entries);
    sorted.sort(
        (a, b) -> Arrays.compareUnsigned(a.interest().wireBytes(), b.interest().wireBytes()));
    return sorted;
  }

  private static List<Subscription> all(EtagCase c) {
    List<Subscription> all = new ArrayList<>(c.exacts());
    all.addAll(c.globs());
    return all;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("etagVectors")
  void documentIsWrittenAsTheVectorShows(EtagCase c) {
    assertEquals(Vectors.hex(c.document()), Vectors.hex(document(c.url(), c.exacts(), c.globs())));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("etagVectors")
  void etagIsTheSha512OfTheDocument(EtagCase c) {
    assertEquals(Vectors.hex(c.etag()), Sha512Digest.hash(c.document()).toString());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("acceptedVectors")
  void orderedListsGiveTheVectorEtag(EtagCase c) {
    StrongEtag etag = StrongEtag.ofOrdered(c.url(), c.exacts(), c.globs());
    assertEquals(StrongEtag.FORMAT, etag.format());
    assertEquals(0, ((Number) c.raw().getOrDefault("etag_format", 0L)).intValue());
    assertEquals(Vectors.hex(c.etag()), Vectors.hex(etag.hash()));
    assertTrue(etag.sameAs(StrongEtag.of(0, c.etag())));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("acceptedVectors")
  void subscriptionsInAnyOrderGiveTheVectorEtag(EtagCase c) {
    List<Subscription> reversed = all(c);
    Collections.reverse(reversed);
    assertEquals(
        Vectors.hex(c.etag()), Vectors.hex(StrongEtag.ofSubscriptions(c.url(), reversed).hash()));
    List<Subscription> globsFirst = new ArrayList<>(c.globs());
    globsFirst.addAll(c.exacts());
    assertEquals(
        Vectors.hex(c.etag()), Vectors.hex(StrongEtag.ofSubscriptions(c.url(), globsFirst).hash()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rejectedVectors")
  void unorderedListsAreRejected(EtagCase c) {
    assertEquals("ValueError", c.raw().get("reference_outcome"));
    assertThrows(
        MalformedMessageException.class,
        () -> StrongEtag.ofOrdered(c.url(), c.exacts(), c.globs()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rejectedVectors")
  void sortingRejectedListsGivesTheEtagOfTheSortedDocument(EtagCase c) {
    List<Subscription> exacts = sortedByWireBytes(c.exacts());
    List<Subscription> globs = sortedByWireBytes(c.globs());
    boolean hasDuplicates =
        exacts.stream().map(Subscription::interest).distinct().count() < exacts.size()
            || globs.stream().map(Subscription::interest).distinct().count() < globs.size();
    if (hasDuplicates) {
      // duplicates stay duplicates after sorting: no etag exists for them
      assertThrows(
          MalformedMessageException.class, () -> StrongEtag.ofSubscriptions(c.url(), all(c)));
      return;
    }
    byte[] sortedDocument = document(c.url(), exacts, globs);
    assertFalse(Arrays.equals(c.document(), sortedDocument), "the vector really was unsorted");
    StrongEtag etag = StrongEtag.ofSubscriptions(c.url(), all(c));
    assertEquals(Sha512Digest.hash(sortedDocument).toString(), Vectors.hex(etag.hash()));
    assertNotEquals(Vectors.hex(c.etag()), Vectors.hex(etag.hash()));
  }

  @Test
  void theVectorsHoldThreeRejectionsOneOfThemDuplicates() {
    assertEquals(3, rejectedVectors().count());
    assertEquals(
        1,
        rejectedVectors()
            .filter(a -> ((Named<?>) a.get()[0]).getName().contains("duplicate"))
            .count());
  }

  @Test
  void globsAreOrderedByUtf8BytesNotUtf16() {
    EtagCase c =
        etagVectors()
            .map(StrongEtagTest::caseOf)
            .filter(e -> e.raw().get("name").equals("etag/reject/utf16_vs_utf8_order_globs"))
            .findFirst()
            .orElseThrow();
    assertEquals("accepted", c.raw().get("reference_outcome"));
    List<Subscription> utf16Order = new ArrayList<>(c.globs());
    utf16Order.sort(
        (a, b) ->
            ((GlobPattern) a.interest())
                .pattern()
                .compareTo(((GlobPattern) b.interest()).pattern()));
    assertNotEquals(c.globs(), utf16Order, "String.compareTo would order these the other way");
    assertThrows(
        MalformedMessageException.class,
        () -> StrongEtag.ofOrdered(c.url(), c.exacts(), utf16Order));
    assertEquals(
        Vectors.hex(c.etag()),
        Vectors.hex(StrongEtag.ofOrdered(c.url(), c.exacts(), c.globs()).hash()));
    assertEquals(
        Vectors.hex(c.etag()), Vectors.hex(StrongEtag.ofSubscriptions(c.url(), utf16Order).hash()));
  }

  @Test
  void anEmptySetHasTheEtagOfTheEmptyDocument() {
    SubscriberUrl url = new SubscriberUrl("http://127.0.0.1:3002/v1/receive");
    assertEquals(
        "d0b76f2d339993edef37e17e43dc693e5fbef471e9fd019da05cbde56f4f2ae8"
            + "d1d42fdd734e456e6cb6a3838b4e08f415a47cb14563308f2051b6e8429ab0ae",
        Vectors.hex(StrongEtag.ofSubscriptions(url, List.of()).hash()));
  }

  @Test
  void etagsCompareFormatAndHash() {
    byte[] hash = new byte[64];
    assertTrue(StrongEtag.of(0, hash).sameAs(StrongEtag.of(0, hash.clone())));
    assertFalse(StrongEtag.of(1, hash).sameAs(StrongEtag.of(0, hash)));
    hash[63] = 1;
    assertFalse(StrongEtag.of(0, hash).sameAs(StrongEtag.of(0, new byte[64])));
    assertThrows(InvalidValueException.class, () -> StrongEtag.of(0, new byte[63]));
  }

  @Test
  void entriesOfTheWrongKindAreRefused() {
    SubscriberUrl url = new SubscriberUrl("http://x/");
    Subscription glob = Subscription.glob(url, GlobPattern.of("a*"), Optional.empty());
    assertThrows(
        IllegalArgumentException.class, () -> StrongEtag.ofOrdered(url, List.of(glob), List.of()));
  }

  @Test
  void hashesAreCopiedOut() {
    StrongEtag etag = StrongEtag.of(0, new byte[64]);
    etag.hash()[0] = 9;
    assertArrayEquals(new byte[64], etag.hash());
  }
}
