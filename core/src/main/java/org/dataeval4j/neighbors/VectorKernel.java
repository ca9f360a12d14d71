package org.dataeval4j.neighbors;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.jspecify.annotations.Nullable;

/**
 * The SIMD screening kernel (incubating Vector API; loaded by {@link Kernels} only when the module
 * {@code jdk.incubator.vector} is present). One 256-bit vector holds the 8 lanes of a packed group.
 * Register blocking: 4 queries x 2 groups give 8 independent accumulators, so each loaded row
 * vector serves four queries and each broadcast query value two groups (2 loads and 4 broadcasts
 * per 8 FMAs). Tails fall back to 1 query x 1 group.
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
    float[] lo = new float[L];
    float[] hi = new float[L];
    float[] dots = new float[8 * L];
    int q = start;
    for (; q + 4 <= end; q += 4) {
      int o0 = q * d;
      int o1 = o0 + d;
      int o2 = o1 + d;
      int o3 = o2 + d;
      int g = g0;
      for (; g + 2 <= g1; g += 2) {
        FloatVector a00 = FloatVector.zero(S);
        FloatVector a01 = FloatVector.zero(S);
        FloatVector a10 = FloatVector.zero(S);
        FloatVector a11 = FloatVector.zero(S);
        FloatVector a20 = FloatVector.zero(S);
        FloatVector a21 = FloatVector.zero(S);
        FloatVector a30 = FloatVector.zero(S);
        FloatVector a31 = FloatVector.zero(S);
        int b0 = g * d * L;
        int b1 = b0 + d * L;
        for (int t = 0; t < d; t++) {
          FloatVector x0 = FloatVector.fromArray(S, v, b0 + t * L);
          FloatVector x1 = FloatVector.fromArray(S, v, b1 + t * L);
          FloatVector y = FloatVector.broadcast(S, queries[o0 + t]);
          a00 = x0.fma(y, a00);
          a01 = x1.fma(y, a01);
          y = FloatVector.broadcast(S, queries[o1 + t]);
          a10 = x0.fma(y, a10);
          a11 = x1.fma(y, a11);
          y = FloatVector.broadcast(S, queries[o2 + t]);
          a20 = x0.fma(y, a20);
          a21 = x1.fma(y, a21);
          y = FloatVector.broadcast(S, queries[o3 + t]);
          a30 = x0.fma(y, a30);
          a31 = x1.fma(y, a31);
        }
        // One epilogue loop instead of eight inlined copies keeps the hot loop small for C2.
        a00.intoArray(dots, 0);
        a01.intoArray(dots, 8);
        a10.intoArray(dots, 16);
        a11.intoArray(dots, 24);
        a20.intoArray(dots, 32);
        a21.intoArray(dots, 40);
        a30.intoArray(dots, 48);
        a31.intoArray(dots, 56);
        for (int p = 0; p < 8; p++) {
          offer(
              rows,
              g + (p & 1),
              q + (p >> 1),
              dots,
              p * L,
              queryNorms,
              eps,
              tiny,
              thresholds,
              forward,
              reverse,
              lo,
              hi);
        }
      }
      for (; g < g1; g++) {
        for (int qq = q; qq < q + 4; qq++) {
          single(rows, g, qq, queries, queryNorms, eps, tiny, thresholds, forward, reverse, lo, hi);
        }
      }
    }
    for (; q < end; q++) {
      for (int g = g0; g < g1; g++) {
        single(rows, g, q, queries, queryNorms, eps, tiny, thresholds, forward, reverse, lo, hi);
      }
    }
  }

  private static void single(
      PackedRows rows,
      int g,
      int q,
      float[] queries,
      float[] queryNorms,
      float eps,
      float tiny,
      float[] thresholds,
      Offers forward,
      @Nullable Offers reverse,
      float[] lo,
      float[] hi) {
    int d = rows.d;
    float[] v = rows.values;
    FloatVector acc = FloatVector.zero(S);
    int b = g * d * L;
    int o = q * d;
    for (int t = 0; t < d; t++) {
      acc =
          FloatVector.fromArray(S, v, b + t * L).fma(FloatVector.broadcast(S, queries[o + t]), acc);
    }
    float[] dots = new float[L];
    acc.intoArray(dots, 0);
    offer(rows, g, q, dots, 0, queryNorms, eps, tiny, thresholds, forward, reverse, lo, hi);
  }

  /** Bounds for the 8 rows of group g against query q; offers those that pass a threshold. */
  private static void offer(
      PackedRows rows,
      int g,
      int q,
      float[] dots,
      int offset,
      float[] queryNorms,
      float eps,
      float tiny,
      float[] thresholds,
      Offers forward,
      @Nullable Offers reverse,
      float[] lo,
      float[] hi) {
    int j0 = g * L;
    FloatVector sum = FloatVector.fromArray(S, rows.norms, j0).add(queryNorms[q]);
    FloatVector approx = FloatVector.fromArray(S, dots, offset).mul(-2f).add(sum);
    FloatVector err = sum.mul(eps).add(tiny);
    FloatVector lower = approx.sub(err);
    boolean fwd = lower.compare(VectorOperators.LE, thresholds[q]).anyTrue();
    boolean rev =
        reverse != null
            && lower
                .compare(VectorOperators.LE, FloatVector.fromArray(S, thresholds, j0))
                .anyTrue();
    if (!fwd && !rev) {
      return;
    }
    lower.intoArray(lo, 0);
    approx.add(err).intoArray(hi, 0);
    for (int l = 0; l < L; l++) {
      if (fwd && lo[l] <= thresholds[q]) {
        forward.offer(q, j0 + l, lo[l], hi[l]);
      }
      if (reverse != null && rev && lo[l] <= thresholds[j0 + l]) {
        reverse.offer(j0 + l, q, lo[l], hi[l]);
      }
    }
  }
}
