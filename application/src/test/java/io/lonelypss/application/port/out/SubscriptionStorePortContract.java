package io.lonelypss.application.port.out;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.lonelypss.domain.GlobPattern;
import io.lonelypss.domain.Interest;
import io.lonelypss.domain.SubscriberUrl;
import io.lonelypss.domain.Subscription;
import io.lonelypss.domain.Topic;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * What every {@link SubscriptionStorePort} must do. Subclasses create a fresh store before each
 * test and return it from {@link #store()}. Every test uses its own URLs, topics and globs, so the
 * tests also hold on a store shared between them.
 */
public abstract class SubscriptionStorePortContract {
  /** How long any single stage may take before the test fails instead of hanging. */
  public static final Duration TIMEOUT = Duration.ofSeconds(60);

  private final String id = UUID.randomUUID().toString();

  /** The store under test, created by the subclass before each test. */
  protected abstract SubscriptionStorePort store();

  @Test
  public void anAddedExactSubscriptionIsListedForItsUrl() {
    Subscription subscription =
        Subscription.exact(url("a"), topic("news"), Optional.of(url("a-missed")));

    await(store().add(subscription));

    assertEquals(List.of(subscription), await(store().listForUrl(url("a"))));
  }

  @Test
  public void anAddedGlobSubscriptionWithoutRecoveryIsListedForItsUrl() {
    Subscription subscription = Subscription.glob(url("a"), glob("news/*"), Optional.empty());

    await(store().add(subscription));

    assertEquals(List.of(subscription), await(store().listForUrl(url("a"))));
  }

  @Test
  public void addingTheSameExactTopicTwiceFailsWithConflictAndKeepsTheFirstRecovery() {
    Subscription first = Subscription.exact(url("a"), topic("t"), Optional.of(url("first")));
    Subscription second = Subscription.exact(url("a"), topic("t"), Optional.of(url("second")));
    await(store().add(first));

    assertFailsWith(SubscriptionConflictException.class, store().add(second));

    assertEquals(List.of(first), await(store().listForUrl(url("a"))));
  }

  @Test
  public void addingTheSameGlobTwiceFailsWithConflictAndKeepsTheFirstRecovery() {
    Subscription first = Subscription.glob(url("a"), glob("t/*"), Optional.empty());
    Subscription second = Subscription.glob(url("a"), glob("t/*"), Optional.of(url("second")));
    await(store().add(first));

    assertFailsWith(SubscriptionConflictException.class, store().add(second));

    assertEquals(List.of(first), await(store().listForUrl(url("a"))));
  }

  @Test
  public void theSameInterestForTwoUrlsIsTwoSubscriptions() {
    Subscription forA = Subscription.exact(url("a"), topic("t"), Optional.empty());
    Subscription forB = Subscription.exact(url("b"), topic("t"), Optional.empty());

    await(store().add(forA));
    await(store().add(forB));

    assertSameElements(List.of(forA, forB), await(store().findMatching(topic("t"))));
  }

  @Test
  public void aTopicAndAGlobWithTheSameTextAreDifferentSubscriptions() {
    Subscription exact = Subscription.exact(url("a"), topic("t/*"), Optional.empty());
    Subscription globbed = Subscription.glob(url("a"), glob("t/*"), Optional.empty());

    await(store().add(exact));
    await(store().add(globbed));

    assertSameElements(List.of(exact, globbed), await(store().listForUrl(url("a"))));
  }

  @Test
  public void removeDeletesOnlyThatSubscription() {
    Subscription kept = Subscription.exact(url("a"), topic("kept"), Optional.empty());
    Subscription gone = Subscription.exact(url("a"), topic("gone"), Optional.empty());
    Subscription otherUrl = Subscription.exact(url("b"), topic("gone"), Optional.empty());
    await(store().add(kept));
    await(store().add(gone));
    await(store().add(otherUrl));

    await(store().remove(url("a"), topic("gone")));

    assertEquals(List.of(kept), await(store().listForUrl(url("a"))));
    assertEquals(List.of(otherUrl), await(store().listForUrl(url("b"))));
  }

  @Test
  public void removeDeletesAGlobSubscription() {
    await(store().add(Subscription.glob(url("a"), glob("t/*"), Optional.of(url("missed")))));

    await(store().remove(url("a"), glob("t/*")));

    assertEquals(List.of(), await(store().listForUrl(url("a"))));
  }

  @Test
  public void removingAMissingSubscriptionFailsWithNotFound() {
    assertFailsWith(SubscriptionNotFoundException.class, store().remove(url("a"), topic("t")));
    assertFailsWith(SubscriptionNotFoundException.class, store().remove(url("a"), glob("t*")));
  }

  @Test
  public void removingTwiceFailsWithNotFoundTheSecondTime() {
    await(store().add(Subscription.exact(url("a"), topic("t"), Optional.empty())));
    await(store().remove(url("a"), topic("t")));

    assertFailsWith(SubscriptionNotFoundException.class, store().remove(url("a"), topic("t")));
  }

  @Test
  public void removingATopicDoesNotRemoveTheGlobWithTheSameText() {
    Subscription globbed = Subscription.glob(url("a"), glob("t"), Optional.empty());
    await(store().add(globbed));

    assertFailsWith(SubscriptionNotFoundException.class, store().remove(url("a"), topic("t")));

    assertEquals(List.of(globbed), await(store().listForUrl(url("a"))));
  }

  @Test
  public void aRemovedSubscriptionCanBeAddedAgain() {
    Subscription subscription = Subscription.exact(url("a"), topic("t"), Optional.empty());
    await(store().add(subscription));
    await(store().remove(url("a"), topic("t")));

    await(store().add(subscription));

    assertEquals(List.of(subscription), await(store().listForUrl(url("a"))));
  }

  @Test
  public void findMatchingReturnsExactMatchesFirstThenGlobMatches() {
    Subscription globA = Subscription.glob(url("a"), glob("news/*"), Optional.empty());
    Subscription globB = Subscription.glob(url("b"), glob("news/?ports"), Optional.empty());
    Subscription exactB = Subscription.exact(url("b"), topic("news/sports"), Optional.empty());
    Subscription exactC =
        Subscription.exact(url("c"), topic("news/sports"), Optional.of(url("c-missed")));
    // globs first, so that insertion order alone cannot put the exact matches first
    await(store().add(globA));
    await(store().add(globB));
    await(store().add(exactB));
    await(store().add(exactC));

    List<Subscription> found = await(store().findMatching(topic("news/sports")));

    assertExactsThenGlobs(List.of(exactB, exactC), List.of(globA, globB), found);
  }

  @Test
  public void aUrlSubscribedByExactAndByAMatchingGlobIsFoundTwice() {
    Subscription exact = Subscription.exact(url("a"), topic("x/y"), Optional.empty());
    Subscription globbed = Subscription.glob(url("a"), glob("x/*"), Optional.empty());
    await(store().add(globbed));
    await(store().add(exact));

    assertEquals(List.of(exact, globbed), await(store().findMatching(topic("x/y"))));
  }

  @Test
  public void findMatchingLeavesOutSubscriptionsThatDoNotMatch() {
    Subscription matching = Subscription.glob(url("a"), glob("x/[a-c]"), Optional.empty());
    await(store().add(matching));
    await(store().add(Subscription.glob(url("a"), glob("x/[^b]"), Optional.empty())));
    await(store().add(Subscription.glob(url("a"), glob("X/*"), Optional.empty())));
    await(store().add(Subscription.glob(url("a"), glob("x/b?"), Optional.empty())));
    await(store().add(Subscription.exact(url("a"), topic("x/bb"), Optional.empty())));
    await(store().add(Subscription.exact(url("a"), topic("x/B"), Optional.empty())));

    assertEquals(List.of(matching), await(store().findMatching(topic("x/b"))));
  }

  @Test
  public void findMatchingOnATopicNobodyWantsIsEmpty() {
    await(store().add(Subscription.exact(url("a"), topic("wanted"), Optional.empty())));

    assertEquals(List.of(), await(store().findMatching(topic("unwanted"))));
  }

  @Test
  public void aTopicThatIsNotUtf8ReachesExactSubscriptionsOnly() {
    Topic invalid = Topic.of(concat(prefixBytes(), new byte[] {'/', (byte) 0xff, (byte) 0xfe}));
    Subscription exact = Subscription.exact(url("a"), invalid, Optional.empty());
    await(store().add(exact));
    await(
        store()
            .add(Subscription.glob(url("b"), GlobPattern.of(prefix() + "/*"), Optional.empty())));
    await(
        store()
            .add(Subscription.glob(url("c"), GlobPattern.of(prefix() + "/??"), Optional.empty())));

    assertEquals(List.of(exact), await(store().findMatching(invalid)));
    assertEquals(List.of(exact), await(store().listForUrl(url("a"))));
  }

  @Test
  public void topicsContainingNulAreStoredAndMatchedWhole() {
    Topic withNul = topic("a\0b");
    Topic truncated = topic("a");
    Subscription exactWithNul = Subscription.exact(url("a"), withNul, Optional.empty());
    Subscription exactTruncated = Subscription.exact(url("a"), truncated, Optional.empty());
    Subscription globTruncated = Subscription.glob(url("b"), glob("a"), Optional.empty());
    Subscription globStar = Subscription.glob(url("c"), glob("a*"), Optional.empty());
    Subscription globAnyOne = Subscription.glob(url("d"), glob("a?b"), Optional.empty());
    for (Subscription s :
        List.of(exactWithNul, exactTruncated, globTruncated, globStar, globAnyOne)) {
      await(store().add(s));
    }

    assertExactsThenGlobs(
        List.of(exactWithNul), List.of(globStar, globAnyOne), await(store().findMatching(withNul)));
    assertExactsThenGlobs(
        List.of(exactTruncated),
        List.of(globTruncated, globStar),
        await(store().findMatching(truncated)));
    assertSameElements(List.of(exactWithNul, exactTruncated), await(store().listForUrl(url("a"))));
    await(store().remove(url("a"), withNul));
    assertEquals(List.of(exactTruncated), await(store().listForUrl(url("a"))));
  }

  @Test
  public void anEmptyTopicAndAnEmptyGlobAreSubscriptionsLikeAnyOther() {
    Subscription exact = Subscription.exact(url("a"), Topic.of(new byte[0]), Optional.empty());
    Subscription globbed = Subscription.glob(url("a"), GlobPattern.of(""), Optional.empty());

    await(store().add(exact));
    await(store().add(globbed));

    assertSameElements(List.of(exact, globbed), await(store().listForUrl(url("a"))));
    assertFailsWith(SubscriptionConflictException.class, store().add(exact));
    await(store().remove(url("a"), Topic.of(new byte[0])));
    assertEquals(List.of(globbed), await(store().listForUrl(url("a"))));
  }

  @Test
  public void nonAsciiUrlsGlobsAndRecoveriesRoundTrip() {
    SubscriberUrl url = url("caf\u00e9/\ud83d\ude00#fragment");
    SubscriberUrl recovery = url("r\u00e9cup\u00e9ration/\u4e2d\u6587");
    Subscription globbed =
        Subscription.glob(url, glob("\u00e9t\u00e9/[\u00e0-\u00ff]*"), Optional.of(recovery));
    Subscription exact = Subscription.exact(url, topic("\ud83d\ude00"), Optional.of(recovery));

    await(store().add(globbed));
    await(store().add(exact));

    assertSameElements(List.of(globbed, exact), await(store().listForUrl(url)));
    assertEquals(List.of(globbed), await(store().findMatching(topic("\u00e9t\u00e9/\u00e8s"))));
    assertEquals(List.of(exact), await(store().findMatching(topic("\ud83d\ude00"))));
  }

  @Test
  public void listForUrlShowsOnlyThatUrlsSubscriptions() {
    Subscription a1 = Subscription.exact(url("a"), topic("1"), Optional.empty());
    Subscription a2 = Subscription.glob(url("a"), glob("2*"), Optional.of(url("a-missed")));
    Subscription b1 = Subscription.exact(url("b"), topic("1"), Optional.empty());
    Subscription prefixOfA = Subscription.exact(url(""), topic("1"), Optional.empty());
    for (Subscription s : List.of(a1, a2, b1, prefixOfA)) {
      await(store().add(s));
    }

    assertSameElements(List.of(a1, a2), await(store().listForUrl(url("a"))));
    assertEquals(List.of(b1), await(store().listForUrl(url("b"))));
    assertEquals(List.of(), await(store().listForUrl(url("unknown"))));
  }

  @Test
  public void replaceForUrlAddsMissingRemovesSurplusAndKeepsTheRest() {
    Subscription kept = Subscription.exact(url("a"), topic("kept"), Optional.empty());
    Subscription keptGlob = Subscription.glob(url("a"), glob("kept/*"), Optional.empty());
    Subscription surplus = Subscription.exact(url("a"), topic("surplus"), Optional.empty());
    Subscription surplusGlob = Subscription.glob(url("a"), glob("surplus/*"), Optional.empty());
    Subscription added = Subscription.exact(url("a"), topic("added"), Optional.empty());
    Subscription addedGlob = Subscription.glob(url("a"), glob("added/*"), Optional.empty());
    for (Subscription s : List.of(kept, keptGlob, surplus, surplusGlob)) {
      await(store().add(s));
    }

    await(store().replaceForUrl(url("a"), List.of(addedGlob, kept, added, keptGlob)));

    assertSameElements(
        List.of(kept, keptGlob, added, addedGlob), await(store().listForUrl(url("a"))));
    assertEquals(List.of(), await(store().findMatching(topic("surplus"))));
    assertEquals(List.of(addedGlob), await(store().findMatching(topic("added/x"))));
  }

  @Test
  public void replaceForUrlUpdatesTheRecoveryOfKeptSubscriptions() {
    Subscription gains = Subscription.exact(url("a"), topic("gains"), Optional.empty());
    Subscription changes = Subscription.glob(url("a"), glob("changes/*"), Optional.of(url("old")));
    Subscription loses = Subscription.exact(url("a"), topic("loses"), Optional.of(url("old")));
    Subscription same = Subscription.exact(url("a"), topic("same"), Optional.of(url("same")));
    for (Subscription s : List.of(gains, changes, loses, same)) {
      await(store().add(s));
    }
    List<Subscription> desired =
        List.of(
            Subscription.exact(url("a"), topic("gains"), Optional.of(url("new"))),
            Subscription.glob(url("a"), glob("changes/*"), Optional.of(url("new"))),
            Subscription.exact(url("a"), topic("loses"), Optional.empty()),
            same);

    await(store().replaceForUrl(url("a"), desired));

    assertSameElements(desired, await(store().listForUrl(url("a"))));
  }

  @Test
  public void replaceForUrlLeavesOtherUrlsUntouched() {
    Subscription otherExact = Subscription.exact(url("b"), topic("t"), Optional.of(url("b-m")));
    Subscription otherGlob = Subscription.glob(url("b"), glob("t*"), Optional.empty());
    await(store().add(otherExact));
    await(store().add(otherGlob));
    await(store().add(Subscription.exact(url("a"), topic("t"), Optional.empty())));

    await(
        store()
            .replaceForUrl(
                url("a"),
                List.of(
                    Subscription.exact(url("a"), topic("u"), Optional.of(url("a-m"))),
                    Subscription.glob(url("a"), glob("t*"), Optional.of(url("a-m"))))));

    assertSameElements(List.of(otherExact, otherGlob), await(store().listForUrl(url("b"))));
  }

  @Test
  public void replaceForUrlWithAnEmptyListRemovesEverySubscriptionOfTheUrl() {
    Subscription other = Subscription.exact(url("b"), topic("t"), Optional.empty());
    await(store().add(Subscription.exact(url("a"), topic("t"), Optional.empty())));
    await(store().add(Subscription.glob(url("a"), glob("t*"), Optional.of(url("m")))));
    await(store().add(other));

    await(store().replaceForUrl(url("a"), List.of()));

    assertEquals(List.of(), await(store().listForUrl(url("a"))));
    assertEquals(List.of(other), await(store().listForUrl(url("b"))));
  }

  @Test
  public void replaceForUrlOfAnUnknownUrlAddsEveryDesiredSubscription() {
    List<Subscription> desired =
        List.of(
            Subscription.exact(url("a"), topic("1"), Optional.empty()),
            Subscription.exact(url("a"), topic("2"), Optional.of(url("m"))),
            Subscription.glob(url("a"), glob("3*"), Optional.empty()));

    await(store().replaceForUrl(url("a"), desired));

    assertSameElements(desired, await(store().listForUrl(url("a"))));
  }

  @Test
  public void replaceForUrlWithTheSameInterestTwiceKeepsTheLastRecovery() {
    Subscription last = Subscription.exact(url("a"), topic("t"), Optional.of(url("last")));

    await(
        store()
            .replaceForUrl(
                url("a"),
                List.of(
                    Subscription.exact(url("a"), topic("t"), Optional.of(url("first"))), last)));

    assertEquals(List.of(last), await(store().listForUrl(url("a"))));
  }

  @Test
  public void replaceForUrlWithASubscriptionOfAnotherUrlFailsAndChangesNothing() {
    Subscription existing = Subscription.exact(url("a"), topic("t"), Optional.empty());
    await(store().add(existing));
    List<Subscription> desired =
        List.of(
            Subscription.exact(url("a"), topic("u"), Optional.empty()),
            Subscription.exact(url("b"), topic("u"), Optional.empty()));

    assertFailsWith(IllegalArgumentException.class, store().replaceForUrl(url("a"), desired));

    assertEquals(List.of(existing), await(store().listForUrl(url("a"))));
    assertEquals(List.of(), await(store().listForUrl(url("b"))));
  }

  @Test
  public void topicsAndGlobsOf64KiBRoundTrip() {
    String prefix = prefix() + "/";
    Topic longTopic = Topic.ofUtf8(prefix + "a".repeat(Topic.MAX_LENGTH - prefix.length()));
    GlobPattern longGlob =
        GlobPattern.of(
            prefix + "a".repeat(GlobPattern.MAX_UTF8_LENGTH - prefix.length() - 1) + "*");
    assertEquals(Topic.MAX_LENGTH, longTopic.length());
    assertEquals(GlobPattern.MAX_UTF8_LENGTH, longGlob.utf8().length);
    Subscription exact = Subscription.exact(url("a"), longTopic, Optional.empty());
    Subscription globbed = Subscription.glob(url("a"), longGlob, Optional.of(url("m")));

    await(store().add(exact));
    await(store().add(globbed));

    assertSameElements(List.of(exact, globbed), await(store().listForUrl(url("a"))));
    assertEquals(List.of(exact, globbed), await(store().findMatching(longTopic)));
    assertFailsWith(SubscriptionConflictException.class, store().add(exact));
    await(store().remove(url("a"), longGlob));
    assertEquals(List.of(exact), await(store().listForUrl(url("a"))));
  }

  @Test
  public void manyConcurrentAddsOfDistinctSubscriptionsAreAllStored() throws Exception {
    int threads = 8;
    int perThread = 25;
    List<Subscription> expected = new ArrayList<>();
    List<CompletionStage<Void>> stages =
        concurrently(
            threads,
            perThread,
            (thread, i) -> {
              Interest interest =
                  i % 2 == 0 ? topic(thread + "/" + i) : glob(thread + "/" + i + "/*");
              return new Subscription(url("a"), interest, Optional.empty());
            },
            expected);

    for (CompletionStage<Void> stage : stages) {
      await(stage);
    }

    assertEquals(threads * perThread, expected.size());
    assertSameElements(expected, await(store().listForUrl(url("a"))));
  }

  @Test
  public void concurrentAddsOfTheSameSubscriptionLetExactlyOneWin() throws Exception {
    Subscription subscription = Subscription.exact(url("a"), topic("t"), Optional.empty());
    List<CompletionStage<Void>> stages =
        concurrently(8, 2, (thread, i) -> subscription, new ArrayList<>());

    int added = 0;
    int conflicts = 0;
    for (CompletionStage<Void> stage : stages) {
      try {
        stage.toCompletableFuture().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        added++;
      } catch (ExecutionException e) {
        assertInstanceOf(SubscriptionConflictException.class, unwrap(e), "failure type");
        conflicts++;
      }
    }

    assertEquals(1, added);
    assertEquals(15, conflicts);
    assertEquals(List.of(subscription), await(store().listForUrl(url("a"))));
  }

  // ---- helpers ------------------------------------------------------------------------------

  /** A URL unique to this test. */
  protected final SubscriberUrl url(String name) {
    return new SubscriberUrl("https://example.test/" + id + "/" + name);
  }

  /** A topic unique to this test: {@code <prefix>/<suffix>}. */
  protected final Topic topic(String suffix) {
    return Topic.ofUtf8(prefix() + "/" + suffix);
  }

  /** A glob unique to this test: {@code <prefix>/<suffix>}. */
  protected final GlobPattern glob(String suffix) {
    return GlobPattern.of(prefix() + "/" + suffix);
  }

  /** The text every topic and glob of this test starts with. */
  protected final String prefix() {
    return "contract-" + id;
  }

  private byte[] prefixBytes() {
    return prefix().getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  /** Waits for {@code stage}, failing the test when it fails or takes longer than TIMEOUT. */
  public static <T> T await(CompletionStage<T> stage) {
    try {
      return stage.toCompletableFuture().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new AssertionError("stage failed: " + unwrap(e), unwrap(e));
    } catch (TimeoutException e) {
      throw new AssertionError("stage did not complete within " + TIMEOUT, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /** Asserts that {@code stage} fails (not throws) with a {@code type}, and returns the failure. */
  public static <E extends Throwable> E assertFailsWith(Class<E> type, CompletionStage<?> stage) {
    ExecutionException e =
        assertThrows(
            ExecutionException.class,
            () -> stage.toCompletableFuture().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
    return assertInstanceOf(type, unwrap(e));
  }

  private static Throwable unwrap(ExecutionException e) {
    Throwable cause = e.getCause();
    while (cause instanceof CompletionException && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }

  /** Asserts equal multisets: same elements, same counts, any order. */
  public static <T> void assertSameElements(List<T> expected, List<T> actual) {
    assertEquals(
        counts(expected), counts(actual), () -> "expected " + expected + ", got " + actual);
  }

  /**
   * Asserts that {@code actual} is the exact matches (in any order) followed by the glob matches
   * (in any order).
   */
  public static void assertExactsThenGlobs(
      List<Subscription> exacts, List<Subscription> globs, List<Subscription> actual) {
    assertEquals(
        exacts.size() + globs.size(),
        actual.size(),
        () -> "expected " + exacts + globs + ", got " + actual);
    assertSameElements(exacts, actual.subList(0, exacts.size()));
    assertSameElements(globs, actual.subList(exacts.size(), actual.size()));
  }

  private static <T> Map<T, Integer> counts(List<T> items) {
    Map<T, Integer> counts = new HashMap<>();
    for (T item : items) {
      counts.merge(item, 1, Integer::sum);
    }
    return counts;
  }

  @FunctionalInterface
  private interface SubscriptionMaker {
    Subscription make(int thread, int index);
  }

  /**
   * Calls {@code add} from {@code threads} threads at once, {@code perThread} times each, and
   * returns every stage (and, in {@code made}, every subscription added).
   */
  private List<CompletionStage<Void>> concurrently(
      int threads, int perThread, SubscriptionMaker maker, List<Subscription> made)
      throws Exception {
    ExecutorService callers = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<List<CompletionStage<Void>>>> calls = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        calls.add(
            callers.submit(
                () -> {
                  assertTrue(start.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS), "start");
                  List<CompletionStage<Void>> mine = new ArrayList<>();
                  for (int i = 0; i < perThread; i++) {
                    mine.add(store().add(maker.make(thread, i)));
                  }
                  return mine;
                }));
        for (int i = 0; i < perThread; i++) {
          made.add(maker.make(thread, i));
        }
      }
      start.countDown();
      List<CompletionStage<Void>> stages = new ArrayList<>();
      for (Future<List<CompletionStage<Void>>> call : calls) {
        stages.addAll(call.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
      }
      return stages;
    } finally {
      callers.shutdownNow();
      if (!callers.awaitTermination(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        fail("caller threads did not stop");
      }
    }
  }
}
