package org.dataeval4j.cluster;

import java.util.Arrays;
import org.dataeval4j.neighbors.Neighbors;
import org.jspecify.annotations.Nullable;

/**
 * Samples in float32 for the SIMD screens of {@link DistanceKernel} ({@link DistanceKernel#screen},
 * {@link DistanceKernel#lowerBounds}): 8 per group, feature-major within a group (element t of
 * sample {@code 8 g + l} at {@code (g d + t) 8 + l}), with their squared norms; the padding of the
 * last group has norm +Infinity. Rows of other arrays (centres, candidates) are converted the same
 * way ({@link #toFloat}, {@link #toLanes}), so that the screens' error bound (that of the k-NN
 * screening) holds.
 */
final class FloatSamples {
  final int n;
  final int d;
  final float[] packed;
  final float[] norms;

  /** The relative error bound of the k-NN screen for d features, {@code (2 d + 32) 2^-24}. */
  final float eps;

  private FloatSamples(int n, int d) {
    int lanes = DistanceKernel.LANES;
    int groups = (n + lanes - 1) / lanes;
    this.n = n;
    this.d = d;
    this.packed = new float[Math.multiplyExact(groups * lanes, d)];
    this.norms = new float[groups * lanes];
    this.eps = (float) ((2.0 * d + 32.0) * 0x1p-24);
  }

  /**
   * The n x d row-major samples packed in float, or {@code null} when their values are too large or
   * too small for float squares ({@link Neighbors#screenableInFloat32}).
   */
  static @Nullable FloatSamples of(double[] x, int n, int d) {
    if (!Neighbors.screenableInFloat32(x, d)) {
      return null;
    }
    FloatSamples s = new FloatSamples(n, d);
    int lanes = DistanceKernel.LANES;
    for (int i = 0; i < n; i++) {
      s.norms[i] = toFloat(x, i, d, s.packed, (i / lanes) * d * lanes + i % lanes, lanes);
    }
    Arrays.fill(s.norms, n, s.norms.length, Float.POSITIVE_INFINITY);
    return s;
  }

  /** The number of groups of 8. */
  int groups() {
    return norms.length / DistanceKernel.LANES;
  }

  /**
   * Row {@code row} of x in float into {@code out[base + t * stride]}; returns the squared norm of
   * the float values (summed in double, rounded to float, as the k-NN screen's bound assumes).
   */
  static float toFloat(double[] x, int row, int d, float[] out, int base, int stride) {
    double norm = 0;
    for (int t = 0; t < d; t++) {
      float v = (float) x[row * d + t];
      out[base + t * stride] = v;
      norm += (double) v * v;
    }
    return (float) norm;
  }

  /**
   * Row {@code row} of x in float as centre c of 8 for {@link DistanceKernel#lowerBounds}: feature
   * t in the 8 lanes {@code [(8 t + c) 8, (8 t + c + 1) 8)} of {@code out} ({@code 64 d} long);
   * returns its squared norm as {@link #toFloat}.
   */
  static float toLanes(double[] x, int row, int d, float[] out, int c) {
    int lanes = DistanceKernel.LANES;
    float norm = toFloat(x, row, d, out, c * lanes, lanes * lanes);
    for (int t = 0; t < d; t++) {
      int at = (t * lanes + c) * lanes;
      Arrays.fill(out, at + 1, at + lanes, out[at]);
    }
    return norm;
  }
}
