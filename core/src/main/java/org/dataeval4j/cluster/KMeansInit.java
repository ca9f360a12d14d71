package org.dataeval4j.cluster;

import java.util.SplittableRandom;
import org.dataeval4j.exec.Exec;

/**
 * Greedy k-means++ seeding as scikit-learn does it ({@code _kmeans_plusplus}; Arthur and
 * Vassilvitskii, "k-means++: the advantages of careful seeding", SODA 2007): the first centre is a
 * uniformly drawn sample; every further centre is the best of {@code 2 + floor(ln k)} candidates
 * drawn with probability proportional to the squared distance to the nearest centre chosen so far,
 * "best" meaning the one that leaves the lowest potential (sum of squared distances to the nearest
 * centre; the first candidate on ties).
 *
 * <p>Cost: {@code O(k (2 + ln k) n d)} distance work, spread over the threads of {@code exec} in
 * fixed blocks; the random draws come from the caller's generator only, so the result does not
 * depend on the thread count.
 */
final class KMeansInit {
  private KMeansInit() {}

  /**
   * Chooses k starting centres among the rows of {@code x}.
   *
   * @param x n x d row-major samples (read only)
   * @return k x d row-major centres (new array): copies of k sample rows
   */
  static double[] plusPlus(double[] x, int n, int d, int k, SplittableRandom rng, Exec exec) {
    double[] centers = new double[k * d];
    int first = rng.nextInt(n);
    System.arraycopy(x, first * d, centers, 0, d);
    int trials = 2 + (int) Math.floor(Math.log(k));
    int bs = KMeansKernel.blockSize(n);
    int blocks = KMeansKernel.blockCount(n, bs);
    double[] closest = new double[n];
    exec.forEachBlock(
        n,
        bs,
        (start, end) -> {
          for (int i = start; i < end; i++) {
            closest[i] = KMeansKernel.sqDist(x, i * d, centers, 0, d);
          }
        });
    // Feature-major copy (d x n), so that the distances from one candidate to a block of samples
    // are a SIMD-friendly loop over contiguous samples.
    double[] xt = new double[n * d];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        xt[j * n + i] = x[i * d + j];
      }
    }
    double[] cumulative = new double[n];
    int[] candidates = new int[trials];
    double[] candidateDist = new double[trials * n];
    double[] partial = new double[blocks * trials];
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
      }
      exec.forEachBlock(
          n,
          bs,
          (start, end) -> {
            int b = start / bs;
            int len = end - start;
            for (int t = 0; t < trials; t++) {
              int co = candidates[t] * d;
              int ao = t * n + start;
              java.util.Arrays.fill(candidateDist, ao, ao + len, 0.0);
              for (int j = 0; j < d; j++) {
                KMeansKernel.addSquaredDiffs(candidateDist, ao, x[co + j], xt, j * n + start, len);
              }
              double pot = 0;
              for (int i = start; i < end; i++) {
                pot += Math.min(closest[i], candidateDist[t * n + i]);
              }
              partial[b * trials + t] = pot;
            }
          });
      int best = 0;
      double bestPot = Double.POSITIVE_INFINITY;
      for (int t = 0; t < trials; t++) {
        double pot = 0;
        for (int b = 0; b < blocks; b++) {
          pot += partial[b * trials + t];
        }
        if (pot < bestPot) {
          bestPot = pot;
          best = t;
        }
      }
      System.arraycopy(x, candidates[best] * d, centers, c * d, d);
      int offset = best * n;
      for (int i = 0; i < n; i++) {
        closest[i] = Math.min(closest[i], candidateDist[offset + i]);
      }
    }
    return centers;
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
