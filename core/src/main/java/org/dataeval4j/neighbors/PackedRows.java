package org.dataeval4j.neighbors;

import org.dataeval4j.data.Embeddings;

/**
 * The rows of a searched set in float32, transposed in groups of {@link #LANES} rows so that one
 * query is compared with {@code LANES} rows at once: element t of row {@code i = g * LANES + l} is
 * {@code values[(g * d + t) * LANES + l]}. The last group is padded with zero rows whose squared
 * norm is +Infinity, so they never qualify as neighbours.
 */
final class PackedRows {
  static final int LANES = 8;

  final int n;
  final int d;
  final int groups;
  final float[] values;

  /** Squared norms in float32 ({@code groups * LANES} entries, +Infinity for padding). */
  final float[] norms;

  private PackedRows(int n, int d, int groups, float[] values, float[] norms) {
    this.n = n;
    this.d = d;
    this.groups = groups;
    this.values = values;
    this.norms = norms;
  }

  static PackedRows of(Embeddings x) {
    int n = x.size();
    int d = x.dim();
    int groups = (n + LANES - 1) / LANES;
    float[] values = new float[Math.multiplyExact(Math.multiplyExact(groups, d), LANES)];
    float[] norms = new float[groups * LANES];
    double[] src = x.flat();
    for (int i = 0; i < n; i++) {
      int g = i / LANES;
      int lane = i % LANES;
      int base = g * d * LANES + lane;
      double norm = 0;
      for (int t = 0; t < d; t++) {
        float v = (float) src[i * d + t];
        values[base + t * LANES] = v;
        norm += (double) v * v;
      }
      norms[i] = (float) norm;
    }
    for (int i = n; i < norms.length; i++) {
      norms[i] = Float.POSITIVE_INFINITY;
    }
    return new PackedRows(n, d, groups, values, norms);
  }
}
