package org.dataeval4j.neighbors;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The SIMD screening kernel (incubating Vector API; loaded by {@link Kernels} only when the module
 * {@code jdk.incubator.vector} is present). One 256-bit vector holds the 8 lanes of a packed group.
 * Register blocking: 4 queries x 2 groups give 8 independent accumulators, so each loaded row
 * vector serves four queries and each broadcast query value two groups (2 loads and 4 broadcasts
 * per 8 FMAs). At each of the rows' stops the block's 64 partial bounds are tested, and the block
 * is dropped when none can pass (see {@link PackedRows}). Tails fall back to 1 query x 1 group,
 * without stops.
 */
final class VectorKernel implements ScreeningKernel {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_256;
  private static final int L = PackedRows.LANES;

  VectorKernel() {
    if (S.length() != L) {
      throw new IllegalStateException("expected 8 float lanes, got " + S.length());
    }
  }

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
    float[] lo = new float[L];
    float[] hi = new float[L];
    float[] dots = new float[8 * L];
    int q = start;
    for (; q + 4 <= end; q += 4) {
      int o0 = offset(q, d);
      int o1 = offset(q + 1, d);
      int o2 = offset(q + 2, d);
      int o3 = offset(q + 3, d);
      int g = g0;
      for (; g + 2 <= g1; g += 2) {
        int b0 = g * d * L;
        int b1 = b0 + d * L;
        java.util.Arrays.fill(dots, 0);
        int t = 0;
        for (int s = 0; ; s++) {
          int stop = s < stops.length ? stops[s] : d;
          accumulate(v, b0, b1, qv, o0, o1, o2, o3, t, stop, dots);
          t = stop;
          if (stop == d) {
            for (int p = 0; p < 8; p++) {
              offer(
                  rows,
                  g + (p & 1),
                  q + (p >> 1),
                  queries.norms[q + (p >> 1)],
                  dots,
                  p * L,
                  eps,
                  tiny,
                  queryThresholds,
                  rowThresholds,
                  forward,
                  reverse,
                  lo,
                  hi);
            }
            break;
          }
          if (!anyPasses(rows, queries, s, g, q, dots, eps, tiny, queryThresholds, rowThresholds)) {
            break;
          }
        }
      }
      for (; g < g1; g++) {
        for (int qq = q; qq < q + 4; qq++) {
          single(
              rows,
              g,
              queries,
              qq,
              eps,
              tiny,
              queryThresholds,
              rowThresholds,
              forward,
              reverse,
              lo,
              hi);
        }
      }
    }
    for (; q < end; q++) {
      for (int g = g0; g < g1; g++) {
        single(
            rows,
            g,
            queries,
            q,
            eps,
            tiny,
            queryThresholds,
            rowThresholds,
            forward,
            reverse,
            lo,
            hi);
      }
    }
  }

  /**
   * Adds columns {@code [t0, t1)} of the dot products of queries at offsets o0..o3 with the groups
   * at b0 and b1 to the sums in {@code dots} (query i, group h at {@code 16 i + 8 h}). The sums
   * live in registers only within this loop: C2 boxes vectors carried across the loop over stops.
   */
  private static void accumulate(
      float[] v,
      int b0,
      int b1,
      float[] qv,
      int o0,
      int o1,
      int o2,
      int o3,
      int t0,
      int t1,
      float[] dots) {
    FloatVector a00 = FloatVector.fromArray(S, dots, 0);
    FloatVector a01 = FloatVector.fromArray(S, dots, 8);
    FloatVector a10 = FloatVector.fromArray(S, dots, 16);
    FloatVector a11 = FloatVector.fromArray(S, dots, 24);
    FloatVector a20 = FloatVector.fromArray(S, dots, 32);
    FloatVector a21 = FloatVector.fromArray(S, dots, 40);
    FloatVector a30 = FloatVector.fromArray(S, dots, 48);
    FloatVector a31 = FloatVector.fromArray(S, dots, 56);
    for (int t = t0; t < t1; t++) {
      FloatVector x0 = FloatVector.fromArray(S, v, b0 + t * L);
      FloatVector x1 = FloatVector.fromArray(S, v, b1 + t * L);
      FloatVector y = FloatVector.broadcast(S, qv[o0 + t * L]);
      a00 = x0.fma(y, a00);
      a01 = x1.fma(y, a01);
      y = FloatVector.broadcast(S, qv[o1 + t * L]);
      a10 = x0.fma(y, a10);
      a11 = x1.fma(y, a11);
      y = FloatVector.broadcast(S, qv[o2 + t * L]);
      a20 = x0.fma(y, a20);
      a21 = x1.fma(y, a21);
      y = FloatVector.broadcast(S, qv[o3 + t * L]);
      a30 = x0.fma(y, a30);
      a31 = x1.fma(y, a31);
    }
    a00.intoArray(dots, 0);
    a01.intoArray(dots, 8);
    a10.intoArray(dots, 16);
    a11.intoArray(dots, 24);
    a20.intoArray(dots, 32);
    a21.intoArray(dots, 40);
    a30.intoArray(dots, 48);
    a31.intoArray(dots, 56);
  }

  /** Where packed query q's first value is; its value t is {@code t * L} further. */
  private static int offset(int q, int d) {
    return (q / L) * d * L + q % L;
  }

  /**
   * True when some pair of the block (queries q..q+3, groups g and g+1, partial dot products in
   * {@code dots}) may still pass: its lower bound over the first {@code stops[s]} columns is at
   * most the query's threshold or the row's.
   */
  private static boolean anyPasses(
      PackedRows rows,
      PackedRows queries,
      int s,
      int g,
      int q,
      float[] dots,
      float eps,
      float tiny,
      float[] queryThresholds,
      float[] rowThresholds) {
    int r = s * rows.groups * L + g * L;
    FloatVector n0 = FloatVector.fromArray(S, rows.prefixNorms, r);
    FloatVector n1 = FloatVector.fromArray(S, rows.prefixNorms, r + L);
    FloatVector t0 = FloatVector.fromArray(S, rowThresholds, g * L);
    FloatVector t1 = FloatVector.fromArray(S, rowThresholds, g * L + L);
    int qs = s * queries.groups * L + q;
    for (int i = 0; i < 4; i++) {
      float qn = queries.prefixNorms[qs + i];
      float tq = queryThresholds[q + i];
      VectorMask<Float> pass0 =
          lower(n0.add(qn), dots, 16 * i, eps, tiny).compare(VectorOperators.LE, t0.max(tq));
      VectorMask<Float> pass1 =
          lower(n1.add(qn), dots, 16 * i + L, eps, tiny).compare(VectorOperators.LE, t1.max(tq));
      if (pass0.or(pass1).anyTrue()) {
        return true;
      }
    }
    return false;
  }

  /** {@code (sum - 2 dot) - (eps sum + tiny)}, the bound of the kernel contract. */
  private static FloatVector lower(
      FloatVector sum, float[] dots, int offset, float eps, float tiny) {
    FloatVector approx = FloatVector.fromArray(S, dots, offset).mul(-2f).add(sum);
    return approx.sub(sum.mul(eps).add(tiny));
  }

  private static void single(
      PackedRows rows,
      int g,
      PackedRows queries,
      int q,
      float eps,
      float tiny,
      float[] queryThresholds,
      float[] rowThresholds,
      Offers forward,
      Offers reverse,
      float[] lo,
      float[] hi) {
    int d = rows.d;
    float[] v = rows.values;
    float[] qv = queries.values;
    FloatVector acc = FloatVector.zero(S);
    int b = g * d * L;
    int o = offset(q, d);
    for (int t = 0; t < d; t++) {
      acc =
          FloatVector.fromArray(S, v, b + t * L).fma(FloatVector.broadcast(S, qv[o + t * L]), acc);
    }
    float[] dots = new float[L];
    acc.intoArray(dots, 0);
    offer(
        rows,
        g,
        q,
        queries.norms[q],
        dots,
        0,
        eps,
        tiny,
        queryThresholds,
        rowThresholds,
        forward,
        reverse,
        lo,
        hi);
  }

  /** Bounds for the 8 rows of group g against query q; offers those that pass a threshold. */
  private static void offer(
      PackedRows rows,
      int g,
      int q,
      float queryNorm,
      float[] dots,
      int offset,
      float eps,
      float tiny,
      float[] queryThresholds,
      float[] rowThresholds,
      Offers forward,
      Offers reverse,
      float[] lo,
      float[] hi) {
    int j0 = g * L;
    FloatVector sum = FloatVector.fromArray(S, rows.norms, j0).add(queryNorm);
    FloatVector approx = FloatVector.fromArray(S, dots, offset).mul(-2f).add(sum);
    FloatVector err = sum.mul(eps).add(tiny);
    FloatVector lower = approx.sub(err);
    float tq = queryThresholds[q];
    boolean fwd = lower.compare(VectorOperators.LE, tq).anyTrue();
    boolean rev =
        lower.compare(VectorOperators.LE, FloatVector.fromArray(S, rowThresholds, j0)).anyTrue();
    if (!fwd && !rev) {
      return;
    }
    lower.intoArray(lo, 0);
    approx.add(err).intoArray(hi, 0);
    for (int l = 0; l < L; l++) {
      if (lo[l] <= tq) {
        forward.offer(q, j0 + l, lo[l], hi[l]);
      }
      if (lo[l] <= rowThresholds[j0 + l]) {
        reverse.offer(j0 + l, q, lo[l], hi[l]);
      }
    }
  }
}
