package org.dataeval4j.cluster;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.dataeval4j.exec.Exec;
import org.jspecify.annotations.Nullable;

/**
 * Greedy k-means++ seeding as scikit-learn does it ({@code _kmeans_plusplus}; Arthur and
 * Vassilvitskii, "k-means++: the advantages of careful seeding", SODA 2007): the first centre is a
 * uniformly drawn sample; every further centre is the best of {@code 2 + floor(ln k)} candidates
 * drawn with probability proportional to the squared distance to the nearest centre chosen so far,
 * "best" meaning the one that leaves the lowest potential (sum of squared distances to the nearest
 * centre; the first candidate on ties).
 *
 * <p>Cost: at most {@code O(k (2 + ln k) n d)} distance work, usually far less: a candidate is
 * measured exactly (double) against a sample only when it might come closer than the sample's
 * nearest centre. Up to 32 clusters the triangle inequality decides that (the pruning of G.
 * Hamerly's and C. Elkan's k-means, applied to the seeding); beyond, and with the SIMD kernel, a
 * float32 screen of every sample against all candidates at once, with the rigorous error bound of
 * the k-NN screening, which streams the data once per centre instead of touching scattered rows;
 * its bounds also bound each candidate's gain, so that usually only the winning candidate's pairs
 * are measured ({@code Listed}). Either way the result is that of measuring every pair. Work is
 * spread over the threads of {@code exec} in fixed blocks; the random draws come from the caller's
 * generator only, so the result does not depend on the thread count.
 */
final class KMeansInit {
  private KMeansInit() {}

  /**
   * The float32 screen streams all samples once per centre chosen, and its SIMD code costs a JIT
   * warm-up of about half a second; below this many clusters the triangle-inequality pruning alone
   * is faster.
   */
  static final int SCREEN_FROM = 32;

  /** Relative slack of the pruning test, far above rounding: pruning never changes a minimum. */
  private static final double PRUNE_SLACK = 1e-9;

  /**
   * Whether the float32 screens (this seeding's and Lloyd's first pass) are worth their JIT warm-up
   * for k clusters with this kernel.
   */
  static boolean screens(DistanceKernel kernel, int k) {
    return kernel.screensFast() && k > SCREEN_FROM;
  }

  /**
   * The float32 copy of the samples that the screens use, or {@code null} when they do not pay
   * ({@link #screens}) or the values do not allow them ({@link FloatSamples#of}). One copy serves
   * the seeding and Lloyd's first pass of every run of a fit.
   */
  static @Nullable FloatSamples screenSamples(
      double[] x, int n, int d, int k, DistanceKernel kernel) {
    return screens(kernel, k) ? FloatSamples.of(x, n, d) : null;
  }

  /**
   * Chooses k starting centres among the rows of {@code x}.
   *
   * @param x n x d row-major samples (read only)
   * @return k x d row-major centres (new array): copies of k sample rows
   */
  static double[] plusPlus(double[] x, int n, int d, int k, SplittableRandom rng, Exec exec) {
    DistanceKernel kernel = DistanceKernel.best();
    return plusPlus(x, n, d, k, rng, exec, kernel, screenSamples(x, n, d, k, kernel));
  }

