package org.dataeval4j.cluster;

import org.dataeval4j.exec.Exec;

/**
 * Lloyd's k-means iterations exactly as scikit-learn's {@code _kmeans_single_lloyd} defines them
 * ({@code cluster.md} §10.2 step 3b), accelerated with Hamerly's bounds (G. Hamerly, "Making
 * k-means even faster", SDM 2010). The bounds only skip distance computations that cannot change
 * the assignment, so the labels and centres are those of plain Lloyd: every sample goes to its
 * nearest centre (squared Euclidean distance, ties to the lowest centre index).
 *
 * <p>Per iteration: assign (with the bounds); new centre = mean of its members, summed in ascending
 * sample order; an empty cluster takes the sample farthest from its assigned (old) centre, which is
 * removed from its old cluster's sum while keeping its label, as scikit-learn's {@code
 * _relocate_empty_clusters_dense} does (several empty clusters, in ascending index, take the
 * farthest samples in descending distance, ties by ascending sample index); {@code shift} = sum of
 * squared centre movements. Stop when no label changed ("strict convergence") or when {@code shift
 * <= tolAbs}; in the latter case (or after {@code maxIter}) the labels are recomputed once against
 * the final centres.
 *
 * <p>Cost per iteration: {@code O(n d + k^2 d)} plus {@code O(k d)} for every sample whose bounds
 * do not settle it; memory {@code O(n + k d)}. Parallel loops use fixed blocks and per-cluster sums
 * in sample order, so the result does not depend on the thread count.
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

  /** One run's outcome in the coordinates it was given (centres are k x d row-major). */
  record Run(int[] labels, double[] centers, double inertia, int iterations) {}

  /**
   * Runs Lloyd from the given centres.
   *
   * @param x n x d row-major samples (read only)
   * @param init k x d row-major starting centres (read only; copied)
   * @param tolAbs the absolute tolerance on the summed squared centre movement
   */
  static Run run(
      double[] x, int n, int d, double[] init, int k, double tolAbs, int maxIter, Exec exec) {
    State s = new State(x, n, d, k, init, exec);
    boolean strict = false;
    int iterations = maxIter;
    for (int it = 0; it < maxIter; it++) {
      boolean changed = s.assign(it == 0);
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
      s.assign(false);
    }
    return new Run(s.labels, s.centers, s.inertia(), iterations);
  }

  /** Mutable state of one run: centres, labels and Hamerly's bounds. */
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
    final double[] sums;
    final int[] counts;
    final int[] start;
    final int[] order;

    State(double[] x, int n, int d, int k, double[] init, Exec exec) {
      this.x = x;
      this.n = n;
      this.d = d;
      this.k = k;
      this.exec = exec;
      this.bs = KMeansKernel.blockSize(n);
      this.blocks = KMeansKernel.blockCount(n, bs);
      this.centers = init.clone();
      this.previous = new double[k * d];
      this.labels = new int[n];
      this.upper = new double[n];
      this.lower = new double[n];
      this.half = new double[k];
      this.move = new double[k];
      this.blockChanged = new boolean[blocks];
      this.sums = new double[k * d];
      this.counts = new int[k];
      this.start = new int[k + 1];
      this.order = new int[n];
    }

    /**
     * Assigns every sample to its nearest centre. With {@code full}, every distance is computed;
     * otherwise the bounds (first shifted by the last centre movement) skip the samples they
     * settle.
     *
     * @return whether any label changed (always true for a full pass: scikit-learn compares the
     *     first labels with -1)
     */
    boolean assign(boolean full) {
      if (!full) {
        computeHalf();
      }
      exec.forEachBlock(
          n,
          bs,
          (from, to) -> {
            boolean changed = false;
            for (int i = from; i < to; i++) {
              int a = labels[i];
              if (!full) {
                double u = upper[i] + move[a];
                double l = lower[i] - (a == maxMoveIndex ? secondMove : maxMove);
                double m = Math.max(half[a], l);
                if (u * (1 + SLACK) < m) {
                  upper[i] = u;
                  lower[i] = l;
                  continue;
                }
                u = Math.sqrt(KMeansKernel.sqDist(x, i * d, centers, a * d, d));
                if (u * (1 + SLACK) < m) {
                  upper[i] = u;
                  lower[i] = l;
                  continue;
                }
              }
              int best = 0;
              double d1 = Double.POSITIVE_INFINITY;
              double d2 = Double.POSITIVE_INFINITY;
              int xo = i * d;
              for (int c = 0; c < k; c++) {
                double dd = KMeansKernel.sqDist(x, xo, centers, c * d, d);
                if (dd < d1) {
                  d2 = d1;
                  d1 = dd;
                  best = c;
                } else if (dd < d2) {
                  d2 = dd;
                }
              }
              upper[i] = Math.sqrt(d1);
              lower[i] = Math.sqrt(d2);
              if (best != a) {
                changed = true;
                labels[i] = best;
              }
            }
            blockChanged[from / bs] = changed;
          });
      // The bounds now include every movement so far.
      java.util.Arrays.fill(move, 0);
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
     * New centres (in {@link #previous}, then swapped): the mean of each cluster's members summed
     * in ascending sample order, after relocating empty clusters.
     */
    void updateCenters() {
      // Counting sort of the samples by label, stable: members in ascending index.
      java.util.Arrays.fill(counts, 0);
      for (int i = 0; i < n; i++) {
        counts[labels[i]]++;
      }
      start[0] = 0;
      for (int c = 0; c < k; c++) {
        start[c + 1] = start[c] + counts[c];
      }
      int[] fill = start.clone();
      for (int i = 0; i < n; i++) {
        order[fill[labels[i]]++] = i;
      }
      exec.forEachBlock(
          k,
          1,
          (from, to) -> {
            for (int c = from; c < to; c++) {
              int co = c * d;
              java.util.Arrays.fill(sums, co, co + d, 0.0);
              for (int p = start[c]; p < start[c + 1]; p++) {
                int xo = order[p] * d;
                for (int j = 0; j < d; j++) {
                  sums[co + j] += x[xo + j];
                }
              }
            }
          });
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
