package io.lonelypss.application.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BoundedFanOutTest {

  @Test
  void neverRunsMoreThanTheParallelismAtOnceAndKeepsItemOrder() {
    List<CompletableFuture<Integer>> pending = new ArrayList<>();
    AtomicInteger running = new AtomicInteger();
    AtomicInteger peak = new AtomicInteger();
    List<Integer> items = IntStream.range(0, 10).boxed().toList();
    CompletionStage<List<Integer>> all =
        BoundedFanOut.run(
            items,
            3,
            i -> {
              peak.accumulateAndGet(running.incrementAndGet(), Math::max);
              CompletableFuture<Integer> f = new CompletableFuture<>();
              pending.add(f);
              return f.thenApply(
                  v -> {
                    running.decrementAndGet();
                    return v;
                  });
            },
            e -> -1);
    assertEquals(3, pending.size());
    // always finish the most recently started one first, so items end out of order
    while (!all.toCompletableFuture().isDone()) {
      int last = pending.size() - 1;
      while (pending.get(last).isDone()) {
        last--;
      }
      pending.get(last).complete(last * 10);
    }
    List<Integer> results = all.toCompletableFuture().join();
    assertEquals(3, peak.get());
    assertEquals(IntStream.range(0, 10).map(i -> i * 10).boxed().toList(), results);
  }

  @Test
  void aFailingOrThrowingTaskYieldsTheErrorValueAndTheOthersStillRun() {
    List<Integer> results =
        BoundedFanOut.<Integer, Integer>run(
                List.of(1, 2, 3, 4),
                2,
                i -> {
                  if (i == 2) {
                    throw new IllegalStateException("boom");
                  }
                  if (i == 3) {
                    return CompletableFuture.failedFuture(new RuntimeException("late boom"));
                  }
                  return CompletableFuture.completedFuture(i);
                },
                e -> -e.getMessage().length())
            .toCompletableFuture()
            .join();
    assertEquals(List.of(1, -4, -9, 4), results);
  }

  @Test
  void manySynchronousTasksDoNotOverflowTheStack() {
    List<Integer> items = IntStream.range(0, 100_000).boxed().toList();
    CompletionStage<List<Integer>> all =
        BoundedFanOut.run(items, 4, CompletableFuture::completedFuture, e -> -1);
    assertTrue(all.toCompletableFuture().isDone());
    assertEquals(items, all.toCompletableFuture().join());
  }

  @Test
  void noItemsCompletesAtOnceWithNoResults() {
    CompletionStage<List<Object>> all =
        BoundedFanOut.run(List.of(), 4, x -> new CompletableFuture<>(), e -> null);
    assertTrue(all.toCompletableFuture().isDone());
    assertFalse(all.toCompletableFuture().isCompletedExceptionally());
    assertEquals(List.of(), all.toCompletableFuture().join());
  }
}
