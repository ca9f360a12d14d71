package org.dataeval4j.cluster;

import java.util.Arrays;
import org.dataeval4j.exec.Exec;

/**
 * Lloyd's k-means iterations exactly as scikit-learn's {@code _kmeans_single_lloyd} defines them
 * ({@code cluster.md} §10.2 step 3b), accelerated with triangle-inequality bounds: Elkan's (C.
 * Elkan, "Using the triangle inequality to accelerate k-means", ICML 2003; a lower bound per sample
 * and centre) while n x k doubles fit {@link #ELKAN_BUDGET}, else Hamerly's (G. Hamerly, "Making
 * k-means even faster", SDM 2010; one lower bound per sample). The bounds only skip distance
 * computations that cannot change the assignment (with a relative slack far above rounding), so the
 * labels and centres are those of plain Lloyd: every sample goes to its nearest centre (squared
 * Euclidean distance {@link KMeansKernel#sqDist}, ties to the lowest centre index).
 *
 * <p>Per iteration: assign (with the bounds); new centre = mean of its members; an empty cluster
 * takes the sample farthest from its assigned (old) centre, which is removed from its old cluster's
 * sum while keeping its label, as scikit-learn's {@code _relocate_empty_clusters_dense} does
 * (several empty clusters, listed before any relocation in ascending index, take the farthest
 * samples in descending distance, ties by ascending sample index); {@code shift} = sum of squared
 * centre movements. Stop when no label changed ("strict convergence") or when {@code shift <=
 * tolAbs}; in the latter case (or after {@code maxIter}) the labels are recomputed once against the
 * final centres.
 *
 * <p>Cluster sums are accumulated during the assignment pass (one read of the data per iteration:
 * the loop is memory-bound), per fixed block of samples: within a block, first the samples the
 * bounds settle, then the scanned ones, each group in sample order; the block partials are added in
 * block order. Blocks depend only on n, k and d, so the result does not depend on the thread count.
 *
 * <p>Cost per iteration: {@code O(n d + k^2 d)} plus {@code O(k d)} for every sample whose bounds
 * do not settle it; memory {@code O(n + B k d)} with at most B = 64 blocks (fewer when k d is
 * large).
 */
final class KMeansLloyd {
  private KMeansLloyd() {}

  /** scikit-learn's {@code max_iter}. */
  static final int MAX_ITER = 300;

  /**
   * Relative slack on the bound test: a sample is settled by its bounds only when the upper bound
   * is below the lower one by more than rounding could account for; near-ties get an exact scan.
   */
  private static final double SLACK = 1e-10;

  /**
   * Elkan's bounds (n x k) are used while they take at most this many doubles (256 MiB); beyond,
   * Hamerly's (2 per sample). On Fashion-MNIST (60,000 x 50) Elkan's took 0.5 s of Lloyd at k = 10
   * and 8.7 s at k = 245, against Hamerly's 0.7 s and 22 s.
   */
  static final long ELKAN_BUDGET = 1L << 25;

  /** Upper limit on the doubles held by the per-block partial sums (64 MiB). */
  private static final long PARTIAL_BUDGET = 1L << 23;

  /** One run's outcome in the coordinates it was given (centres are k x d row-major). */
  static final class Run {
    private final int[] labels;
    private final double[] centers;
    private final double inertia;
    private final int iterations;

    Run(int[] labels, double[] centers, double inertia, int iterations) {
      this.labels = labels;
      this.centers = centers;
      this.inertia = inertia;
      this.iterations = iterations;
    }

    int[] labels() {
      return labels;
    }

    double[] centers() {
      return centers;
    }

    double inertia() {
      return inertia;
    }

    int iterations() {
      return iterations;
    }
  }

  /**
   * Runs Lloyd from the given centres.
   *
   * @param x n x d row-major samples (read only)
   * @param init k x d row-major starting centres (read only; copied)
   * @param tolAbs the absolute tolerance on the summed squared centre movement
   */
  static Run run(
      double[] x, int n, int d, double[] init, int k, double tolAbs, int maxIter, Exec exec) {
    boolean elkan = (long) n * k <= ELKAN_BUDGET;
    return run(x, n, d, init, k, tolAbs, maxIter, exec, elkan);
  }

  /** As {@link #run(double[], int, int, double[], int, double, int, Exec)}, choosing the bounds. */
  static Run run(
      double[] x,
      int n,
      int d,
      double[] init,
      int k,
      double tolAbs,
      int maxIter,
      Exec exec,
      boolean elkan) {
    State s = new State(x, n, d, k, init, exec, elkan);
    boolean strict = false;
    int iterations = maxIter;
    for (int it = 0; it < maxIter; it++) {
      boolean changed = s.assign(it == 0, true);
      s.updateCenters();
      double shift = s.moveCenters();
      if (!changed && it > 0) {
        strict = true;
        iterations = it + 1;
        break;
      }
      if (shift <= tolAbs) {
        iterations = it + 1;
        break;
      }
    }
    if (!strict) {
      s.assign(false, false);
    }
    return new Run(s.labels, s.centers, s.inertia(), iterations);
  }

