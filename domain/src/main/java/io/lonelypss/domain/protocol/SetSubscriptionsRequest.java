package io.lonelypss.domain.protocol;

import io.lonelypss.domain.GlobPattern;
import io.lonelypss.domain.SubscriberUrl;
import io.lonelypss.domain.Subscription;
import io.lonelypss.domain.Topic;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Body of {@code /v1/set_subscriptions}: lp16 tracing, lp16 url, u8 etag format (must be 0), 64
 * etag, u32 E exact entries (lp16 topic, lp16 recovery), u32 G glob entries (lp16 glob, lp16
 * recovery). Entries are strictly ascending by bytes and the etag must equal the one recomputed
 * from url and entries; otherwise the request is malformed.
 */
public record SetSubscriptionsRequest(
    byte[] tracing,
    SubscriberUrl url,
    StrongEtag etag,
    List<Subscription> exacts,
    List<Subscription> globs) {
  public SetSubscriptionsRequest {
    Objects.requireNonNull(tracing, "tracing");
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(etag, "etag");
    exacts = List.copyOf(exacts);
    globs = List.copyOf(globs);
  }

  /** Builds a request for the desired state, computing its etag (as a client would). */
  public static SetSubscriptionsRequest of(
      byte[] tracing, SubscriberUrl url, List<Subscription> exacts, List<Subscription> globs) {
    return new SetSubscriptionsRequest(
        tracing, url, StrongEtag.ofOrdered(url, exacts, globs), exacts, globs);
  }

  public static SetSubscriptionsRequest parse(ByteBuffer body) {
    WireReader r = new WireReader(body);
    byte[] tracing = r.lp16("tracing");
    String urlText = r.utf8Lp16("url");
    int format = r.u8("etag format");
    byte[] hash = r.fixed(64, "etag");
    if (format != StrongEtag.FORMAT) {
      throw new MalformedMessageException("unknown etag format " + format);
    }
    SubscriberUrl url = WireReader.validating(() -> new SubscriberUrl(urlText));
    StrongEtag sent = StrongEtag.of(format, hash);
    List<Subscription> exacts = readEntries(r, url, false);
    List<Subscription> globs = readEntries(r, url, true);
    StrongEtag recomputed = StrongEtag.ofOrdered(url, exacts, globs);
    if (!recomputed.sameAs(sent)) {
      throw new MalformedMessageException("etag does not match the entries");
    }
    return new SetSubscriptionsRequest(tracing, url, sent, exacts, globs);
  }

  private static List<Subscription> readEntries(WireReader r, SubscriberUrl url, boolean glob) {
    long count = r.u32(glob ? "glob count" : "topic count");
    // each entry takes at least 4 bytes: do not trust the count for allocation
    if (count > r.remaining() / 4) {
      throw new MalformedMessageException("entry count runs past the body");
    }
    List<Subscription> out = new ArrayList<>((int) count);
    for (long i = 0; i < count; i++) {
      byte[] key = r.lp16(glob ? "glob" : "topic");
      String recovery = r.utf8Lp16("recovery");
      out.add(
          WireReader.validating(
              () ->
                  new Subscription(
                      url,
                      glob ? GlobPattern.fromUtf8(key) : Topic.of(key),
                      recovery.isEmpty()
                          ? Optional.empty()
                          : Optional.of(new SubscriberUrl(recovery)))));
    }
    return out;
  }

  public byte[] encode() {
    WireWriter w =
        new WireWriter()
            .lp16(tracing)
            .lp16(url.utf8())
            .u8(etag.format())
            .raw(etag.hash())
            .u32(exacts.size());
    exacts.forEach(s -> writeEntry(w, s));
    w.u32(globs.size());
    globs.forEach(s -> writeEntry(w, s));
    return w.toByteArray();
  }

  private static void writeEntry(WireWriter w, Subscription s) {
    w.lp16(s.interest().wireBytes())
        .lp16(s.recovery().map(SubscriberUrl::utf8).orElse(new byte[0]));
  }

  /** All desired subscriptions, exact ones first. */
  public List<Subscription> desired() {
    List<Subscription> all = new ArrayList<>(exacts);
    all.addAll(globs);
    return all;
  }
}