  /**
   * As {@link #plusPlus(double[], int, int, int, SplittableRandom, Exec)}, with the given kernel
   * and with or without the float32 screen (the result is the same either way, which the tests
   * check).
   *
   * @param floats the samples in float32 for the screen ({@link #screenSamples}), or {@code null}
   *     for the triangle-inequality pruning alone
   */
  static double[] plusPlus(
      double[] x,
      int n,
      int d,
      int k,
      SplittableRandom rng,
      Exec exec,
      DistanceKernel kernel,
      @Nullable FloatSamples floats) {
    double[] centers = new double[k * d];
    int first = rng.nextInt(n);
    System.arraycopy(x, first * d, centers, 0, d);
    int trials = 2 + (int) Math.floor(Math.log(k));
    int bs = KMeansKernel.blockSize(n);
    int blocks = KMeansKernel.blockCount(n, bs);
    double[] closest = new double[n];
    // The index of the chosen centre that gives closest[i].
    int[] nearest = new int[n];
    exec.forEachBlock(
        n,
        bs,
        (start, end) -> {
          for (int i = start; i < end; i++) {
            closest[i] = kernel.one(x, i * d, centers, 0, d);
          }
        });
    double[] cumulative = new double[n];
    int[] candidates = new int[trials];
    // Squared distances from each candidate to each centre chosen so far (trials x k; for the
    // triangle-inequality pruning only).
    double[] toCenters = new double[trials * k];
    Screen screen = floats == null ? null : Screen.of(floats, d, trials);
    Listed listed = new Listed(x, d, n, bs, blocks, trials, closest, candidates, screen);
    if (screen != null) {
      for (int i = 0; i < n; i++) {
        screen.thresholds[i] = KMeansKernel.floatAtLeast(closest[i]);
      }
    }
    for (int c = 1; c < k; c++) {
      // Cumulative potential in sample order (serial: it is O(n), and a fixed order).
      double acc = 0;
      for (int i = 0; i < n; i++) {
        acc += closest[i];
        cumulative[i] = acc;
      }
      for (int t = 0; t < trials; t++) {
        double r = rng.nextDouble() * acc;
        candidates[t] = firstAbove(cumulative, r);
        for (int o = 0; screen == null && o < c; o++) {
          toCenters[t * k + o] = kernel.one(x, candidates[t] * d, centers, o * d, d);
        }
      }
      if (screen != null) {
        screen.setCandidates(x, candidates);
      }
      exec.forEachBlock(
          n,
          bs,
          (start, end) -> {
            Gains gains = listed.gains(start, end);
            // Only pairs the screen (or the triangle inequality) cannot rule out are listed.
            if (screen != null) {
              kernel.screen(
                  screen.samples.packed,
                  screen.samples.norms,
                  d,
                  start,
                  end,
                  screen.candidates,
                  screen.candidateNorms,
                  screen.samples.eps,
                  Screen.TINY,
                  screen.thresholds,
                  gains);
            } else {
              for (int i = start; i < end; i++) {
                double limit = closest[i] * (1 + PRUNE_SLACK);
                for (int t = 0; t < trials; t++) {
                  // Triangle inequality: |x - cand| >= |cand - c_a| - |x - c_a| >= |x - c_a|
                  // when |cand - c_a|^2 >= 4 |x - c_a|^2: the candidate cannot bring x closer.
                  if (!(toCenters[t * k + nearest[i]] > 4 * limit)) {
                    gains.measure(i, t);
                  }
                }
              }
            }
            gains.finish();
          });
      // The best candidate leaves the lowest potential: it takes the most off the current one.
      int best = listed.clearWinner();
      if (screen != null) {
        // The winner's pairs, or every trial's when none won clearly.
        int firstTrial = best < 0 ? 0 : best;
        int endTrial = best < 0 ? trials : best + 1;
        exec.forEachBlock(
            n,
            bs,
            (start, end) -> {
              for (int t = firstTrial; t < endTrial; t++) {
                listed.measure(start / bs, t);
              }
            });
      }
      if (best < 0) {
        best = listed.bestExact();
      }
      System.arraycopy(x, candidates[best] * d, centers, c * d, d);
      for (int b = 0; b < blocks; b++) {
        int offset = best * n + b * bs;
        for (int q = 0, count = listed.count[b * trials + best]; q < count; q++) {
          int i = listed.samples[offset + q];
          double v = listed.distances[offset + q];
          if (v < closest[i]) {
            closest[i] = v;
            nearest[i] = c;
            if (screen != null) {
              screen.thresholds[i] = KMeansKernel.floatAtLeast(v);
            }
          }
        }
      }
    }
    return centers;
  }

