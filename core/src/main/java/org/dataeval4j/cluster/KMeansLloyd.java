package org.dataeval4j.cluster;

import java.util.Arrays;
import org.dataeval4j.exec.Exec;
import org.jspecify.annotations.Nullable;

/**
 * Lloyd's k-means iterations exactly as scikit-learn's {@code _kmeans_single_lloyd} defines them
 * ({@code cluster.md} §10.2 step 3b), accelerated with triangle-inequality bounds. The bounds only
 * skip distance computations that cannot change the assignment (with a relative slack far above
 * rounding), so the labels and centres are those of plain Lloyd: every sample goes to its nearest
 * centre (squared Euclidean distance {@link KMeansKernel#sqDist}, ties to the lowest centre index).
 * Two kinds of bounds, chosen by {@link Bounds#choose}:
 *
 * <ul>
 *   <li>Elkan's (C. Elkan, "Using the triangle inequality to accelerate k-means", ICML 2003): a
 *       lower bound per sample and centre, the tightest, but n x k of them to read every iteration
 *       (kept lazily, 16 bits each: see {@link #assignElkan}).
 *   <li>Yinyang's (Y. Ding, Y. Zhao, X. Shen, M. Musuvathi, T. Mytkowicz, "Yinyang K-Means: A
 *       Drop-In Replacement of the Classic K-Means with Consistent Speedup", ICML 2015): the
 *       centres are split once into t groups by k-means over the starting centres, and each sample
 *       keeps one lower bound per group (its distance to the group's centres other than its own),
 *       shifted by the group's largest movement. A sample is settled when its upper bound is below
 *       every group bound (global filter); otherwise only groups whose bound does not exceed the
 *       best distance so far are scanned, and within them only centres whose previous group bound
 *       minus their own movement does not (local filter). With t = 1 this is Hamerly's algorithm.
 * </ul>
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
 * <p>The cluster sums are kept rather than recomputed: summed in sample order after the first
 * (full) pass, then each iteration moves the rows of the samples whose label changed, in sample
 * order, so an iteration reads only those rows of the data (scikit-learn re-sums every row; the
 * results agree to rounding). The order depends on nothing else, so the result depends neither on
 * the thread count nor on the bounds: both kinds give identical arrays.
 *
 * <p>Cost per iteration: {@code O(k^2 d)} plus Elkan's {@code O(n k)} bound reads or Yinyang's
 * {@code O(n t)} bound updates, plus {@code O(d)} per distance the bounds do not rule out and per
 * changed label; memory {@code O(n k)} (Elkan) or {@code O(n t)} (Yinyang).
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

  /** Upper limit on the bytes held by the per-sample lower bounds (128 MiB). */
  static final long BOUNDS_BUDGET = 1L << 27;

  /** Samples per tile of Elkan's tightening (their exact distances are computed four at a time). */
  private static final int TIGHTEN_TILE = 64;

  /** The kind of lower bounds, and for Yinyang the number of centre groups. */
  record Bounds(boolean elkan, int groups) {

    /** Elkan's bounds. */
    static final Bounds ELKAN = new Bounds(true, 0);

    static Bounds yinyang(int groups) {
      return new Bounds(false, groups);
    }

    /**
     * The bounds for n samples and k clusters: Elkan's while their n x k 16-bit values fit {@link
     * #BOUNDS_BUDGET} (on Fashion-MNIST, 60,000 x 50, at k = 244 they leave far fewer distances to
     * compute than Yinyang's, which cost more than the bounds save), else Yinyang's with t = k / 10
     * groups (the paper's choice), or fewer so that their n x t doubles fit.
     */
    static Bounds choose(int n, int k) {
      if ((long) n * paddedLength(k) * Short.BYTES <= BOUNDS_BUDGET) {
        return ELKAN;
      }
      long fit = Math.max(1, BOUNDS_BUDGET / Double.BYTES / Math.max(1, n));
      return yinyang((int) Math.max(1, Math.min(k / 10, fit)));
    }
  }

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
   * @param floats the samples in float32 for the first pass's screen ({@link
   *     KMeansInit#screenSamples}), or {@code null} to measure every distance of that pass
   */
  static Run run(
      double[] x,
      int n,
      int d,
      double[] init,
      int k,
      double tolAbs,
      int maxIter,
      Exec exec,
      @Nullable FloatSamples floats) {
    return run(
        x,
        n,
        d,
        init,
        k,
        tolAbs,
        maxIter,
        exec,
        Bounds.choose(n, k),
        DistanceKernel.best(),
        floats);
  }

  /**
   * As {@link #run(double[], int, int, double[], int, double, int, Exec, FloatSamples)}, choosing
   * the bounds and the kernel (every choice gives the same result: for tests), with the float32
   * screen where that kernel pays for it.
   */
  static Run run(
      double[] x,
      int n,
      int d,
      double[] init,
      int k,
      double tolAbs,
      int maxIter,
      Exec exec,
      Bounds bounds,
      DistanceKernel kernel) {
    FloatSamples floats = KMeansInit.screenSamples(x, n, d, k, kernel);
    return run(x, n, d, init, k, tolAbs, maxIter, exec, bounds, kernel, floats);
  }

  private static Run run(
      double[] x,
      int n,
      int d,
      double[] init,
      int k,
      double tolAbs,
      int maxIter,
      Exec exec,
      Bounds bounds,
      DistanceKernel kernel,
      @Nullable FloatSamples floats) {
    State s = new State(x, n, d, k, init, exec, bounds, kernel, floats);
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

  /**
   * The range of Elkan's stored bounds ({@link ShortBound}): twice an upper bound on the distance
   * from any sample to any centre (centres are means of samples, so within {@code 2 max |x_i -
   * x_0|}), leaving as much again for the drift the stored bounds carry. A larger value is stored
   * clamped, a valid but looser bound.
   */
  static double boundRange(double[] x, int n, int d) {
    double max = 0;
    for (int i = 1; i < n; i++) {
      max = Math.max(max, KMeansKernel.sqDist(x, i * d, x, 0, d));
    }
    return 4 * Math.sqrt(max);
  }

  /** k rounded up to a multiple of {@link DistanceKernel#BOUND_LANES}. */
  static int paddedLength(int k) {
    int lanes = DistanceKernel.BOUND_LANES;
    return (k + lanes - 1) / lanes * lanes;
  }

  /**
   * Splits k centres (k x d row-major) into at most t groups for Yinyang: Lloyd over the centres
   * themselves, started from the first t of them (k-means++ spreads its first picks), five
   * iterations as in the paper, ties to the lowest group; empty groups are dropped.
   *
   * @return the group of each centre, in {@code [0, groups)} with every group non-empty
   */
  static int[] groupCentres(double[] centers, int k, int d, int t) {
    int tt = Math.min(t, k);
    double[] g = Arrays.copyOf(centers, tt * d);
    int[] of = new int[k];
    for (int it = 0; it < 5; it++) {
      for (int c = 0; c < k; c++) {
        double best = Double.POSITIVE_INFINITY;
        for (int q = 0; q < tt; q++) {
          double v = KMeansKernel.sqDist(centers, c * d, g, q * d, d);
          if (v < best) {
            best = v;
            of[c] = q;
          }
        }
      }
      double[] sums = new double[tt * d];
      int[] counts = new int[tt];
      for (int c = 0; c < k; c++) {
        counts[of[c]]++;
        for (int j = 0; j < d; j++) {
          sums[of[c] * d + j] += centers[c * d + j];
        }
      }
      for (int q = 0; q < tt; q++) {
        for (int j = 0; j < d; j++) {
          if (counts[q] > 0) {
            g[q * d + j] = sums[q * d + j] / counts[q];
          }
        }
      }
    }
    int[] renumber = new int[tt];
    Arrays.fill(renumber, -1);
    int used = 0;
    for (int c = 0; c < k; c++) {
      if (renumber[of[c]] < 0) {
        renumber[of[c]] = used++;
      }
    }
    for (int c = 0; c < k; c++) {
      of[c] = renumber[of[c]];
    }
    return of;
  }

  /** Per-block scratch of Yinyang's filters (one per block, never shared between threads). */
  private static final class YinyangScratch {
    final double[] previous;
    final double[] min1;
    final double[] min2;
    final int[] arg1;
    final boolean[] scanned;

    /** The exact squared distance to the current centre, when the global filter computed it. */
    double exactSq;

    /** The nearest centre found so far, its distance and squared distance. */
    int label;

    double best;
    double bestSq;

    /**
     * The group being scanned: its two smallest values (distances or bounds), the first's centre.
     */
    double groupMin1;

    double groupMin2;
    int groupArg1;

    /** Centres waiting to be measured four at a time, and their squared distances. */
    final int[] batch = new int[4];

    final double[] measured = new double[4];

    YinyangScratch(int groups) {
      previous = new double[groups];
      min1 = new double[groups];
      min2 = new double[groups];
      arg1 = new int[groups];
      scanned = new boolean[groups];
    }

    void startGroup() {
      groupMin1 = Double.POSITIVE_INFINITY;
      groupMin2 = Double.POSITIVE_INFINITY;
      groupArg1 = -1;
    }

    /** Takes centre c's value v (its distance, or a lower bound on it) into the group's minima. */
    void track(double v, int c) {
      if (v < groupMin1) {
        groupMin2 = groupMin1;
        groupMin1 = v;
        groupArg1 = c;
      } else if (v < groupMin2) {
        groupMin2 = v;
      }
    }
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

    final DistanceKernel dist;

    /** The samples in float32 for the first pass's screen, or {@code null}. */
    final @Nullable FloatSamples floats;

    /** Upper bound on the distance from each sample to its assigned centre. */
    final double[] upper;

    /** How far each centre moved in the last update (not yet applied to the bounds). */
    final double[] move;

    /**
     * The samples whose label the last pass changed, and their previous labels: block b lists its
     * own from its first sample on, {@code changedCount[b]} of them, in sample order.
     */
    final int[] changedSample;

    final int[] changedFrom;
    final int[] changedCount;

    /**
     * The sum and the number of the members of each cluster under the current labels (k x d and k),
     * kept up to date from the changes of each pass once a full pass has set them.
     */
    final double[] sums;

    final int[] counts;

    boolean sumsValid;

    /** Whether the bounds are Elkan's (else Yinyang's). */
    final boolean elkan;

    /**
     * Elkan: k rounded up to a multiple of {@link DistanceKernel#BOUND_LANES}, the row length
     * below.
     */
    final int padded;

    /**
     * Elkan: a lazy lower bound on the distance from each sample to each centre (n x padded; see
     * {@link #assignElkan}); empty for Yinyang.
     */
    final short[] lowerAll;

    /** Elkan: the scale of {@link #lowerAll} ({@link ShortBound}). */
    final float boundScale;

    /** Elkan: the total movement of each centre since the start (k). */
    final double[] drift;

    /** Elkan: {@code drift} in {@link ShortBound#shift} steps, and their floors (padded). */
    final short[] shift;

    final short[] floor;

    /**
     * Elkan: half the distance between centres (k x padded, coded by {@link ShortBound#below}; TOP
     * from a centre to itself and in the padding, so neither is ever a candidate).
     */
    final short[] halfCenter;

    /** Elkan: half the distance from each centre to its nearest other centre. */
    final double[] half;

    /** Yinyang: the number of groups t (0 for Elkan). */
    final int groups;

    /** Yinyang: the group of each centre (k). */
    final int[] groupOf;

    /**
     * Yinyang: the centres by group, then ascending index; group g is {@code [start[g],
     * start[g+1])}.
     */
    final int[] groupMembers;

    final int[] groupStart;

    /**
     * Yinyang: a lower bound on the distance from each sample to the centres of each group other
     * than the sample's own centre (n x t).
     */
    final double[] groupLower;

    /** Yinyang: the largest movement in each group in the last update (t). */
    final double[] groupMove;

    State(
        double[] x,
        int n,
        int d,
        int k,
        double[] init,
        Exec exec,
        Bounds bounds,
        DistanceKernel dist,
        @Nullable FloatSamples floats) {
      this.dist = dist;
      this.floats = floats;
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
      this.move = new double[k];
      this.changedSample = new int[n];
      this.changedFrom = new int[n];
      this.changedCount = new int[blocks];
      this.sums = new double[k * d];
      this.counts = new int[k];
      this.elkan = bounds.elkan();
      this.padded = elkan ? paddedLength(k) : 0;
      this.lowerAll = new short[n * padded];
      this.boundScale = elkan ? ShortBound.scaleFor(boundRange(x, n, d)) : 1f;
      this.drift = new double[elkan ? k : 0];
      this.shift = new short[padded];
      this.floor = new short[padded];
      Arrays.fill(floor, Short.MIN_VALUE);
      this.halfCenter = new short[k * padded];
      this.half = new double[elkan ? k : 0];

      this.groupOf = elkan ? new int[0] : groupCentres(init, k, d, bounds.groups());
      int t = 0;
      for (int g : groupOf) {
        t = Math.max(t, g + 1);
      }
      this.groups = t;
      this.groupStart = new int[t + 1];
      this.groupMembers = new int[elkan ? 0 : k];
      for (int g : groupOf) {
        groupStart[g + 1]++;
      }
      for (int g = 0; g < t; g++) {
        groupStart[g + 1] += groupStart[g];
      }
      int[] fill = Arrays.copyOf(groupStart, t);
      for (int c = 0; c < groupOf.length; c++) {
        groupMembers[fill[groupOf[c]]++] = c;
      }
      this.groupLower = new double[n * t];
      this.groupMove = new double[t];
    }

    /**
     * Assigns every sample to its nearest centre, recording the changes (see {@link
     * #changedSample}). With {@code full}, every distance is computed; otherwise the bounds (first
     * shifted by the last centre movement) skip what they settle.
     *
     * @return whether any label changed (always true for a full pass: scikit-learn compares the
     *     first labels with -1)
     */
    boolean assign(boolean full) {
      if (full) {
        sumsValid = false;
      }
      if (elkan) {
        return assignElkan(full);
      }
      if (!full) {
        computeGroupMoves();
      }
      exec.forEachBlock(
          n,
          bs,
          (from, to) -> {
            YinyangScratch scratch = new YinyangScratch(groups);
            int changed = 0;
            for (int i = from; i < to; i++) {
              int a = full ? -1 : assignYinyang(i, scratch);
              if (a < 0) {
                a = scanGroups(i, full ? -1 : labels[i], scratch);
              }
              if (!full && a != labels[i]) {
                changed = recordChange(from, changed, i);
              }
              labels[i] = a;
            }
            changedCount[from / bs] = changed;
          });
      return finishAssign(full);
    }

    /**
     * Yinyang's global filter for sample i (Ding et al. 2015, §3.1): shifts its bounds by the last
     * centre movement and returns its label when the bounds (the upper one tightened to the exact
     * distance if needed) show that no other centre can be as near; -1 when the groups must be
     * scanned. Leaves the pre-shift group bounds in {@code scratch.previous}.
     */
    private int assignYinyang(int i, YinyangScratch scratch) {
      int a = labels[i];
      double u = upper[i] + move[a];
      int lo = i * groups;
      double global = Double.POSITIVE_INFINITY;
      for (int g = 0; g < groups; g++) {
        double p = groupLower[lo + g];
        scratch.previous[g] = p;
        double l = p - groupMove[g];
        groupLower[lo + g] = l;
        global = Math.min(global, l);
      }
      if (!(u * (1 + SLACK) < global)) {
        scratch.exactSq = dist.one(x, i * d, centers, a * d, d);
        u = Math.sqrt(scratch.exactSq);
      }
      upper[i] = u;
      return u * (1 + SLACK) < global ? a : -1;
    }

    /**
     * Yinyang's group and local filters for sample i (Ding et al. 2015, §3.2–3.3): scans the groups
     * whose bound does not exceed the best distance so far, skipping within them every centre c
     * whose previous group bound minus c's movement does; then sets the new upper bound and group
     * bounds. With {@code a = -1} (the first pass) every distance is computed.
     *
     * @param a the current label, whose exact distance is in {@code upper[i]} (squared in {@code
     *     scratch.exactSq}), or -1
     * @return the nearest centre (ties to the lowest index)
     */
    private int scanGroups(int i, int a, YinyangScratch s) {
      int xo = i * d;
      int lo = i * groups;
      double ua = a < 0 ? Double.POSITIVE_INFINITY : upper[i];
      // Squared distances decide, as in a full scan.
      s.bestSq = a < 0 ? Double.POSITIVE_INFINITY : s.exactSq;
      s.best = ua;
      s.label = a;
      for (int g = 0; g < groups; g++) {
        s.scanned[g] = false;
        if (a >= 0 && s.best * (1 + SLACK) < groupLower[lo + g]) {
          continue;
        }
        s.scanned[g] = true;
        double previous = a < 0 ? Double.NEGATIVE_INFINITY : s.previous[g];
        s.startGroup();
        int pending = 0;
        for (int p = groupStart[g]; p < groupStart[g + 1]; p++) {
          int c = groupMembers[p];
          if (c == a) {
            s.track(ua, c);
          } else if (s.best * (1 + SLACK) < previous - move[c]) {
            s.track(previous - move[c], c);
          } else {
            s.batch[pending++] = c;
            if (pending == 4) {
              measure(xo, s, pending);
              pending = 0;
            }
          }
        }
        measure(xo, s, pending);
        s.min1[g] = s.groupMin1;
        s.min2[g] = s.groupMin2;
        s.arg1[g] = s.groupArg1;
      }
      int b = s.label;
      for (int g = 0; g < groups; g++) {
        if (s.scanned[g]) {
          groupLower[lo + g] = s.arg1[g] == b ? s.min2[g] : s.min1[g];
        }
      }
      if (a >= 0 && b != a && !s.scanned[groupOf[a]]) {
        // The old centre now counts among the others of its group.
        groupLower[lo + groupOf[a]] = Math.min(groupLower[lo + groupOf[a]], ua);
      }
      upper[i] = s.best;
      return b;
    }

    /**
     * Measures the distances from the sample at {@code xo} to the {@code count} centres in {@code
     * s.batch}, tracking each in its group and keeping the nearest (ties to the lowest index).
     */
    private void measure(int xo, YinyangScratch s, int count) {
      int[] c = s.batch;
      if (count == 4) {
        dist.four(x, xo, centers, c[0] * d, c[1] * d, c[2] * d, c[3] * d, d, s.measured);
      } else {
        for (int q = 0; q < count; q++) {
          s.measured[q] = dist.one(x, xo, centers, c[q] * d, d);
        }
      }
      for (int q = 0; q < count; q++) {
        double dc = s.measured[q];
        double v = Math.sqrt(dc);
        if (dc < s.bestSq || (dc == s.bestSq && c[q] < s.label)) {
          s.bestSq = dc;
          s.best = v;
          s.label = c[q];
        }
        s.track(v, c[q]);
      }
    }

    /** {@code groupMove[g]} = the largest movement of a centre of group g. */
    private void computeGroupMoves() {
      Arrays.fill(groupMove, 0);
      for (int c = 0; c < k; c++) {
        groupMove[groupOf[c]] = Math.max(groupMove[groupOf[c]], move[c]);
      }
    }

    /**
     * {@link #assign} with Elkan's bounds, kept lazily: the bound of sample i on centre c is stored
     * once, rounded down to 16 bits ({@link ShortBound}), {@code l + drift[c]} where l was the
     * exact distance and {@code drift[c]} the total movement of centre c so far; it reads as {@code
     * stored - drift_now[c]}, a lower bound by the triangle inequality (the centre has moved at
     * most {@code drift_now - drift_then} since). So an iteration only reads the bounds (k 16-bit
     * values per sample, tested 16 at a time by {@link DistanceKernel#leastBound}) and writes the
     * few it recomputes. The test compares codes: the drift in whole steps rounded up ({@link
     * ShortBound#shift}) is subtracted from the stored code, and the half-distances between centres
     * are coded too, rounded down; a centre is ruled out when either code exceeds that of the upper
     * bound (so its value does). In integers, 16 lanes a step, this takes a third of the time of
     * decoding to float (Fashion-MNIST at k = 244: a Lloyd iteration 20% faster). The slot of a
     * sample's own centre is no candidate while that centre is its label (its half-distance is
     * TOP), and gets its bound when the label moves on.
     */
    private boolean assignElkan(boolean full) {
      if (!full) {
        computeCenterDistances();
        for (int c = 0; c < k; c++) {
          shift[c] = ShortBound.shift(drift[c], boundScale);
          floor[c] = ShortBound.floor(shift[c]);
        }
      }
      FloatSamples screen = full ? floats : null;
      if (screen != null) {
        firstPassScreened(screen);
        return finishAssign(true);
      }
      exec.forEachBlock(
          n,
          bs,
          (from, to) -> {
            int changed = 0;
            double[] row = full ? new double[k] : new double[0];
            double[] four = new double[4];
            int[] candidates = new int[padded];
            int[] pending = new int[TIGHTEN_TILE];
            double[] exact = new double[TIGHTEN_TILE];
            short[] least = new short[TIGHTEN_TILE];
            for (int from1 = from; from1 < to; from1 += TIGHTEN_TILE) {
              int to1 = Math.min(to, from1 + TIGHTEN_TILE);
              if (!full) {
                tighten(from1, to1, pending, exact, least, four);
              }
              for (int i = from1; i < to1; i++) {
                int a =
                    full
                        ? nearestOfAll(i, row, four)
                        : nearestElkan(i, exact[i - from1], least[i - from1], candidates);
                if (!full && a != labels[i]) {
                  changed = recordChange(from, changed, i);
                }
                labels[i] = a;
              }
            }
            changedCount[from / bs] = changed;
          });
      return finishAssign(full);
    }

    /**
     * Elkan's first test for the samples {@code [from, to)}: each upper bound grows by its centre's
     * movement, and a sample keeps its label ({@code exact} = NaN) when that bound is below half
     * the distance from its centre to the nearest other one, or when no centre is a candidate
     * against it ({@code least}: see {@link DistanceKernel#leastBound}). The others get the exact
     * squared distance to their centre in {@code exact}, four at a time.
     */
    private void tighten(
        int from, int to, int[] pending, double[] exact, short[] least, double[] four) {
      int count = 0;
      for (int i = from; i < to; i++) {
        int a = labels[i];
        double u = upper[i] + move[a];
        upper[i] = u;
        exact[i - from] = Double.NaN;
        if (u * (1 + SLACK) < half[a]) {
          continue;
        }
        // The grown bound settles the sample when no centre is a candidate even against it (on
        // well-separated clusters, most samples); otherwise it is tightened.
        short m =
            dist.leastBound(lowerAll, i * padded, floor, shift, halfCenter, a * padded, padded);
        least[i - from] = m;
        if (m <= limit(u)) {
          pending[count++] = i;
        }
      }
      int q = 0;
      for (; q + 4 <= count; q += 4) {
        int i0 = pending[q];
        int i1 = pending[q + 1];
        int i2 = pending[q + 2];
        int i3 = pending[q + 3];
        dist.pairs(
            x,
            i0 * d,
            i1 * d,
            i2 * d,
            i3 * d,
            centers,
            labels[i0] * d,
            labels[i1] * d,
            labels[i2] * d,
            labels[i3] * d,
            d,
            four);
        exact[i0 - from] = four[0];
        exact[i1 - from] = four[1];
        exact[i2 - from] = four[2];
        exact[i3 - from] = four[3];
      }
      for (; q < count; q++) {
        int i = pending[q];
        exact[i - from] = dist.one(x, i * d, centers, labels[i] * d, d);
      }
    }

    /**
     * Elkan's first pass with the SIMD screen: float lower bounds on every squared distance ({@link
     * DistanceKernel#lowerBounds}), 8 samples by 8 centres at a time, become the stored bounds;
     * only centres whose lower bound does not exceed the nearest exact distance found so far are
     * measured exactly (usually one or two per sample). The labels are those of {@link
     * #nearestOfAll}: every centre that could be nearest, or tie, is measured.
     */
    private void firstPassScreened(FloatSamples floats) {
      int lanes = DistanceKernel.LANES;
      int octets = (k + lanes - 1) / lanes;
      float[][] rows = new float[octets][lanes * lanes * d];
      float[][] norms = new float[octets][lanes];
      for (int o = 0; o < octets; o++) {
        for (int c = 0; c < lanes; c++) {
          // The padding repeats the last centre; its bounds are never read.
          int centre = Math.min(o * lanes + c, k - 1);
          norms[o][c] = FloatSamples.toLanes(centers, centre, d, rows[o], c);
        }
      }
      exec.forEachBlock(
          n,
          bs,
          (from, to) -> {
            float[] lows = new float[lanes * lanes];
            // The lower bounds of the group's samples: sample l's on centre c at l * k + c.
            float[] groupLows = new float[lanes * k];
            for (int g = from / lanes; g * lanes < to; g++) {
              for (int o = 0; o < octets; o++) {
                dist.lowerBounds(
                    floats.packed,
                    floats.norms,
                    d,
                    g,
                    rows[o],
                    norms[o],
                    floats.eps,
                    Float.MIN_NORMAL,
                    lows);
                for (int c = 0; c < lanes && o * lanes + c < k; c++) {
                  for (int l = 0; l < lanes; l++) {
                    groupLows[l * k + o * lanes + c] = lows[c * lanes + l];
                  }
                }
              }
              for (int l = 0; l < lanes; l++) {
                int i = g * lanes + l;
                if (i >= from && i < to) {
                  labels[i] = nearestFromLowerBounds(i, groupLows, l * k);
                }
              }
            }
          });
    }

    /**
     * The nearest centre of sample i from float lower bounds on its squared distances ({@code
     * lows[at + c]}): the centre with the least bound is measured first, then every centre whose
     * bound does not exceed the nearest exact distance so far, in ascending order (ties to the
     * lowest index, as a full scan). Sets the sample's bounds: exact where measured, else the float
     * bound (rounded down).
     */
    private int nearestFromLowerBounds(int i, float[] lows, int at) {
      int xo = i * d;
      int first = 0;
      for (int c = 1; c < k; c++) {
        if (lows[at + c] < lows[at + first]) {
          first = c;
        }
      }
      double bestSq = dist.one(x, xo, centers, first * d, d);
      int best = first;
      int lo = i * padded;
      lowerAll[lo + first] = storedBound(Math.sqrt(bestSq), first);
      for (int c = 0; c < k; c++) {
        if (c == first) {
          continue;
        }
        float low = lows[at + c];
        if (low <= bestSq) {
          double dc = dist.one(x, xo, centers, c * d, d);
          lowerAll[lo + c] = storedBound(Math.sqrt(dc), c);
          if (dc < bestSq || (dc == bestSq && c < best)) {
            best = c;
            bestSq = dc;
          }
        } else {
          // low > 0 here; its square root in double can round up by half a unit, far below the
          // 16-bit step, but a bound must not exceed the distance.
          lowerAll[lo + c] = storedBound(Math.sqrt(low) * (1 - 0x1p-50), c);
        }
      }
      lowerAll[lo + best] = ShortBound.TOP;
      Arrays.fill(lowerAll, lo + k, lo + padded, ShortBound.TOP);
      upper[i] = Math.sqrt(bestSq);
      return best;
    }

    /** Elkan's first pass for sample i: every distance, every bound, the nearest centre. */
    private int nearestOfAll(int i, double[] row, double[] four) {
      allDistances(i * d, row, four);
      int lo = i * padded;
      int a = 0;
      double best = Double.POSITIVE_INFINITY;
      for (int c = 0; c < k; c++) {
        double dc = row[c];
        lowerAll[lo + c] = storedBound(Math.sqrt(dc), c);
        if (dc < best) {
          best = dc;
          a = c;
        }
      }
      // The own centre's slot is unused while it is the label (see assignElkan).
      // (Its half-distance is +Infinity, as in the padding: the stored value does not matter.)
      lowerAll[lo + a] = ShortBound.TOP;
      Arrays.fill(lowerAll, lo + k, lo + padded, ShortBound.TOP);
      upper[i] = Math.sqrt(best);
      return a;
    }

    /**
     * Elkan's step for sample i after {@link #tighten}: unless it kept its label there, the
     * candidates are the centres whose lower bound and whose half-distance to the current centre do
     * not exceed the exact distance; each is measured unless a nearer centre found meanwhile rules
     * it out. (Hamerly-style floors, over a whole row or over groups of 32 bounds, settled too few
     * samples on Fashion-MNIST at k = 244 to pay: see BENCHMARKS.md.)
     *
     * @param exactSq the squared distance to the current centre, or NaN if {@link #tighten} settled
     *     the sample
     * @param least the least code of max(bound, half-distance) over the centres, from {@link
     *     #tighten}
     */
    private int nearestElkan(int i, double exactSq, short least, int[] candidates) {
      int a = labels[i];
      if (Double.isNaN(exactSq)) {
        return a;
      }
      int xo = i * d;
      int lo = i * padded;
      double bestSq = exactSq;
      double ua = Math.sqrt(bestSq);
      double u = ua;
      short limit = limit(u);
      int count =
          least <= limit
              ? dist.candidates(
                  lowerAll, lo, floor, shift, halfCenter, a * padded, padded, limit, candidates)
              : 0;
      int best = a;
      for (int q = 0; q < count; q++) {
        int c = candidates[q];
        short lim = limit(u);
        if (best != a
            && (ShortBound.lower(lowerAll[lo + c], floor[c], shift[c]) > lim
                || halfCenter[best * padded + c] > lim)) {
          continue;
        }
        double dc = dist.one(x, xo, centers, c * d, d);
        lowerAll[lo + c] = storedBound(Math.sqrt(dc), c);
        // Nearest wins; an exact tie goes to the lower centre index, as a full scan.
        if (dc < bestSq || (dc == bestSq && c < best)) {
          best = c;
          bestSq = dc;
          u = Math.sqrt(dc);
        }
      }
      if (best != a) {
        // The old centre now counts among the others.
        lowerAll[lo + a] = storedBound(ua, a);
        lowerAll[lo + best] = ShortBound.TOP;
      }
      upper[i] = u;
      return best;
    }

    /**
     * The code that a lowered bound or a half-distance must exceed for a centre to be ruled out
     * against upper bound u: {@code u (1 + SLACK)} coded by {@link ShortBound#below}.
     */
    private short limit(double u) {
      return ShortBound.below(u * (1 + SLACK), boundScale);
    }

    /**
     * The stored lazy bound for exact distance l to centre c: {@code l + drift[c]}, rounded down to
     * 16 bits.
     */
    private short storedBound(double l, int c) {
      return ShortBound.encode(l + drift[c], boundScale);
    }

    /**
     * The squared distances from the sample at {@code xo} to every centre, into {@code out} ({@code
     * four} is scratch of length 4).
     */
    private void allDistances(int xo, double[] out, double[] four) {
      int c = 0;
      for (; c + 4 <= k; c += 4) {
        dist.four(x, xo, centers, c * d, (c + 1) * d, (c + 2) * d, (c + 3) * d, d, four);
        System.arraycopy(four, 0, out, c, 4);
      }
      for (; c < k; c++) {
        out[c] = dist.one(x, xo, centers, c * d, d);
      }
    }

    /**
     * Elkan: half the distance between every two centres (coded, rounded down; TOP from a centre to
     * itself and in the padding, so neither is ever a candidate), and {@code half} = half the
     * distance from each centre to its nearest other one (what the least code of its row reads: a
     * lower bound). Each pair is measured once ({@code sqDist} is symmetric bit for bit), four at a
     * time.
     */
    private void computeCenterDistances() {
      exec.forEachBlock(
          k,
          16,
          (from, to) -> {
            double[] four = new double[4];
            for (int c = from; c < to; c++) {
              halfCenter[c * padded + c] = ShortBound.TOP;
              Arrays.fill(halfCenter, c * padded + k, (c + 1) * padded, ShortBound.TOP);
              int o = c + 1;
              for (; o + 4 <= k; o += 4) {
                dist.four(
                    centers, c * d, centers, o * d, (o + 1) * d, (o + 2) * d, (o + 3) * d, d, four);
                for (int q = 0; q < 4; q++) {
                  setHalfCenter(c, o + q, four[q]);
                }
              }
              for (; o < k; o++) {
                setHalfCenter(c, o, dist.one(centers, c * d, centers, o * d, d));
              }
            }
          });
      for (int c = 0; c < k; c++) {
        int min = ShortBound.TOP;
        for (int o = c * padded, end = o + k; o < end; o++) {
          min = Math.min(min, halfCenter[o]);
        }
        half[c] =
            min == ShortBound.TOP
                ? Double.POSITIVE_INFINITY
                : ShortBound.decode((short) min, boundScale);
      }
    }

    /** Both entries of centres c and o in {@link #halfCenter}, from their squared distance. */
    private void setHalfCenter(int c, int o, double sq) {
      short v = ShortBound.below(0.5 * Math.sqrt(sq), boundScale);
      halfCenter[c * padded + o] = v;
      halfCenter[o * padded + c] = v;
    }

    /** Lists sample i (label about to change) as the block's next change; returns the new count. */
    private int recordChange(int blockStart, int changed, int i) {
      changedSample[blockStart + changed] = i;
      changedFrom[blockStart + changed] = labels[i];
      return changed + 1;
    }

    /** Resets the pending movement (now in every bound) and reports whether a label changed. */
    private boolean finishAssign(boolean full) {
      Arrays.fill(move, 0);
      if (full) {
        return true;
      }
      for (int c : changedCount) {
        if (c > 0) {
          return true;
        }
      }
      return false;
    }

    /**
     * Brings {@link #sums} and {@link #counts} to the current labels: summed afresh in sample order
     * after a full pass, else moved sample by sample in block and sample order (every label change
     * moves one row from its old cluster's sum to its new one). So the sums, and the centres, do
     * not depend on the thread count or on the bounds.
     */
    private void updateSums() {
      if (!sumsValid) {
        Arrays.fill(sums, 0.0);
        Arrays.fill(counts, 0);
        for (int i = 0; i < n; i++) {
          counts[labels[i]]++;
          dist.addRow(sums, labels[i] * d, x, i * d, d);
        }
        sumsValid = true;
        return;
      }
      for (int b = 0; b < blocks; b++) {
        int start = b * bs;
        for (int q = start; q < start + changedCount[b]; q++) {
          int i = changedSample[q];
          int from = changedFrom[q];
          int to = labels[i];
          counts[from]--;
          counts[to]++;
          int xo = i * d;
          int fo = from * d;
          int to0 = to * d;
          for (int j = 0; j < d; j++) {
            sums[fo + j] -= x[xo + j];
            sums[to0 + j] += x[xo + j];
          }
        }
      }
    }

    /**
     * New centres (in {@link #previous}, then swapped): the member sums divided by the counts,
     * after relocating empty clusters (on copies: the sums stay those of the labels).
     */
    void updateCenters() {
      updateSums();
      double[] s = sums;
      int[] m = counts;
      for (int c = 0; c < k; c++) {
        if (counts[c] == 0) {
          s = sums.clone();
          m = counts.clone();
          relocateEmpty(s, m);
          break;
        }
      }
      double[] next = previous;
      for (int c = 0; c < k; c++) {
        int co = c * d;
        // scikit-learn keeps the (zero) sum when a cluster lost its last member to relocation.
        double scale = m[c] > 0 ? 1.0 / m[c] : 1.0;
        for (int j = 0; j < d; j++) {
          next[co + j] = s[co + j] * scale;
        }
      }
      previous = centers;
      centers = next;
    }

    /**
     * scikit-learn's {@code _relocate_empty_clusters_dense}, with the tie-break of the class doc,
     * on the sums {@code into} and counts {@code sizes} of the next centres.
     */
    private void relocateEmpty(double[] into, int[] sizes) {
      int empty = 0;
      for (int c = 0; c < k; c++) {
        if (sizes[c] == 0) {
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
        if (sizes[c] == 0) {
          targets[e++] = c;
        }
      }
      for (int e = 0; e < found; e++) {
        int c = targets[e];
        int p = far[e];
        int old = labels[p];
        int po = p * d;
        for (int j = 0; j < d; j++) {
          into[old * d + j] -= x[po + j];
          into[c * d + j] = x[po + j];
        }
        sizes[old]--;
        sizes[c] = 1;
      }
    }

    /**
     * Records how far each centre moved (for the bounds) and returns scikit-learn's {@code
     * center_shift_tot}, the sum of squared movements.
     */
    double moveCenters() {
      double shift = 0;
      for (int c = 0; c < k; c++) {
        double sq = KMeansKernel.sqDist(centers, c * d, previous, c * d, d);
        shift += sq;
        move[c] = Math.sqrt(sq);
        if (drift.length > 0) {
          drift[c] += move[c];
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
