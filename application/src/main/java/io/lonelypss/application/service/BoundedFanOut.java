package io.lonelypss.application.service;

import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Function;

/**
 * Runs one asynchronous task per item with at most {@code parallelism} in flight, and completes
 * with every result (in item order) once all have finished. A task that throws or fails yields
 * {@code onError}'s value for that item; the whole never fails.
 */
final class BoundedFanOut<T, R> {
  private final List<T> items;
  private final Function<T, CompletionStage<R>> task;
  private final Function<Throwable, R> onError;
  private final AtomicInteger next = new AtomicInteger();
  private final AtomicInteger finished = new AtomicInteger();
  private final AtomicReferenceArray<R> results;
  private final CompletableFuture<List<R>> done = new CompletableFuture<>();

  private BoundedFanOut(
      List<T> items, Function<T, CompletionStage<R>> task, Function<Throwable, R> onError) {
    this.items = List.copyOf(items);
    this.task = task;
    this.onError = onError;
    this.results = new AtomicReferenceArray<>(this.items.size());
  }

  static <T, R> CompletionStage<List<R>> run(
      List<T> items,
      int parallelism,
      Function<T, CompletionStage<R>> task,
      Function<Throwable, R> onError) {
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism must be at least 1");
    }
    BoundedFanOut<T, R> fanOut = new BoundedFanOut<>(items, task, onError);
    if (fanOut.items.isEmpty()) {
      return CompletableFuture.completedFuture(List.of());
    }
    int workers = Math.min(parallelism, fanOut.items.size());
    for (int i = 0; i < workers; i++) {
      fanOut.pump();
    }
    return fanOut.done;
  }

  /** Starts items until one is still running (it resumes pumping when it ends) or none are left. */
  private void pump() {
    while (true) {
      int i = next.getAndIncrement();
      if (i >= items.size()) {
        return;
      }
      CompletableFuture<R> running = start(items.get(i));
      if (running.isDone()) {
        settle(i, running);
        continue;
      }
      running.whenComplete(
          (r, e) -> {
            settle(i, running);
            pump();
          });
      return;
    }
  }

  private CompletableFuture<R> start(T item) {
    try {
      return task.apply(item).toCompletableFuture();
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private void settle(int i, CompletableFuture<R> finishedFuture) {
    R value;
    try {
      value = finishedFuture.join();
    } catch (CompletionException | CancellationException e) {
      value = onError.apply(e.getCause() != null ? e.getCause() : e);
    }
    store(i, value);
  }

  private void store(int i, R value) {
    results.set(i, value);
    if (finished.incrementAndGet() == items.size()) {
      done.complete(
          java.util.stream.IntStream.range(0, items.size()).mapToObj(results::get).toList());
    }
  }
}
