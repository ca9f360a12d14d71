package org.dataeval4j.cluster;

/**
 * Package-private kernels shared by k-means++ and Lloyd: the squared Euclidean distance between two
 * rows of flat row-major arrays, and the fixed block size of every parallel loop.
 */
final class KMeansKernel {
  private KMeansKernel() {}

  /**
   * Squared Euclidean distance between {@code a[ao .. ao + d)} and {@code b[bo .. bo + d)}, in
   * double. Four independent accumulators (feature j goes to accumulator {@code j % 4}, the tail
   * beyond the last multiple of 4 to the first) let the additions overlap instead of waiting on
   * each other; the result is {@code (s0 + s1) + (s2 + s3)}. Every distance that decides a label is
   * this exact sum, so ties break the same way whichever loop computed them.
   */
  static double sqDist(double[] a, int ao, double[] b, int bo, int d) {
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    int j = 0;
    for (; j + 3 < d; j += 4) {
      double t0 = a[ao + j] - b[bo + j];
      double t1 = a[ao + j + 1] - b[bo + j + 1];
      double t2 = a[ao + j + 2] - b[bo + j + 2];
      double t3 = a[ao + j + 3] - b[bo + j + 3];
      s0 += t0 * t0;
      s1 += t1 * t1;
      s2 += t2 * t2;
      s3 += t3 * t3;
    }
    for (; j < d; j++) {
      double t = a[ao + j] - b[bo + j];
      s0 += t * t;
    }
    return (s0 + s1) + (s2 + s3);
  }

  /** The smallest float at least v, for finite {@code v >= 0} (a rounded-up bound). */
  static float floatAtLeast(double v) {
    float f = (float) v;
    // f < v with v >= 0 implies f >= 0, whose successor is one unit above in its bits.
    return f < v ? Float.intBitsToFloat(Float.floatToRawIntBits(f) + 1) : f;
  }

  /**
   * The block size of the parallel loops over n samples. It depends on n only (never on the thread
   * count), so per-block partial results combined in block order give the same result on any number
   * of threads; at most about 64 blocks keep per-block partials small.
   */
  static int blockSize(int n) {
    return Math.max(1024, (n + 63) / 64);
  }

  /** The number of blocks of {@link #blockSize(int)} rows covering n samples. */
  static int blockCount(int n, int blockSize) {
    return (int) ((n + (long) blockSize - 1) / blockSize);
  }
}
