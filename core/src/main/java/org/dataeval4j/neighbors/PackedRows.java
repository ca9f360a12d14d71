package org.dataeval4j.neighbors;

import org.dataeval4j.data.Embeddings;
import org.dataeval4j.exec.Sorts;

/**
 * Rows in float32 for the screening kernels, transposed in groups of {@link #LANES} rows so that
 * one query is compared with {@code LANES} rows at once, with their columns in a given screening
 * order: screening column t of row {@code i = g * LANES + l} is {@code values[(g * d + t) * LANES +
 * l]}. Padding positions hold zero rows whose squared norms are +Infinity, so their bounds are NaN
 * and they never qualify as neighbours.
 *
 * <p>Partial norms: for each stop {@code m = stops[s]}, {@code prefixNorms[s * groups * LANES + i]}
 * is the squared norm of the first m screening columns of row i. A squared distance over the first
 * m columns is a lower bound of the full one, so a kernel may give up on a pair once that partial
 * distance, less its error bound, exceeds the thresholds. Putting the columns of largest variance
 * first makes the partial distances grow fastest: on principal components (columns already in
 * decreasing variance) eight columns typically exclude most pairs.
 */
final class PackedRows {
  static final int LANES = 8;

  final int d;
  final int groups;
  final float[] values;

  /** Squared norms in float32 ({@code groups * LANES} entries, +Infinity for padding). */
  final float[] norms;

  /** Prefix lengths at which the kernels test partial distances: 8, 16, 32, ..., all below d. */
  final int[] stops;

  /** Squared norms of the first {@code stops[s]} screening columns, layout above. */
  final float[] prefixNorms;

  private PackedRows(
      int d, int groups, float[] values, float[] norms, int[] stops, float[] prefixNorms) {
    this.d = d;
    this.groups = groups;
    this.values = values;
    this.norms = norms;
    this.stops = stops;
    this.prefixNorms = prefixNorms;
  }

  /**
   * The rows of {@code x} in their order (row i at position i); see {@link #of(Embeddings, int[],
   * int[])}.
   */
  static PackedRows of(Embeddings x, int[] columns) {
    int[] rows = new int[x.size()];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = i;
    }
    return of(x, rows, columns);
  }

  /**
   * Packs row {@code rows[p]} of {@code x} at position p, or padding where {@code rows[p] < 0} (and
   * after the last position, up to a multiple of {@link #LANES}), with the columns in the order
   * {@code columns} (a permutation of {@code 0..d-1}; screening column t is column {@code
   * columns[t]} of x). Rows and queries compared by one kernel must be packed with the same column
   * order.
   */
  static PackedRows of(Embeddings x, int[] rows, int[] columns) {
    int d = x.dim();
    assert columns.length == d;
    int groups = (rows.length + LANES - 1) / LANES;
    int lanes = groups * LANES;
    int[] stops = stops(d);
    float[] values = new float[Math.multiplyExact(Math.multiplyExact(groups, d), LANES)];
    float[] norms = new float[lanes];
    float[] prefixNorms = new float[Math.multiplyExact(stops.length, lanes)];
    java.util.Arrays.fill(norms, Float.POSITIVE_INFINITY);
    java.util.Arrays.fill(prefixNorms, Float.POSITIVE_INFINITY);
    double[] src = x.flat();
    for (int p = 0; p < rows.length; p++) {
      int i = rows[p];
      if (i < 0) {
        continue;
      }
      int base = (p / LANES) * d * LANES + p % LANES;
      double norm = 0;
      int s = 0;
      for (int t = 0; t < d; t++) {
        if (s < stops.length && t == stops[s]) {
          prefixNorms[s * lanes + p] = (float) norm;
          s++;
        }
        float v = (float) src[i * d + columns[t]];
        values[base + t * LANES] = v;
        norm += (double) v * v;
      }
      norms[p] = (float) norm;
    }
    return new PackedRows(d, groups, values, norms, stops, prefixNorms);
  }

  /** The stops for dimension d: 8, 16, 32, ... below d (none when d <= 8). */
  static int[] stops(int d) {
    int count = 0;
    for (int m = 8; m < d; m *= 2) {
      count++;
    }
    int[] out = new int[count];
    for (int s = 0, m = 8; s < count; s++, m *= 2) {
      out[s] = m;
    }
    return out;
  }

  /**
   * The columns of {@code x} by decreasing variance, ties by index: the screening order that lets
   * partial distances exclude pairs soonest. Any order gives the same results. For screenable
   * values (see {@link KnnSearch#screenable}), whose sums stay finite.
   */
  static int[] columnsByVariance(Embeddings x) {
    int n = x.size();
    int d = x.dim();
    double[] data = x.flat();
    double[] mean = new double[d];
    for (int i = 0; i < n; i++) {
      for (int t = 0; t < d; t++) {
        mean[t] += data[i * d + t];
      }
    }
    for (int t = 0; t < d; t++) {
      mean[t] /= n;
    }
    double[] negVariance = new double[d];
    for (int i = 0; i < n; i++) {
      for (int t = 0; t < d; t++) {
        double c = data[i * d + t] - mean[t];
        negVariance[t] -= c * c;
      }
    }
    int[] columns = new int[d];
    for (int t = 0; t < d; t++) {
      columns[t] = t;
    }
    Sorts.byKeyThenId(negVariance, columns, d);
    return columns;
  }
}
