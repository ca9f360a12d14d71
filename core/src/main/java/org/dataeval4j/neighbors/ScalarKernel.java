package org.dataeval4j.neighbors;

import org.jspecify.annotations.Nullable;

/** The portable screening kernel: eight independent accumulators, one per packed lane. */
final class ScalarKernel implements ScreeningKernel {

  @Override
  public void scan(
      PackedRows rows,
      int g0,
      int g1,
      float[] queries,
      float[] queryNorms,
      int start,
      int end,
      float eps,
      float tiny,
      float[] thresholds,
      Offers forward,
      @Nullable Offers reverse) {
    int d = rows.d;
    float[] v = rows.values;
    float[] norms = rows.norms;
    float[] acc = new float[PackedRows.LANES];
    for (int q = start; q < end; q++) {
      int qo = q * d;
      float qn = queryNorms[q];
      for (int g = g0; g < g1; g++) {
        float a0 = 0;
        float a1 = 0;
        float a2 = 0;
        float a3 = 0;
        float a4 = 0;
        float a5 = 0;
        float a6 = 0;
        float a7 = 0;
        int b = g * d * PackedRows.LANES;
        for (int t = 0; t < d; t++, b += PackedRows.LANES) {
          float x = queries[qo + t];
          a0 += x * v[b];
          a1 += x * v[b + 1];
          a2 += x * v[b + 2];
          a3 += x * v[b + 3];
          a4 += x * v[b + 4];
          a5 += x * v[b + 5];
          a6 += x * v[b + 6];
          a7 += x * v[b + 7];
        }
        acc[0] = a0;
        acc[1] = a1;
        acc[2] = a2;
        acc[3] = a3;
        acc[4] = a4;
        acc[5] = a5;
        acc[6] = a6;
        acc[7] = a7;
        int j0 = g * PackedRows.LANES;
        for (int l = 0; l < PackedRows.LANES; l++) {
          float sum = qn + norms[j0 + l];
          float approx = sum - 2 * acc[l];
          float err = eps * sum + tiny;
          float lo = approx - err;
          if (lo <= thresholds[q]) {
            forward.offer(q, j0 + l, lo, approx + err);
          }
          if (reverse != null && lo <= thresholds[j0 + l]) {
            reverse.offer(j0 + l, q, lo, approx + err);
          }
        }
      }
    }
  }
}
