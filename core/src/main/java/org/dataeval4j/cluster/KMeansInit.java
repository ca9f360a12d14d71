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
 * <p>Cost: at most {@code O(k (2 + ln k) n d)} distance work, usually far less: a candidate is not
 * measured against a sample when the triangle inequality shows it cannot come closer than the
 * sample's nearest centre (the pruning of G. Hamerly's and C. Elkan's k-means, applied to the
 * seeding). Work is spread over the threads of {@code exec} in fixed blocks; the random draws come
 * from the caller's generator only, so the result does not depend on the thread count.
 */
final class KMeansInit {
  private KMeansInit() {}

  /** Relative slack of the pruning test, far above rounding: pruning never changes a minimum. */
  private static final double PRUNE_SLACK = 1e-9;

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
    // The index of the chosen centre that gives closest[i].
    int[] nearest = new int[n];
    exec.forEachBlock(
        n,
        bs,
        (start, end) -> {
          for (int i = start; i < end; i++) {
            closest[i] = KMeansKernel.sqDist(x, i * d, centers, 0, d);
          }
        });
    double[] cumulative = new double[n];
    int[] candidates = new int[trials];
    double[] candidateDist = new double[trials * n];
    // Squared distances from each candidate to each centre chosen so far (trials x k).
    double[] toCenters = new double[trials * k];
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
        for (int o = 0; o < c; o++) {
          toCenters[t * k + o] = KMeansKernel.sqDist(x, candidates[t] * d, centers, o * d, d);
        }
      }
      int chosen = c;
      exec.forEachBlock(
          n,
          bs,
          (start, end) -> {
            int b = start / bs;
            for (int t = 0; t < trials; t++) {
              partial[b * trials + t] = 0;
            }
            for (int i = start; i < end; i++) {
              double ci = closest[i];
              int a = nearest[i];
              for (int t = 0; t < trials; t++) {
                // Triangle inequality: |x - cand| >= |cand - c_a| - |x - c_a| >= |x - c_a| when
                // |cand - c_a|^2 >= 4 |x - c_a|^2, so the candidate cannot bring x closer.
                double dd;
                if (toCenters[t * k + a] > 4 * ci * (1 + PRUNE_SLACK)) {
                  dd = Double.POSITIVE_INFINITY;
                } else {
                  dd = KMeansKernel.sqDist(x, i * d, x, candidates[t] * d, d);
                }
                candidateDist[t * n + i] = dd;
                partial[b * trials + t] += Math.min(ci, dd);
              }
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
        double dd = candidateDist[offset + i];
        if (dd < closest[i]) {
          closest[i] = dd;
          nearest[i] = chosen;
        }
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
