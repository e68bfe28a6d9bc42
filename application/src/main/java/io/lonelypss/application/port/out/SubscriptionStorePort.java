package io.lonelypss.application.port.out;

import io.lonelypss.domain.Interest;
import io.lonelypss.domain.SubscriberUrl;
import io.lonelypss.domain.Subscription;
import io.lonelypss.domain.Topic;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Where subscriptions live. Implementations never block the caller's thread: they complete the
 * returned stages from their own bounded pool. Any stage may fail with {@link
 * StoreUnavailableException}.
 */
public interface SubscriptionStorePort {
  /** Adds a row; fails with {@link SubscriptionConflictException} if (url, interest) exists. */
  CompletionStage<Void> add(Subscription subscription);

  /** Deletes the (url, interest) row; fails with {@link SubscriptionNotFoundException} if none. */
  CompletionStage<Void> remove(SubscriberUrl url, Interest interest);

  /**
   * Every row whose interest matches {@code topic}: the exact rows for it, then the glob rows whose
   * {@link io.lonelypss.domain.GlobPattern#matches} is true (globs are matched in Java, DECISIONS
   * D1).
   */
  CompletionStage<List<Subscription>> findMatching(Topic topic);

  /** Every row stored for {@code url}, in no particular order. */
  CompletionStage<List<Subscription>> listForUrl(SubscriberUrl url);

  /**
   * Makes the rows of {@code url} equal to {@code desired}: missing rows are added, surplus rows
   * removed, kept rows get the desired recovery URL. Rows of other URLs are untouched.
   */
  CompletionStage<Void> replaceForUrl(SubscriberUrl url, List<Subscription> desired);
}
