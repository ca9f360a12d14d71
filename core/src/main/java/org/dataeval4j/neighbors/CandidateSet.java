package org.dataeval4j.neighbors;

/**
 * The candidates of a block of queries during a screened scan.
 *
 * <p>The scan offers every fit row j with a lower bound {@code lo} and an upper bound {@code hi} on
 * its exact squared distance to query q. For each query this keeps a max-heap of the {@code kk}
 * smallest upper bounds; its top {@code T} bounds the kk-th smallest exact squared distance from
 * above. A row is kept as a candidate while {@code lo <= T}. Since T only decreases, every row
 * among the true kk nearest (exact distance at most the final T) is offered with {@code lo <= T}
 * and never pruned, ties included; the exact recheck of the candidates then gives the same answer
 * as a brute-force double search.
 */
final class CandidateSet {
  private static final int INITIAL_CAPACITY = 64;

  private final int kk;
  private final double[] heap;
  private final int[] heapSize;
  private final double[] threshold;

  /**
   * {@code threshold} rounded up to float, for the kernels' cheap pre-test, written at {@code
   * thresholdF[offset + q]} of an array that may be shared with other sets and read without locks
   * by other threads (a stale value only lets more rows through; {@link #offer} decides).
   */
  private final float[] thresholdF;

  private final int offset;

  private final int[][] candidates;
  private final double[][] lower;
  private final int[] count;

  CandidateSet(int queries, int kk, float[] thresholdF, int offset) {
    this.kk = kk;
    this.thresholdF = thresholdF;
    this.offset = offset;
    this.heap = new double[queries * kk];
    this.heapSize = new int[queries];
    this.threshold = new double[queries];
    this.candidates = new int[queries][];
    this.lower = new double[queries][];
    this.count = new int[queries];
    int capacity = Math.max(INITIAL_CAPACITY, 2 * kk);
    for (int q = 0; q < queries; q++) {
      threshold[q] = Double.POSITIVE_INFINITY;
      thresholdF[offset + q] = Float.POSITIVE_INFINITY;
      candidates[q] = new int[capacity];
      lower[q] = new double[capacity];
    }
  }

  /** Offers fit row j to query q with bounds {@code lo <= exact squared distance <= hi}. */
  void offer(int q, int j, double lo, double hi) {
    if (!(lo <= threshold[q])) {
      return;
    }
    if (count[q] == candidates[q].length) {
      prune(q, true);
    }
    candidates[q][count[q]] = j;
    lower[q][count[q]] = lo;
    count[q]++;
    int base = q * kk;
    int size = heapSize[q];
    if (size < kk) {
      int c = size;
      while (c > 0) {
        int p = (c - 1) >>> 1;
        if (heap[base + p] >= hi) {
          break;
        }
        heap[base + c] = heap[base + p];
        c = p;
      }
      heap[base + c] = hi;
      heapSize[q] = ++size;
      if (size == kk) {
        setThreshold(q, heap[base]);
      }
    } else if (hi < heap[base]) {
      int c = 0;
      while (true) {
        int left = 2 * c + 1;
        if (left >= kk) {
          break;
        }
        int big = left;
        if (left + 1 < kk && heap[base + left + 1] > heap[base + left]) {
          big = left + 1;
        }
        if (heap[base + big] <= hi) {
          break;
        }
        heap[base + c] = heap[base + big];
        c = big;
      }
      heap[base + c] = hi;
      setThreshold(q, heap[base]);
    }
  }

  private void setThreshold(int q, double t) {
    threshold[q] = t;
    float f = (float) t;
    thresholdF[offset + q] = f < t ? Math.nextUp(f) : f;
  }

  /** Drops the candidates of q whose lower bound exceeds the threshold; grows when still full. */
  private void prune(int q, boolean grow) {
    int[] c = candidates[q];
    double[] lo = lower[q];
    double t = threshold[q];
    int kept = 0;
    for (int i = 0; i < count[q]; i++) {
      if (lo[i] <= t) {
        c[kept] = c[i];
        lo[kept] = lo[i];
        kept++;
      }
    }
    count[q] = kept;
    if (grow && kept > c.length / 2) {
      candidates[q] = java.util.Arrays.copyOf(c, c.length * 2);
      lower[q] = java.util.Arrays.copyOf(lo, lo.length * 2);
    }
  }

  /** Drops the candidates that can no longer qualify (call once all rows were offered). */
  void trim(int q) {
    prune(q, false);
  }

  /** The number of candidates of query q. */
  int count(int q) {
    return count[q];
  }

  /** The candidates of query q (the first {@link #count} entries are valid; shared). */
  int[] candidates(int q) {
    return candidates[q];
  }
}