  /**
   * The pairs of one step that a filter could not rule out, per trial and block, and what they tell
   * of each trial's gain (the decrease of the potential it would bring).
   *
   * <p>Without the float32 screen, a listed pair is measured at once (double) and kept only if the
   * candidate brings the sample closer: the gains are exact. With it, a listed pair carries the
   * screen's lower bound {@code low = a - (eps (|x|^2 + |c|^2) + tiny)} on its squared distance v,
   * where the float value a is within {@code eps (|x|^2 + |c|^2) + tiny} of v ({@code KnnSearch}'s
   * bound, itself twice the proven error, which leaves room for the rounding of low). So {@code v
   * <= high = low + 2 (eps (|x|^2 + |c|^2) + tiny)}, and each pair adds {@code [max(0, closest -
   * high), max(0, closest - low)]} to an interval around its trial's gain. When one trial's
   * interval lies above all others ({@link #clearWinner}, the usual case) it is the winner of the
   * exact comparison too, and only its pairs are measured, about one in {@code 2 + ln k} of the
   * pairs; otherwise every listed pair is ({@link #measure}) and the exact gains decide ({@link
   * #bestExact}). Exact gains are summed per block in sample order, then over blocks in order,
   * whichever path computes them.
   */
  private static final class Listed {
    /** Relative margin of {@link #clearWinner}, far above the rounding of the sums. */
    private static final double MARGIN = 1e-9;

    final double[] x;
    final int d;
    final int n;
    final int bs;
    final int trials;
    final double[] closest;
    final int[] candidates;
    final @Nullable Screen screen;

    /**
     * Trial t's pairs in block b: samples (ascending) at {@code [t n + b bs, + count[b trials +
     * t])}, with their lower bound (screened, until measured) or exact squared distance.
     */
    final int[] samples;

    final double[] distances;
    final int[] count;

    /** Per block and trial: the bounds on the gain, or (high) the exact gain once measured. */
    final double[] low;

    final double[] high;

    Listed(
        double[] x,
        int d,
        int n,
        int bs,
        int blocks,
        int trials,
        double[] closest,
        int[] candidates,
        @Nullable Screen screen) {
      this.x = x;
      this.d = d;
      this.n = n;
      this.bs = bs;
      this.trials = trials;
      this.closest = closest;
      this.candidates = candidates;
      this.screen = screen;
      this.samples = new int[trials * n];
      this.distances = new double[trials * n];
      this.count = new int[blocks * trials];
      this.low = new double[blocks * trials];
      this.high = new double[blocks * trials];
    }

    Gains gains(int from, int to) {
      return new Gains(this, from, to);
    }

    /**
     * The trial whose gain is certainly the largest (every other's upper bound is below its lower
     * bound), or -1.
     */
    int clearWinner() {
      double[] lows = totals(low);
      double[] highs = totals(high);
      int best = firstMax(lows);
      double floor = lows[best] * (1 - MARGIN);
      for (int t = 0; t < trials; t++) {
        if (t != best && !(highs[t] * (1 + MARGIN) < floor)) {
          return -1;
        }
      }
      return best;
    }

    /**
     * The trial with the largest exact gain, the first on ties (once every trial's pairs are exact:
     * without the screen, or after {@link #measure}).
     */
    int bestExact() {
      return firstMax(totals(high));
    }

    private static int firstMax(double[] values) {
      int best = 0;
      for (int t = 1; t < values.length; t++) {
        if (values[t] > values[best]) {
          best = t;
        }
      }
      return best;
    }

    private double[] totals(double[] partial) {
      double[] total = new double[trials];
      for (int b = 0; b < count.length / trials; b++) {
        for (int t = 0; t < trials; t++) {
          total[t] += partial[b * trials + t];
        }
      }
      return total;
    }

    /**
     * Measures the screened pairs that block b lists for trial t, in sample order, and sets the
     * block's exact gain for t.
     */
    void measure(int b, int t) {
      int offset = t * n + b * bs;
      int cand = candidates[t] * d;
      double gain = 0;
      for (int q = 0, m = count[b * trials + t]; q < m; q++) {
        int i = samples[offset + q];
        double v = KMeansKernel.sqDist(x, i * d, x, cand, d);
        distances[offset + q] = v;
        if (v < closest[i]) {
          gain += closest[i] - v;
        }
      }
      high[b * trials + t] = gain;
    }
  }

  /**
   * One block's pass over the current candidates: lists into {@link Listed} the pairs that a filter
   * could not rule out, and sums their contributions to the bounds on each trial's gain in sample
   * order.
   */
  private static final class Gains implements DistanceKernel.PairSink {
    private final Listed listed;
    private final int from;
    private final int to;
    private final int block;
    private final double[] low;
    private final double[] high;
    private final int[] count;

