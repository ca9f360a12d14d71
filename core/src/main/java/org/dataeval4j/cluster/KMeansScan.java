package org.dataeval4j.cluster;

import java.util.Arrays;

/**
 * The exact scan of Lloyd's assignment step for a tile of samples: for each sample, the nearest
 * centre (ties to the lowest index) and the two smallest squared distances.
 *
 * <p>The tile is copied feature-major ({@code d x len}), so the distance from one centre to all
 * samples of the tile is a loop over contiguous samples (see {@link KMeansKernel#addSquaredDiffs}).
 * Each distance uses the four accumulators of {@link KMeansKernel#sqDist} in the same order, so it
 * equals {@code sqDist} bit for bit. One instance per thread (it holds scratch arrays).
 */
final class KMeansScan {
  /** Samples per tile: the feature-major copy ({@code d * TILE} doubles) stays in cache. */
  static final int TILE = 128;

  private final int d;
  private final int k;
  private final double[] tile;
  private final double[] s0 = new double[TILE];
  private final double[] s1 = new double[TILE];
  private final double[] s2 = new double[TILE];
  private final double[] s3 = new double[TILE];

  /** Per sample of the last tile: the nearest centre. */
  final int[] best = new int[TILE];

  /** Per sample of the last tile: the smallest squared distance. */
  final double[] first = new double[TILE];

  /** Per sample of the last tile: the second smallest squared distance (+Infinity if k = 1). */
  final double[] second = new double[TILE];

  KMeansScan(int d, int k) {
    this.d = d;
    this.k = k;
    this.tile = new double[d * TILE];
  }

  /**
   * Scans the samples {@code rows[offset .. offset + len)} of {@code x} (n x d row-major) against
   * the k x d row-major {@code centers}; results in {@link #best}, {@link #first}, {@link #second}.
   */
  void nearestTwo(double[] x, int[] rows, int offset, int len, double[] centers) {
    for (int p = 0; p < len; p++) {
      int xo = rows[offset + p] * d;
      for (int j = 0; j < d; j++) {
        tile[j * TILE + p] = x[xo + j];
      }
    }
    Arrays.fill(best, 0, len, 0);
    Arrays.fill(first, 0, len, Double.POSITIVE_INFINITY);
    Arrays.fill(second, 0, len, Double.POSITIVE_INFINITY);
    for (int c = 0; c < k; c++) {
      int co = c * d;
      Arrays.fill(s0, 0, len, 0.0);
      Arrays.fill(s1, 0, len, 0.0);
      Arrays.fill(s2, 0, len, 0.0);
      Arrays.fill(s3, 0, len, 0.0);
      int j = 0;
      for (; j + 3 < d; j += 4) {
        // (c - x)^2 == (x - c)^2 exactly: negation does not round.
        KMeansKernel.addSquaredDiffs(s0, 0, centers[co + j], tile, j * TILE, len);
        KMeansKernel.addSquaredDiffs(s1, 0, centers[co + j + 1], tile, (j + 1) * TILE, len);
        KMeansKernel.addSquaredDiffs(s2, 0, centers[co + j + 2], tile, (j + 2) * TILE, len);
        KMeansKernel.addSquaredDiffs(s3, 0, centers[co + j + 3], tile, (j + 3) * TILE, len);
      }
      for (; j < d; j++) {
        KMeansKernel.addSquaredDiffs(s0, 0, centers[co + j], tile, j * TILE, len);
      }
      for (int p = 0; p < len; p++) {
        double dd = (s0[p] + s1[p]) + (s2[p] + s3[p]);
        if (dd < first[p]) {
          second[p] = first[p];
          first[p] = dd;
          best[p] = c;
        } else if (dd < second[p]) {
          second[p] = dd;
        }
      }
    }
  }
}
