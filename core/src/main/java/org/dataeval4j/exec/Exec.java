package org.dataeval4j.exec;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * How a call runs: a number of threads and a progress listener, travelling with the call (there is
 * no global pool). An {@code Exec} owns its threads; close it when done, or use {@link #serial()}
 * which owns none.
 *
 * <p>Determinism contract: {@link #forEachBlock} splits {@code [0, n)} into fixed blocks whose
 * boundaries depend only on {@code n} and the block size, never on the thread count. A body that
 * writes only the outputs of its own block therefore produces the same result with any number of
 * threads; every parallel loop in this library is written that way.
 */
public final class Exec implements AutoCloseable {

  /** The body of a parallel loop over the half-open range {@code [start, end)}. */
  @FunctionalInterface
  public interface BlockBody {
    void run(int start, int end) throws Exception;
  }

  private static final AtomicInteger POOL_COUNT = new AtomicInteger();

  private final int threads;
  private final @Nullable ExecutorService pool;
  private final Progress progress;

  private Exec(int threads, Progress progress) {
    this.threads = threads;
    this.progress = progress;
    if (threads > 1) {
      int poolId = POOL_COUNT.incrementAndGet();
      AtomicInteger threadCount = new AtomicInteger();
      ThreadFactory factory =
          r -> {
            Thread t =
                new Thread(r, "dataeval4j-" + poolId + "-worker-" + threadCount.incrementAndGet());
            t.setDaemon(true);
            return t;
          };
      // threads - 1 helpers: the calling thread takes part in every loop.
      this.pool = Executors.newFixedThreadPool(threads - 1, factory);
    } else {
      this.pool = null;
    }
  }

  /** One thread (the caller's), no progress. Needs no closing. */
  public static Exec serial() {
    return new Exec(1, Progress.NONE);
  }

  /**
   * An executor with the given number of threads.
   *
   * @param threads at least 1, or 0 for the number of available processors
   */
  public static Exec create(int threads) {
    return create(threads, Progress.NONE);
  }

  /**
   * An executor with the given number of threads that reports progress to {@code progress}.
   *
   * @param threads at least 1, or 0 for the number of available processors
   */
  public static Exec create(int threads, Progress progress) {
    if (threads < 0) {
      throw new IllegalArgumentException(
          "threads must be >= 0 (0 = all processors), got " + threads);
    }
    int t = threads == 0 ? Runtime.getRuntime().availableProcessors() : threads;
    return new Exec(t, progress);
  }

  /** The number of threads that run a loop, the caller's included. */
  public int threads() {
    return threads;
  }

  /** Where long stages report how far they are. */
  public Progress progress() {
    return progress;
  }

  /**
   * Runs {@code body} over the blocks {@code [b*blockSize, min(n, (b+1)*blockSize))} and waits for
   * all of them. Blocks are handed out in ascending order to whichever thread is free. The first
   * exception thrown by a body is rethrown (unchecked) after every started block has finished.
   */
  @SuppressWarnings("FutureReturnValueIgnored")
  public void forEachBlock(int n, int blockSize, BlockBody body) {
    if (blockSize < 1) {
      throw new IllegalArgumentException("blockSize must be >= 1, got " + blockSize);
    }
    if (n <= 0) {
      return;
    }
    int blocks = (int) ((n + (long) blockSize - 1) / blockSize);
    AtomicInteger next = new AtomicInteger();
    Runnable worker =
        () -> {
          for (int b = next.getAndIncrement(); b < blocks; b = next.getAndIncrement()) {
            int start = b * blockSize;
            int end = (int) Math.min(n, (long) start + blockSize);
            try {
              body.run(start, end);
            } catch (RuntimeException | Error e) {
              next.set(blocks);
              throw e;
            } catch (Exception e) {
              next.set(blocks);
              throw new IllegalStateException(e);
            }
          }
        };
    if (pool == null || blocks == 1) {
      worker.run();
      return;
    }
    int helpers = Math.min(threads - 1, blocks - 1);
    List<Future<?>> futures = new ArrayList<>(helpers);
    for (int i = 0; i < helpers; i++) {
      futures.add(pool.submit(worker));
    }
    @Nullable Throwable failure = null;
    try {
      worker.run();
    } catch (RuntimeException | Error e) {
      failure = e;
    }
    for (Future<?> f : futures) {
      try {
        f.get();
      } catch (ExecutionException e) {
        if (failure == null) {
          failure = e.getCause();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        if (failure == null) {
          failure = e;
        }
      }
    }
    if (failure instanceof RuntimeException) {
      throw (RuntimeException) failure;
    }
    if (failure instanceof Error) {
      throw (Error) failure;
    }
    if (failure != null) {
      throw new IllegalStateException(failure);
    }
  }

  @Override
  public void close() {
    if (pool != null) {
      pool.shutdownNow();
    }
  }
}
