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
 * the k-NN screening, which streams the data once per centre instead of touching scattered rows.
 * Either way the result is that of measuring every pair. Work is spread over the threads of {@code
 * exec} in fixed blocks; the random draws come from the caller's generator only, so the result does
 * not depend on the thread count.
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
    // Per trial, the samples it brings closer and their new squared distances: block b writes its
    // own segment, starting at its first sample, and counts them in improvedCount (blocks x
    // trials).
    int[] improved = new int[trials * n];
    double[] improvedDist = new double[trials * n];
    int[] improvedCount = new int[blocks * trials];
    double[] partialGain = new double[blocks * trials];
    Screen screen = floats == null ? null : Screen.of(floats, d, trials);
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
            int b = start / bs;
            Gains gains =
                new Gains(x, d, closest, candidates, start, end, n, improved, improvedDist);
            // Only pairs the screen (or the triangle inequality) cannot rule out are measured.
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
                  Float.MIN_NORMAL,
                  screen.thresholds,
                  gains);
            } else {
              for (int i = start; i < end; i++) {
                double limit = closest[i] * (1 + PRUNE_SLACK);
                for (int t = 0; t < trials; t++) {
                  // Triangle inequality: |x - cand| >= |cand - c_a| - |x - c_a| >= |x - c_a|
                  // when |cand - c_a|^2 >= 4 |x - c_a|^2: the candidate cannot bring x closer.
                  if (!(toCenters[t * k + nearest[i]] > 4 * limit)) {
                    gains.pass(i, t);
                  }
                }
              }
            }
            for (int t = 0; t < trials; t++) {
              partialGain[b * trials + t] = gains.gain[t];
              improvedCount[b * trials + t] = gains.count[t];
            }
          });
      // The best candidate leaves the lowest potential: it takes the most off the current one.
      int best = 0;
      double bestGain = Double.NEGATIVE_INFINITY;
      for (int t = 0; t < trials; t++) {
        double gain = 0;
        for (int b = 0; b < blocks; b++) {
          gain += partialGain[b * trials + t];
        }
        if (gain > bestGain) {
          bestGain = gain;
          best = t;
        }
      }
      System.arraycopy(x, candidates[best] * d, centers, c * d, d);
      for (int b = 0; b < blocks; b++) {
        int offset = best * n + b * bs;
        for (int q = 0; q < improvedCount[b * trials + best]; q++) {
          int i = improved[offset + q];
          closest[i] = improvedDist[offset + q];
          nearest[i] = c;
          if (screen != null) {
            screen.thresholds[i] = KMeansKernel.floatAtLeast(closest[i]);
          }
        }
      }
    }
    return centers;
  }

  /**
   * One block's measurements for the current candidates: for each trial t, the samples it brings
   * strictly closer than their nearest centre and their new squared distances (into {@code samples}
   * and {@code distances} from {@code t n + from} on: the block's own segment), and the total
   * decrease of the potential, summed in sample order (so the result does not depend on which
   * filter passed the pairs, as long as every improving pair passes).
   */
  private static final class Gains implements DistanceKernel.PairSink {
    private final double[] x;
    private final int d;
    private final double[] closest;
    private final int[] candidates;
    private final int from;
    private final int to;
    private final int n;
    private final int[] samples;
    private final double[] distances;
    final double[] gain;
    final int[] count;

    Gains(
        double[] x,
        int d,
        double[] closest,
        int[] candidates,
        int from,
        int to,
        int n,
        int[] samples,
        double[] distances) {
      this.x = x;
      this.d = d;
      this.closest = closest;
      this.candidates = candidates;
      this.from = from;
      this.to = to;
      this.n = n;
      this.samples = samples;
      this.distances = distances;
      this.gain = new double[candidates.length];
      this.count = new int[candidates.length];
    }

    /**
     * Measures sample i against trial t (the screen's padding trials and samples outside the block
     * are ignored); samples of one trial must come in ascending order.
     */
    @Override
    public void pass(int i, int t) {
      if (t >= candidates.length || i < from || i >= to) {
        return;
      }
      // Scalar, the same bits as the kernel's: this runs inside the SIMD screen, whose JIT
      // compilation (long, on a cold start) grows with every SIMD method inlined into it.
      double v = KMeansKernel.sqDist(x, i * d, x, candidates[t] * d, d);
      if (v < closest[i]) {
        int slot = t * n + from + count[t]++;
        samples[slot] = i;
        distances[slot] = v;
        gain[t] += closest[i] - v;
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
