package org.dataeval4j.neighbors;

/**
 * The portable screening kernel: one query against one packed group at a time, eight independent
 * accumulators (one per lane), and the group dropped at the first stop where none of its eight
 * partial bounds can pass.
 */
final class ScalarKernel implements ScreeningKernel {
  private static final int L = PackedRows.LANES;

  @Override
  public void scan(
      PackedRows rows,
      int g0,
      int g1,
      PackedRows queries,
      int start,
      int end,
      float eps,
      float tiny,
      float[] queryThresholds,
      float[] rowThresholds,
      Offers forward,
      Offers reverse) {
    int d = rows.d;
    float[] v = rows.values;
    float[] qv = queries.values;
    int[] stops = rows.stops;
    float[] acc = new float[L];
    for (int q = start; q < end; q++) {
      int qo = (q / L) * d * L + q % L;
      for (int g = g0; g < g1; g++) {
        float a0 = 0;
        float a1 = 0;
        float a2 = 0;
        float a3 = 0;
        float a4 = 0;
        float a5 = 0;
        float a6 = 0;
        float a7 = 0;
        int b = g * d * L;
        int t = 0;
        for (int s = 0; ; s++) {
          int stop = s < stops.length ? stops[s] : d;
          for (; t < stop; t++, b += L) {
            float x = qv[qo + t * L];
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
          if (stop == d) {
            offer(
                rows.norms,
                g,
                queries.norms[q],
                q,
                acc,
                eps,
                tiny,
                queryThresholds,
                rowThresholds,
                forward,
                reverse);
            break;
          }
          int r = s * rows.groups * L;
          float qn = queries.prefixNorms[s * queries.groups * L + q];
          if (!anyPasses(
              rows.prefixNorms, r, g, qn, q, acc, eps, tiny, queryThresholds, rowThresholds)) {
            break;
          }
        }
      }
    }
  }

  /** True when some lane's partial bound is at most the query's threshold or the row's. */
  private static boolean anyPasses(
      float[] norms,
      int offset,
      int g,
      float queryNorm,
      int q,
      float[] acc,
      float eps,
      float tiny,
      float[] queryThresholds,
      float[] rowThresholds) {
    int j0 = g * L;
    for (int l = 0; l < L; l++) {
      float sum = queryNorm + norms[offset + j0 + l];
      float lo = (sum - 2 * acc[l]) - (eps * sum + tiny);
      if (lo <= queryThresholds[q] || lo <= rowThresholds[j0 + l]) {
        return true;
      }
    }
    return false;
  }

  /** Full bounds for the eight rows of group g against query q; offers those that pass. */
  private static void offer(
      float[] norms,
      int g,
      float queryNorm,
      int q,
      float[] acc,
      float eps,
      float tiny,
      float[] queryThresholds,
      float[] rowThresholds,
      Offers forward,
      Offers reverse) {
    int j0 = g * L;
    for (int l = 0; l < L; l++) {
      float sum = queryNorm + norms[j0 + l];
      float approx = sum - 2 * acc[l];
      float err = eps * sum + tiny;
      float lo = approx - err;
      if (lo <= queryThresholds[q]) {
        forward.offer(q, j0 + l, lo, approx + err);
      }
      if (lo <= rowThresholds[j0 + l]) {
        reverse.offer(j0 + l, q, lo, approx + err);
      }
    }
  }
}