  /** The block size of the fused assign-and-sum pass: depends on n, k and d only. */
  static int blockSize(int n, int k, int d) {
    long maxBlocks = Math.max(1, PARTIAL_BUDGET / ((long) k * d));
    long bs = Math.max(KMeansKernel.blockSize(n), (n + maxBlocks - 1) / maxBlocks);
    return (int) Math.min(Math.max(1, n), bs);
  }

  /** Mutable state of one run: centres, labels and the bounds. */
  private static final class State {
    final double[] x;
    final int n;
    final int d;
    final int k;
    final Exec exec;
    final int bs;
    final int blocks;
    double[] centers;
    double[] previous;

    final int[] labels;

    /** Upper bound on the distance from each sample to its assigned centre. */
    final double[] upper;

    /** Lower bound on the distance from each sample to every other centre. */
    final double[] lower;

    /** Half the distance from each centre to its nearest other centre. */
    final double[] half;

    /** How far each centre moved in the last update (not yet applied to the bounds). */
    final double[] move;

    double maxMove;
    double secondMove;
    int maxMoveIndex = -1;
    final boolean[] blockChanged;

    /** Per-block cluster sums (blocks x k x d) and counts (blocks x k) of the last pass. */
    final double[] blockSums;

    final int[] blockCounts;
    final double[] sums;
    final int[] counts;

    /**
     * Elkan's bounds (C. Elkan, "Using the triangle inequality to accelerate k-means", ICML 2003):
     * a lower bound on the distance from each sample to each centre (n x k), or empty for
     * Hamerly's.
     */
    final double[] lowerAll;

    /** Elkan: distances between centres (k x k). */
    final double[] centerDist;

    State(double[] x, int n, int d, int k, double[] init, Exec exec, boolean elkan) {
      this.x = x;
      this.n = n;
      this.d = d;
      this.k = k;
      this.exec = exec;
      this.bs = blockSize(n, k, d);
      this.blocks = KMeansKernel.blockCount(n, bs);
      this.centers = init.clone();
      this.previous = new double[k * d];
      this.labels = new int[n];
      this.upper = new double[n];
      this.lower = new double[n];
      this.lowerAll = elkan ? new double[n * k] : new double[0];
      this.centerDist = elkan ? new double[k * k] : new double[0];
      this.half = new double[k];
      this.move = new double[k];
      this.blockChanged = new boolean[blocks];
      this.blockSums = new double[blocks * k * d];
      this.blockCounts = new int[blocks * k];
      this.sums = new double[k * d];
      this.counts = new int[k];
    }

    /**
     * Assigns every sample to its nearest centre and, with {@code accumulate}, sums the members of
     * every cluster per block. With {@code full}, every distance is computed; otherwise the bounds
     * (first shifted by the last centre movement) skip the samples they settle.
     *
     * @return whether any label changed (always true for a full pass: scikit-learn compares the
     *     first labels with -1)
     */
    boolean assign(boolean full, boolean accumulate) {
      if (lowerAll.length > 0) {
        return assignElkan(full, accumulate);
      }
      if (!full) {
        computeHalf();
      }
      exec.forEachBlock(
          n,
          bs,
          (from, to) -> {
            int b = from / bs;
            int sumOffset = b * k * d;
            int countOffset = b * k;
            if (accumulate) {
              Arrays.fill(blockSums, sumOffset, sumOffset + k * d, 0.0);
              Arrays.fill(blockCounts, countOffset, countOffset + k, 0);
            }
            boolean changed = false;
            // Pass 1: the bounds settle what they can (and a settled sample is added to its
            // cluster's sum while its row is in cache); the rest waits for an exact scan.
            int[] pending = new int[to - from];
            int pendingCount = 0;
            for (int i = from; i < to; i++) {
              if (full) {
                pending[pendingCount++] = i;
                continue;
              }
              int a = labels[i];
              double u = upper[i] + move[a];
              double l = lower[i] - (a == maxMoveIndex ? secondMove : maxMove);
              double m = Math.max(half[a], l);
              if (!(u * (1 + SLACK) < m)) {
                u = Math.sqrt(KMeansKernel.sqDist(x, i * d, centers, a * d, d));
              }
              upper[i] = u;
              lower[i] = l;
              if (!(u * (1 + SLACK) < m)) {
                pending[pendingCount++] = i;
              } else if (accumulate) {
                addToSum(i, a, sumOffset, countOffset);
              }
            }
            // Pass 2: distances from the unsettled samples to every centre, a tile at a time.
            KMeansScan scan = new KMeansScan(d, k);
            for (int t0 = 0; t0 < pendingCount; t0 += KMeansScan.TILE) {
              int len = Math.min(KMeansScan.TILE, pendingCount - t0);
              scan.nearestTwo(x, pending, t0, len, centers);
              for (int p = 0; p < len; p++) {
                int i = pending[t0 + p];
                int a = scan.best[p];
                upper[i] = Math.sqrt(scan.first[p]);
                lower[i] = Math.sqrt(scan.second[p]);
                if (a != labels[i]) {
                  changed = true;
                  labels[i] = a;
                }
                if (accumulate) {
                  addToSum(i, a, sumOffset, countOffset);
                }
              }
            }
            blockChanged[b] = changed;
          });
      return finishAssign(full);
    }

