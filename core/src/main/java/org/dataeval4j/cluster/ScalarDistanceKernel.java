package org.dataeval4j.cluster;

/** {@link DistanceKernel} in plain Java (its distances are {@link KMeansKernel#sqDist} itself). */
final class ScalarDistanceKernel implements DistanceKernel {

  @Override
  public double one(double[] a, int ao, double[] b, int bo, int d) {
    return KMeansKernel.sqDist(a, ao, b, bo, d);
  }

  @Override
  public void pairs(
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
      double[] out) {
    out[0] = KMeansKernel.sqDist(a, a0, b, b0, d);
    out[1] = KMeansKernel.sqDist(a, a1, b, b1, d);
    out[2] = KMeansKernel.sqDist(a, a2, b, b2, d);
    out[3] = KMeansKernel.sqDist(a, a3, b, b3, d);
  }

  @Override
  public short leastBound(
      short[] lower, int lo, short[] floor, short[] shift, short[] half, int ho, int kp) {
    int least = ShortBound.TOP;
    for (int c = 0; c < kp; c++) {
      least = Math.min(least, most(lower, lo, floor, shift, half, ho, c));
    }
    return (short) least;
  }

  /** Centre c's value in Elkan's filter: {@code max(lowered bound, half-distance)}, a code. */
  private static int most(
      short[] lower, int lo, short[] floor, short[] shift, short[] half, int ho, int c) {
    return Math.max(ShortBound.lower(lower[lo + c], floor[c], shift[c]), half[ho + c]);
  }

  @Override
  public int candidates(
      short[] lower,
      int lo,
      short[] floor,
      short[] shift,
      short[] half,
      int ho,
      int kp,
      short limit,
      int[] out) {
    return appendCandidates(lower, lo, floor, shift, half, ho, 0, kp, limit, out, 0);
  }

  /**
   * Elkan's candidate test of {@link #candidates} for the centres {@code [from, to)}: appends each
   * one that passes to {@code out} from {@code count} on, and returns the new count (the SIMD
   * kernel's scalar fallback too).
   */
  static int appendCandidates(
      short[] lower,
      int lo,
      short[] floor,
      short[] shift,
      short[] half,
      int ho,
      int from,
      int to,
      short limit,
      int[] out,
      int count) {
    int n = count;
    for (int c = from; c < to; c++) {
      if (most(lower, lo, floor, shift, half, ho, c) <= limit) {
        out[n++] = c;
      }
    }
    return n;
  }

  @Override
  public void addRow(double[] sums, int so, double[] x, int xo, int d) {
    for (int j = 0; j < d; j++) {
      sums[so + j] += x[xo + j];
    }
  }

  @Override
  public void lowerBounds(
      float[] packed,
      float[] norms,
      int d,
      int g,
      float[] centres,
      float[] centreNorms,
      float eps,
      float tiny,
      float[] out) {
    for (int l = 0; l < LANES; l++) {
      int i = g * LANES + l;
      int base = g * d * LANES + l;
      for (int c = 0; c < LANES; c++) {
        float dot = 0f;
        for (int t = 0; t < d; t++) {
          dot += packed[base + t * LANES] * centres[(t * LANES + c) * LANES];
        }
        float sum = norms[i] + centreNorms[c];
        out[c * LANES + l] = sum - 2f * dot - (sum * eps + tiny);
      }
    }
  }
}
