package org.dataeval4j.cluster;

/**
 * The inner loops of k-means, with a scalar and a SIMD implementation that give identical results
 * (they differ in speed only, so labels and ties never depend on which one runs):
 *
 * <ul>
 *   <li>exact squared Euclidean distances between rows of flat row-major double arrays, every one
 *       equal bit for bit to {@link KMeansKernel#sqDist}: four accumulators (feature j to
 *       accumulator {@code j % 4}, the tail to the first), subtraction, multiplication and addition
 *       rounded separately (no fused multiply-add), summed as {@code (s0 + s1) + (s2 + s3)};
 *   <li>Elkan's filter over one sample's 16-bit lower bounds ({@link ShortBound}; {@link
 *       #leastBound}, {@link #candidates});
 *   <li>float32 lower bounds on squared distances, 8 samples by 8 rows ({@link #lowerBounds}, and
 *       the k-means++ {@link #screen} built on them);
 *   <li>the row additions of the cluster sums ({@link #addRow}).
 * </ul>
 */
interface DistanceKernel {

  /** Lanes of {@link #lowerBounds}: 8 samples by 8 rows. */
  int LANES = 8;

  /** Lanes of {@link #leastBound} and {@link #candidates}: bound rows are padded to a multiple. */
  int BOUND_LANES = 16;

  /** {@code |a[ao .. ao + d) - b[bo .. bo + d)|^2}. */
  double one(double[] a, int ao, double[] b, int bo, int d);

  /**
   * The distances from one row of {@code a} to four rows of {@code b} (at offsets {@code b0 .. b3},
   * repeats allowed) into {@code out[0 .. 4)}: {@link #pairs} with the same row of {@code a}.
   */
  default void four(
      double[] a, int ao, double[] b, int b0, int b1, int b2, int b3, int d, double[] out) {
    pairs(a, ao, ao, ao, ao, b, b0, b1, b2, b3, d, out);
  }

  /**
   * Elkan's filter for one sample, on 16-bit codes ({@link ShortBound}): the least over c in {@code
   * [0, kp)} of {@code max(ShortBound.lower(lower[lo + c], floor[c], shift[c]), half[ho + c])}. A
   * centre c is a candidate against a limit code when that maximum is at most the limit; so there
   * is none when the least exceeds it, the usual case, and only then need the row be scanned centre
   * by centre.
   *
   * @param kp the padded row length, a multiple of {@link #BOUND_LANES}; padding must not lower the
   *     result ({@code half = ShortBound.TOP})
   */
  short leastBound(
      short[] lower, int lo, short[] floor, short[] shift, short[] half, int ho, int kp);

  /**
   * The candidates of Elkan's filter against a limit code: writes to {@code out}, in ascending
   * order, every c in {@code [0, kp)} whose maximum (as for {@link #leastBound}) is at most {@code
   * limit}, and returns how many there are.
   *
   * @param kp as for {@link #leastBound}; padding must fail the test
   */
  int candidates(
      short[] lower,
      int lo,
      short[] floor,
      short[] shift,
      short[] half,
      int ho,
      int kp,
      short limit,
      int[] out);

  /** {@code sums[so + j] += x[xo + j]} for j in {@code [0, d)} (each addition rounded alone). */
  void addRow(double[] sums, int so, double[] x, int xo, int d);

  /**
   * Four independent distances, {@code out[m] = |a[am .. am + d) - b[bm .. bm + d)|^2}: four at
   * once let a SIMD kernel overlap four chains of additions and their memory loads.
   */
  void pairs(
      double[] a,
      int a0,
      int a1,
      int a2,
      int a3,
      double[] b,
      int b0,
      int b1,
      int b2,
      int b3,
      int d,
      double[] out);

  /**
   * Receives the (sample, candidate) pairs that {@link #screen} cannot rule out, with the lower
   * bound of {@link #lowerBounds} on their squared distance.
   */
  interface PairSink {
    void pass(int sample, int candidate, float lowerBound);
  }

  /**
   * Lower bounds on the squared distances from the 8 samples of group g to 8 centres: {@code out[c
   * * 8 + l]} is at most the exact squared distance from sample {@code 8 g + l} to centre c. It is
   * {@code a - (eps (|x|^2 + |c|^2) + tiny)} with {@code a} the float value of {@code |x|^2 + |c|^2
   * - 2 x.c} however accumulated: the bound of the k-NN screening ({@code
   * org.dataeval4j.neighbors.KnnSearch}), for the float rows of {@link FloatSamples}.
   *
   * @param packed the samples of {@link FloatSamples#packed}
   * @param norms their squared norms ({@link FloatSamples#norms})
   * @param centres the 8 centre rows in float, each value in 8 lanes ({@link FloatSamples#toLanes}:
   *     feature t of centre c at {@code [(8 t + c) 8, (8 t + c + 1) 8)})
   * @param centreNorms their 8 squared norms
   * @param eps {@link FloatSamples#eps}
   */
  void lowerBounds(
      float[] packed,
      float[] norms,
      int d,
      int g,
      float[] centres,
      float[] centreNorms,
      float eps,
      float tiny,
      float[] out);

  /**
   * The k-means++ screen: for each sample i of {@code [from, to)} and each of 8 candidates c, calls
   * {@code sink.pass(i, c, low)} at least when the lower bound {@code low} of {@link #lowerBounds}
   * on their squared distance is at most {@code thresholds[i]}, and for each c in ascending i.
   * Implementations may call it for more pairs (and for samples of the groups that straddle {@code
   * from} and {@code to}).
   *
   * @param packed the samples of {@link FloatSamples#packed}
   * @param norms their squared norms ({@code 8 * groups}, padding +Infinity)
   * @param candidates the 8 candidate rows as the centres of {@link #lowerBounds}
   * @param candidateNorms their 8 squared norms
   * @param thresholds per sample, padded like {@code norms}
   */
  default void screen(
      float[] packed,
      float[] norms,
      int d,
      int from,
      int to,
      float[] candidates,
      float[] candidateNorms,
      float eps,
      float tiny,
      float[] thresholds,
      PairSink sink) {
    float[] lows = new float[LANES * LANES];
    for (int g = from / LANES; g * LANES < to; g++) {
      lowerBounds(packed, norms, d, g, candidates, candidateNorms, eps, tiny, lows);
      for (int l = 0; l < LANES; l++) {
        int i = g * LANES + l;
        for (int c = 0; c < LANES; c++) {
          if (lows[c * LANES + l] <= thresholds[i]) {
            sink.pass(i, c, lows[c * LANES + l]);
          }
        }
      }
    }
  }

  /**
   * Whether {@link #screen} beats exact pruned distances (the SIMD one does; scalar float does
   * not).
   */
  default boolean screensFast() {
    return false;
  }

  /** The SIMD implementation when the Vector API is usable at run time, else the scalar one. */
  static DistanceKernel best() {
    return DistanceKernels.BEST;
  }
}