    /** {@link #assign} with Elkan's bounds. */
    private boolean assignElkan(boolean full, boolean accumulate) {
      if (!full) {
        computeCenterDistances();
      }
      exec.forEachBlock(
          n,
          bs,
          (from, to) -> {
            int b = from / bs;
            int sumOffset = b * k * d;
            int countOffset = b * k;
            if (accumulate) {
              Arrays.fill(blockSums, sumOffset, sumOffset + k * d, 0.0);
              Arrays.fill(blockCounts, countOffset, countOffset + k, 0);
            }
            boolean changed = false;
            for (int i = from; i < to; i++) {
              int xo = i * d;
              int lo = i * k;
              int a;
              if (full) {
                a = 0;
                double best = Double.POSITIVE_INFINITY;
                for (int c = 0; c < k; c++) {
                  double dc = KMeansKernel.sqDist(x, xo, centers, c * d, d);
                  lowerAll[lo + c] = Math.sqrt(dc);
                  if (dc < best) {
                    best = dc;
                    a = c;
                  }
                }
                upper[i] = Math.sqrt(best);
              } else {
                a = labels[i];
                for (int c = 0; c < k; c++) {
                  lowerAll[lo + c] = Math.max(0, lowerAll[lo + c] - move[c]);
                }
                double u = upper[i] + move[a];
                if (!(u * (1 + SLACK) < half[a])) {
                  // du: the exact squared distance to centre a once computed, else NaN.
                  double du = Double.NaN;
                  for (int c = 0; c < k; c++) {
                    if (c == a
                        || u * (1 + SLACK) < lowerAll[lo + c]
                        || u * (1 + SLACK) < 0.5 * centerDist[a * k + c]) {
                      continue;
                    }
                    if (Double.isNaN(du)) {
                      du = KMeansKernel.sqDist(x, xo, centers, a * d, d);
                      u = Math.sqrt(du);
                      lowerAll[lo + a] = u;
                      if (u * (1 + SLACK) < lowerAll[lo + c]
                          || u * (1 + SLACK) < 0.5 * centerDist[a * k + c]) {
                        continue;
                      }
                    }
                    double dc = KMeansKernel.sqDist(x, xo, centers, c * d, d);
                    lowerAll[lo + c] = Math.sqrt(dc);
                    // Nearest wins; an exact tie goes to the lower centre index, as a full scan.
                    if (dc < du || (dc == du && c < a)) {
                      a = c;
                      du = dc;
                      u = Math.sqrt(dc);
                    }
                  }
                }
                upper[i] = u;
              }
              if (a != labels[i]) {
                changed = true;
                labels[i] = a;
              }
              if (accumulate) {
                addToSum(i, a, sumOffset, countOffset);
              }
            }
            blockChanged[b] = changed;
          });
      return finishAssign(full);
    }

    /** Elkan: distances between all centres, and {@code half} from them. */
    private void computeCenterDistances() {
      exec.forEachBlock(
          k,
          16,
          (from, to) -> {
            for (int c = from; c < to; c++) {
              double min = Double.POSITIVE_INFINITY;
              for (int o = 0; o < k; o++) {
                double v =
                    o == c ? 0 : Math.sqrt(KMeansKernel.sqDist(centers, c * d, centers, o * d, d));
                centerDist[c * k + o] = v;
                if (o != c) {
                  min = Math.min(min, v);
                }
              }
              half[c] = 0.5 * min;
            }
          });
    }

    /** Resets the pending movement (now in every bound) and reports whether a label changed. */
    private boolean finishAssign(boolean full) {
      Arrays.fill(move, 0);
      maxMove = 0;
      secondMove = 0;
      maxMoveIndex = -1;
      if (full) {
        return true;
      }
      for (boolean b : blockChanged) {
        if (b) {
          return true;
        }
      }
      return false;
    }