    Gains(Listed listed, int from, int to) {
      this.listed = listed;
      this.from = from;
      this.to = to;
      this.block = from / listed.bs;
      this.low = new double[listed.trials];
      this.high = new double[listed.trials];
      this.count = new int[listed.trials];
    }

    /**
     * Lists sample i for trial t with the screen's lower bound on their squared distance (the
     * screen's padding trials and samples outside the block are ignored); samples of one trial must
     * come in ascending order.
     */
    @Override
    public void pass(int i, int t, float lowerBound) {
      Screen screen = listed.screen;
      if (t >= listed.trials || i < from || i >= to || screen == null) {
        return;
      }
      double error =
          (double) screen.samples.eps
                  * ((double) screen.samples.norms[i] + screen.candidateNorms[t])
              + Screen.TINY;
      double c = listed.closest[i];
      int slot = t * listed.n + from + count[t]++;
      listed.samples[slot] = i;
      listed.distances[slot] = lowerBound;
      low[t] += Math.max(0, c - (lowerBound + 2 * error));
      high[t] += Math.max(0, c - lowerBound);
    }

    /**
     * Measures sample i against trial t (no screen), listing it if the candidate brings it closer;
     * samples of one trial must come in ascending order.
     */
    void measure(int i, int t) {
      // Scalar, the same bits as the kernel's.
      double v =
          KMeansKernel.sqDist(
              listed.x, i * listed.d, listed.x, listed.candidates[t] * listed.d, listed.d);
      double c = listed.closest[i];
      if (v < c) {
        int slot = t * listed.n + from + count[t]++;
        listed.samples[slot] = i;
        listed.distances[slot] = v;
        low[t] += c - v;
        high[t] += c - v;
      }
    }

    /** Publishes the block's counts and bounds. */
    void finish() {
      int trials = listed.trials;
      for (int t = 0; t < trials; t++) {
        listed.count[block * trials + t] = count[t];
        listed.low[block * trials + t] = low[t];
        listed.high[block * trials + t] = high[t];
      }
    }
  }

  /**
   * The samples in float32 for the screen of {@link DistanceKernel#screen}, with the current
   * candidates and per-sample thresholds; {@code null} from {@link #of} when the values are too
   * large or too small for float squares (the triangle-inequality pruning is used then).
   */
  private static final class Screen {
    final int d;
    final int trials;
    final FloatSamples samples;

    /** Per sample, its squared distance to the nearest centre so far, rounded up to float. */
    final float[] thresholds;

    final float[] candidates;
    final float[] candidateNorms = new float[DistanceKernel.LANES];

    /** The absolute term of the screen's error bound. */
    static final float TINY = Float.MIN_NORMAL;

    private Screen(FloatSamples samples, int d, int trials) {
      this.d = d;
      this.trials = trials;
      this.samples = samples;
      this.thresholds = new float[samples.norms.length];
      this.candidates = new float[DistanceKernel.LANES * DistanceKernel.LANES * d];
      Arrays.fill(thresholds, samples.n, thresholds.length, Float.NEGATIVE_INFINITY);
    }

    static @Nullable Screen of(FloatSamples samples, int d, int trials) {
      return trials > DistanceKernel.LANES ? null : new Screen(samples, d, trials);
    }

    /** Loads the trial candidates, padded to 8 with the last one. */
    void setCandidates(double[] x, int[] chosen) {
      for (int c = 0; c < DistanceKernel.LANES; c++) {
        candidateNorms[c] =
            FloatSamples.toLanes(x, chosen[Math.min(c, trials - 1)], d, candidates, c);
      }
    }
  }

  /**
   * The first index whose cumulative value exceeds {@code r}, or the last index if none does (only
   * when every sample coincides with a centre, or through rounding). "Exceeds" rather than
   * scikit-learn's "reaches" never picks a sample at distance 0 from the chosen centres when {@code
   * r} happens to be 0; the drawing probabilities are the same.
   */
  private static int firstAbove(double[] cumulative, double r) {
    int lo = 0;
    int hi = cumulative.length - 1;
    if (!(cumulative[hi] > r)) {
      return hi;
    }
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (cumulative[mid] > r) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }
}
