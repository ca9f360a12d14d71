package org.dataeval4j.neighbors;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.dataeval4j.data.Embeddings;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The kernels' contract ({@link ScreeningKernel}): every pair whose exact squared distance is
 * within the query's threshold (or, in a self-join, the row's) is offered, whatever the
 * partial-distance stops drop. Columns of decreasing spread make the stops drop most pairs.
 */
class ScreeningContractTest {

  /** Gaussian columns with spread 4 * 0.85^t, a few exact duplicates, float-exact values. */
  static Embeddings decaying(long seed, int n, int d) {
    SplittableRandom rnd = new SplittableRandom(seed);
    double[] v = new double[n * d];
    for (int i = 0; i < n; i++) {
      for (int t = 0; t < d; t++) {
        v[i * d + t] = (float) (rnd.nextGaussian() * 4 * Math.pow(0.85, t));
      }
    }
    for (int c = 0; c < n / 10; c++) {
      System.arraycopy(v, rnd.nextInt(n) * d, v, rnd.nextInt(n) * d, d);
    }
    return Embeddings.wrap(v, n, d);
  }

  static double squared(Embeddings a, int i, Embeddings b, int j) {
    double s = 0;
    for (int t = 0; t < a.dim(); t++) {
      double diff = a.get(i, t) - b.get(j, t);
      s += diff * diff;
    }
    return s;
  }

  /**
   * Threshold of sample i: its (1 + i % 9)-th smallest squared distance, -Infinity for i % 11 = 5.
   */
  static float[] thresholds(Embeddings x, Embeddings rows, int length) {
    float[] out = new float[length];
    java.util.Arrays.fill(out, Float.NEGATIVE_INFINITY);
    for (int i = 0; i < x.size(); i++) {
      if (i % 11 == 5) {
        continue;
      }
      double[] s = new double[rows.size()];
      for (int j = 0; j < s.length; j++) {
        s[j] = squared(x, i, rows, j);
      }
      java.util.Arrays.sort(s);
      out[i] = (float) s[Math.min(s.length - 1, i % 9)];
    }
    return out;
  }

  static boolean contains(CandidateSet set, int q, int j) {
    int[] c = set.candidates(q);
    for (int r = 0; r < set.count(q); r++) {
      if (c[r] == j) {
        return true;
      }
    }
    return false;
  }

  @ParameterizedTest(name = "n={0} d={1} simd={2}")
  @CsvSource({
    "45,1,false", "45,1,true",
    "45,8,false", "45,8,true",
    "45,9,false", "45,9,true",
    "21,17,false", "21,17,true",
    "45,33,false", "45,33,true",
    "61,50,false", "61,50,true",
    "37,70,false", "37,70,true"
  })
  void selfScanOffersEveryPairWithinEitherThreshold(int n, int d, boolean simd) {
    ScreeningKernel kernel = simd ? Kernels.BEST : Kernels.SCALAR;
    Embeddings x = decaying(n * 7L + d, n, d);
    PackedRows packed = PackedRows.of(x, PackedRows.columnsByVariance(x));
    int lanes = packed.groups * PackedRows.LANES;
    float[] thresholds = thresholds(x, x, lanes);
    // Sets that keep every offer: more neighbours than offers, so their own thresholds stay open.
    CandidateSet forward = new CandidateSet(lanes, lanes * lanes, new float[lanes], 0);
    CandidateSet reverse = new CandidateSet(lanes, lanes * lanes, new float[lanes], 0);
    float eps = (float) ((2.0 * d + 32.0) * 0x1p-24);
    kernel.scan(
        packed,
        0,
        packed.groups,
        packed,
        0,
        n,
        eps,
        Float.MIN_NORMAL,
        thresholds,
        thresholds,
        Offers.into(forward, 0),
        Offers.into(reverse, 0));
    int needed = 0;
    for (int q = 0; q < n; q++) {
      for (int j = 0; j < n; j++) {
        double s = squared(x, q, x, j);
        if (s <= thresholds[q]) {
          needed++;
          assertThat(contains(forward, q, j)).as("forward %d -> %d", q, j).isTrue();
        }
        if (s <= thresholds[j]) {
          assertThat(contains(reverse, j, q)).as("reverse %d -> %d", q, j).isTrue();
        }
      }
    }
    assertThat(needed).isGreaterThan(n);
  }

  @ParameterizedTest(name = "n={0} queries={1} d={2} simd={3}")
  @CsvSource({
    "45,13,9,false", "45,13,9,true",
    "130,7,50,false", "130,7,50,true",
    "17,31,33,false", "17,31,33,true"
  })
  void queryScanOffersEveryPairWithinTheQueryThreshold(int n, int queries, int d, boolean simd) {
    ScreeningKernel kernel = simd ? Kernels.BEST : Kernels.SCALAR;
    Embeddings fit = decaying(n * 3L + d, n, d);
    Embeddings query = decaying(queries * 5L + d, queries, d);
    int[] columns = PackedRows.columnsByVariance(fit);
    PackedRows rows = PackedRows.of(fit, columns);
    PackedRows packedQueries = PackedRows.of(query, columns);
    float[] thresholds = thresholds(query, fit, queries);
    CandidateSet forward = new CandidateSet(queries, queries * n + 1, new float[queries], 0);
    float[] closed = new float[rows.groups * PackedRows.LANES];
    java.util.Arrays.fill(closed, Float.NEGATIVE_INFINITY);
    float eps = (float) ((2.0 * d + 32.0) * 0x1p-24);
    // Two calls over halves of the groups, as the blocked search scans in chunks.
    int half = rows.groups / 2;
    for (int[] range : new int[][] {{0, half}, {half, rows.groups}}) {
      kernel.scan(
          rows,
          range[0],
          range[1],
          packedQueries,
          0,
          queries,
          eps,
          Float.MIN_NORMAL,
          thresholds,
          closed,
          Offers.into(forward, 0),
          Offers.into(forward, 0));
    }
    for (int q = 0; q < queries; q++) {
      for (int j = 0; j < n; j++) {
        if (squared(query, q, fit, j) <= thresholds[q]) {
          assertThat(contains(forward, q, j)).as("%d -> %d", q, j).isTrue();
        }
      }
    }
  }
}