    /** Adds sample i to the partial sum of cluster a in the block at the given offsets. */
    private void addToSum(int i, int a, int sumOffset, int countOffset) {
      blockCounts[countOffset + a]++;
      int so = sumOffset + a * d;
      int xo = i * d;
      for (int j = 0; j < d; j++) {
        blockSums[so + j] += x[xo + j];
      }
    }

    /** {@code half[c]} = half the distance from centre c to its nearest other centre. */
    private void computeHalf() {
      exec.forEachBlock(
          k,
          16,
          (from, to) -> {
            for (int c = from; c < to; c++) {
              double min = Double.POSITIVE_INFINITY;
              for (int o = 0; o < k; o++) {
                if (o != c) {
                  min = Math.min(min, KMeansKernel.sqDist(centers, c * d, centers, o * d, d));
                }
              }
              half[c] = 0.5 * Math.sqrt(min);
            }
          });
    }

    /**
     * New centres (in {@link #previous}, then swapped): the block sums of the last pass added in
     * block order, after relocating empty clusters, divided by the counts.
     */
    void updateCenters() {
      Arrays.fill(sums, 0.0);
      Arrays.fill(counts, 0);
      int kd = k * d;
      for (int b = 0; b < blocks; b++) {
        int so = b * kd;
        for (int e = 0; e < kd; e++) {
          sums[e] += blockSums[so + e];
        }
        for (int c = 0; c < k; c++) {
          counts[c] += blockCounts[b * k + c];
        }
      }
      relocateEmpty();
      double[] next = previous;
      for (int c = 0; c < k; c++) {
        int co = c * d;
        // scikit-learn keeps the (zero) sum when a cluster lost its last member to relocation.
        double scale = counts[c] > 0 ? 1.0 / counts[c] : 1.0;
        for (int j = 0; j < d; j++) {
          next[co + j] = sums[co + j] * scale;
        }
      }
      previous = centers;
      centers = next;
    }

    /**
     * scikit-learn's {@code _relocate_empty_clusters_dense}, with the tie-break of the class doc.
     */
    private void relocateEmpty() {
      int empty = 0;
      for (int c = 0; c < k; c++) {
        if (counts[c] == 0) {
          empty++;
        }
      }
      if (empty == 0) {
        return;
      }
      // The `empty` samples farthest from their assigned centre, descending, ties by index.
      int[] far = new int[empty];
      double[] farDist = new double[empty];
      int found = 0;
      for (int i = 0; i < n; i++) {
        double v = KMeansKernel.sqDist(x, i * d, centers, labels[i] * d, d);
        if (found == empty && !(v > farDist[empty - 1])) {
          continue;
        }
        int pos = found < empty ? found++ : empty - 1;
        while (pos > 0 && v > farDist[pos - 1]) {
          far[pos] = far[pos - 1];
          farDist[pos] = farDist[pos - 1];
          pos--;
        }
        far[pos] = i;
        farDist[pos] = v;
      }
      // The empty clusters are listed before any relocation: a cluster that loses its last member
      // to a relocation does not take part in this round (as in scikit-learn).
      int[] targets = new int[empty];
      for (int c = 0, e = 0; c < k; c++) {
        if (counts[c] == 0) {
          targets[e++] = c;
        }
      }
      for (int e = 0; e < found; e++) {
        int c = targets[e];
        int p = far[e];
        int old = labels[p];
        int po = p * d;
        for (int j = 0; j < d; j++) {
          sums[old * d + j] -= x[po + j];
          sums[c * d + j] = x[po + j];
        }
        counts[old]--;
        counts[c] = 1;
      }
    }

    /**
     * Records how far each centre moved (for the bounds) and returns scikit-learn's {@code
     * center_shift_tot}, the sum of squared movements.
     */
    double moveCenters() {
      double shift = 0;
      maxMove = 0;
      secondMove = 0;
      maxMoveIndex = -1;
      for (int c = 0; c < k; c++) {
        double sq = KMeansKernel.sqDist(centers, c * d, previous, c * d, d);
        shift += sq;
        double m = Math.sqrt(sq);
        move[c] = m;
        if (m > maxMove) {
          secondMove = maxMove;
          maxMove = m;
          maxMoveIndex = c;
        } else if (m > secondMove) {
          secondMove = m;
        }
      }
      return shift;
    }

    /** Sum of squared distances to the assigned centres, in fixed blocks combined in order. */
    double inertia() {
      double[] partial = new double[blocks];
      exec.forEachBlock(
          n,
          bs,
          (from, to) -> {
            double acc = 0;
            for (int i = from; i < to; i++) {
              acc += KMeansKernel.sqDist(x, i * d, centers, labels[i] * d, d);
            }
            partial[from / bs] = acc;
          });
      double total = 0;
      for (double p : partial) {
        total += p;
      }
      return total;
    }
  }
}
