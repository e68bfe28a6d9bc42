package io.lonelypss.domain.protocol;

import io.lonelypss.domain.GlobPattern;
import io.lonelypss.domain.InvalidValueException;
import io.lonelypss.domain.Sha512Digest;
import io.lonelypss.domain.SubscriberUrl;
import io.lonelypss.domain.Subscription;
import io.lonelypss.domain.Topic;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * The strong etag of everything subscribed for one URL (http.md section 5): format 0, SHA-512 of
 * {@code "URL" lp16(url) "\nEXACT" (lp16 topic lp16 recovery)* "\nGLOB" (lp16 glob lp16 recovery)*
 * "\n"}, entries strictly ascending by unsigned bytes.
 */
public final class StrongEtag {
  public static final int FORMAT = 0;

  private static final byte[] URL = "URL".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] EXACT = "\nEXACT".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] GLOB = "\nGLOB".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] END = "\n".getBytes(StandardCharsets.US_ASCII);

  private final int format;
  private final byte[] hash;

  private StrongEtag(int format, byte[] hash) {
    if (hash.length != Sha512Digest.LENGTH) {
      throw new InvalidValueException("etag must be 64 bytes");
    }
    this.format = format;
    this.hash = hash;
  }

  /** An etag as received on the wire; any format byte is representable. */
  public static StrongEtag of(int format, byte[] hash) {
    return new StrongEtag(format, hash.clone());
  }

  /**
   * The etag of {@code subscriptions} for {@code url}, in any order. Subscriptions for other URLs
   * must not be passed; duplicates are an error.
   */
  public static StrongEtag ofSubscriptions(
      SubscriberUrl url, Collection<Subscription> subscriptions) {
    List<Subscription> exacts = new ArrayList<>();
    List<Subscription> globs = new ArrayList<>();
    for (Subscription s : subscriptions) {
      (s.isGlob() ? globs : exacts).add(s);
    }
    Comparator<Subscription> byWireBytes =
        (a, b) -> Arrays.compareUnsigned(a.interest().wireBytes(), b.interest().wireBytes());
    exacts.sort(byWireBytes);
    globs.sort(byWireBytes);
    return ofOrdered(url, exacts, globs);
  }

  /**
   * The etag of already-ordered lists (exact subscriptions, then glob subscriptions), as a
   * set_subscriptions request carries them.
   *
   * @throws MalformedMessageException when either list is not strictly ascending
   */
  public static StrongEtag ofOrdered(
      SubscriberUrl url, List<Subscription> exacts, List<Subscription> globs) {
    MessageDigest md = Sha512Digest.newHasher();
    md.update(URL);
    updateLp16(md, url.utf8());
    md.update(EXACT);
    hashEntries(md, exacts, Topic.class);
    md.update(GLOB);
    hashEntries(md, globs, GlobPattern.class);
    md.update(END);
    return new StrongEtag(FORMAT, md.digest());
  }

  private static void hashEntries(
      MessageDigest md, List<Subscription> entries, Class<?> expectedKind) {
    byte[] previous = null;
    for (Subscription s : entries) {
      if (!expectedKind.isInstance(s.interest())) {
        throw new IllegalArgumentException("entry of the wrong kind: " + s);
      }
      byte[] key = s.interest().wireBytes();
      if (previous != null && Arrays.compareUnsigned(previous, key) >= 0) {
        throw new MalformedMessageException("entries are not strictly ascending");
      }
      previous = key;
      updateLp16(md, key);
      updateLp16(md, s.recovery().map(SubscriberUrl::utf8).orElse(new byte[0]));
    }
  }

  private static void updateLp16(MessageDigest md, byte[] bytes) {
    md.update((byte) (bytes.length >>> 8));
    md.update((byte) bytes.length);
    md.update(bytes);
  }

  public int format() {
    return format;
  }

  public byte[] hash() {
    return hash.clone();
  }

  /** Constant-time comparison of format and hash. */
  public boolean sameAs(StrongEtag other) {
    return format == other.format && MessageDigest.isEqual(hash, other.hash);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StrongEtag other
        && format == other.format
        && Arrays.equals(hash, other.hash);
  }

  @Override
  public int hashCode() {
    return Objects.hash(format, Arrays.hashCode(hash));
  }

  @Override
  public String toString() {
    return format + ":" + HexFormat.of().formatHex(hash);
  }
}
