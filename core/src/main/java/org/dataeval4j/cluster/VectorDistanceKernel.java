package org.dataeval4j.cluster;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link DistanceKernel} with the incubating Vector API (loaded by {@link DistanceKernels} only
 * when the module {@code jdk.incubator.vector} is present). One 256-bit vector holds the four
 * accumulators of {@link KMeansKernel#sqDist}: lane m sums features {@code j = m (mod 4)} in the
 * same order, with separate subtract, multiply and add (never {@code fma}, which would round
 * differently), so every distance equals the scalar one bit for bit. {@link #pairs} keeps four such
 * vectors in flight. {@link #leastBound} and {@link #candidates} test 16 bounds (16-bit codes) per
 * step.
 */
final class VectorDistanceKernel implements DistanceKernel {
  private static final VectorSpecies<Double> S = DoubleVector.SPECIES_256;
  private static final VectorSpecies<Float> F = FloatVector.SPECIES_256;
  private static final VectorSpecies<Short> B = ShortVector.SPECIES_256;

  VectorDistanceKernel() {
    if (S.length() != 4 || F.length() != LANES || B.length() != BOUND_LANES) {
      throw new IllegalStateException(
          "expected 4 double, "
              + LANES
              + " float and "
              + BOUND_LANES
              + " short lanes, got "
              + S.length()
              + ", "
              + F.length()
              + ", "
              + B.length());
    }
  }

  @Override
  public boolean screensFast() {
    return true;
  }

  @Override
  public short leastBound(
      short[] lower, int lo, short[] floor, short[] shift, short[] half, int ho, int kp) {
    ShortVector least = ShortVector.broadcast(B, ShortBound.TOP);
    for (int c = 0; c < kp; c += BOUND_LANES) {
      // ShortBound.lower, 16 lanes: the subtraction wraps round in 16 bits, but its true result is
      // a code, so it is exact. (Written out here and in candidates: a helper returning the vector
      // is boxed on the heap wherever the JIT does not inline it.)
      ShortVector lowered =
          ShortVector.fromArray(B, lower, lo + c)
              .max(ShortVector.fromArray(B, floor, c))
              .sub(ShortVector.fromArray(B, shift, c));
      least = least.min(lowered.max(ShortVector.fromArray(B, half, ho + c)));
    }
    return least.reduceLanes(VectorOperators.MIN);
  }

  @Override
  public int candidates(
      short[] lower,
      int lo,
      short[] floor,
      short[] shift,
      short[] half,
      int ho,
      int kp,
      short limit,
      int[] out) {
    int count = 0;
    for (int c = 0; c < kp; c += BOUND_LANES) {
      ShortVector lowered =
          ShortVector.fromArray(B, lower, lo + c)
              .max(ShortVector.fromArray(B, floor, c))
              .sub(ShortVector.fromArray(B, shift, c));
      ShortVector most = lowered.max(ShortVector.fromArray(B, half, ho + c));
      // anyTrue is one instruction on JDK 17, but toLong is no intrinsic there (hundreds of
      // nanoseconds): the rare lanes with a candidate are found by the scalar test.
      if (most.compare(VectorOperators.LE, limit).anyTrue()) {
        count =
            ScalarDistanceKernel.appendCandidates(
                lower, lo, floor, shift, half, ho, c, c + BOUND_LANES, limit, out, count);
      }
    }
    return count;
  }

  @Override
  public void addRow(double[] sums, int so, double[] x, int xo, int d) {
    int j = 0;
    for (; j + 3 < d; j += 4) {
      DoubleVector.fromArray(S, sums, so + j)
          .add(DoubleVector.fromArray(S, x, xo + j))
          .intoArray(sums, so + j);
    }
    for (; j < d; j++) {
      sums[so + j] += x[xo + j];
    }
  }

  @Override
  public double one(double[] a, int ao, double[] b, int bo, int d) {
    DoubleVector acc = DoubleVector.zero(S);
    int j = 0;
    for (; j + 3 < d; j += 4) {
      DoubleVector t =
          DoubleVector.fromArray(S, a, ao + j).sub(DoubleVector.fromArray(S, b, bo + j));
      acc = acc.add(t.mul(t));
    }
    return finish(acc.lane(0), acc.lane(1), acc.lane(2), acc.lane(3), a, ao, b, bo, j, d);
  }

  @Override
  public void pairs(
      double[] a,
      int a0,
      int a1,
      int a2,
      int a3,
      double[] b,
      int b0,
      int b1,
      int b2,
      int b3,
      int d,
      double[] out) {
    DoubleVector c0 = DoubleVector.zero(S);
    DoubleVector c1 = c0;
    DoubleVector c2 = c0;
    DoubleVector c3 = c0;
    int j = 0;
    for (; j + 3 < d; j += 4) {
      DoubleVector t0 =
          DoubleVector.fromArray(S, a, a0 + j).sub(DoubleVector.fromArray(S, b, b0 + j));
      DoubleVector t1 =
          DoubleVector.fromArray(S, a, a1 + j).sub(DoubleVector.fromArray(S, b, b1 + j));
      DoubleVector t2 =
          DoubleVector.fromArray(S, a, a2 + j).sub(DoubleVector.fromArray(S, b, b2 + j));
      DoubleVector t3 =
          DoubleVector.fromArray(S, a, a3 + j).sub(DoubleVector.fromArray(S, b, b3 + j));
      c0 = c0.add(t0.mul(t0));
      c1 = c1.add(t1.mul(t1));
      c2 = c2.add(t2.mul(t2));
      c3 = c3.add(t3.mul(t3));
    }
    out[0] = finish(c0.lane(0), c0.lane(1), c0.lane(2), c0.lane(3), a, a0, b, b0, j, d);
    out[1] = finish(c1.lane(0), c1.lane(1), c1.lane(2), c1.lane(3), a, a1, b, b1, j, d);
    out[2] = finish(c2.lane(0), c2.lane(1), c2.lane(2), c2.lane(3), a, a2, b, b2, j, d);
    out[3] = finish(c3.lane(0), c3.lane(1), c3.lane(2), c3.lane(3), a, a3, b, b3, j, d);
  }

  /**
   * The scalar tail into lane 0, then {@code (s0 + s1) + (s2 + s3)} as the scalar kernel. It takes
   * the lanes, not the vector: a vector passed to a method the JIT does not inline is boxed on the
   * heap, which made the kernel slower than the scalar one.
   */
  private static double finish(
      double s0,
      double s1,
      double s2,
      double s3,
      double[] a,
      int ao,
      double[] b,
      int bo,
      int j,
      int d) {
    double acc = s0;
    for (int t = j; t < d; t++) {
      double v = a[ao + t] - b[bo + t];
      acc += v * v;
    }
    return (acc + s1) + (s2 + s3);
  }

  @Override
  public void lowerBounds(
      float[] packed,
      float[] norms,
      int d,
      int g,
      float[] centres,
      float[] centreNorms,
      float eps,
      float tiny,
      float[] out) {
    // Eight centres at once: each loaded group of samples feeds eight independent FMAs, whose
    // other operands are plain loads (the centres come with each value in 8 lanes: a third less
    // time than broadcasting each value here).
    FloatVector a0 = FloatVector.zero(F);
    FloatVector a1 = a0;
    FloatVector a2 = a0;
    FloatVector a3 = a0;
    FloatVector a4 = a0;
    FloatVector a5 = a0;
    FloatVector a6 = a0;
    FloatVector a7 = a0;
    int b = g * d * LANES;
    for (int t = 0; t < d; t++) {
      FloatVector v = FloatVector.fromArray(F, packed, b + t * LANES);
      int o = t * LANES * LANES;
      a0 = v.fma(FloatVector.fromArray(F, centres, o), a0);
      a1 = v.fma(FloatVector.fromArray(F, centres, o + LANES), a1);
      a2 = v.fma(FloatVector.fromArray(F, centres, o + 2 * LANES), a2);
      a3 = v.fma(FloatVector.fromArray(F, centres, o + 3 * LANES), a3);
      a4 = v.fma(FloatVector.fromArray(F, centres, o + 4 * LANES), a4);
      a5 = v.fma(FloatVector.fromArray(F, centres, o + 5 * LANES), a5);
      a6 = v.fma(FloatVector.fromArray(F, centres, o + 6 * LANES), a6);
      a7 = v.fma(FloatVector.fromArray(F, centres, o + 7 * LANES), a7);
    }
    a0.intoArray(out, 0);
    a1.intoArray(out, LANES);
    a2.intoArray(out, 2 * LANES);
    a3.intoArray(out, 3 * LANES);
    a4.intoArray(out, 4 * LANES);
    a5.intoArray(out, 5 * LANES);
    a6.intoArray(out, 6 * LANES);
    a7.intoArray(out, 7 * LANES);
    // |x|^2 + |c|^2 - 2 x.c - (eps (|x|^2 + |c|^2) + tiny), in place. A loop, not a helper taking
    // the vectors: C2 stopped inlining such a helper after four calls (NodeCountInliningCutoff)
    // and boxed the vectors of the other four on the heap, which took two thirds of the time.
    FloatVector rowNorms = FloatVector.fromArray(F, norms, g * LANES);
    for (int c = 0; c < LANES; c++) {
      FloatVector sum = rowNorms.add(centreNorms[c]);
      FloatVector.fromArray(F, out, c * LANES)
          .mul(-2f)
          .add(sum)
          .sub(sum.mul(eps).add(tiny))
          .intoArray(out, c * LANES);
    }
  }

  @Override
  public void screen(
      float[] packed,
      float[] norms,
      int d,
      int from,
      int to,
      float[] candidates,
      float[] candidateNorms,
      float eps,
      float tiny,
      float[] thresholds,
      PairSink sink) {
    float[] lows = new float[LANES * LANES];
    for (int g = from / LANES; g * LANES < to; g++) {
      lowerBounds(packed, norms, d, g, candidates, candidateNorms, eps, tiny, lows);
      int j0 = g * LANES;
      FloatVector limit = FloatVector.fromArray(F, thresholds, j0);
      for (int c = 0; c < LANES; c++) {
        VectorMask<Float> pass =
            FloatVector.fromArray(F, lows, c * LANES).compare(VectorOperators.LE, limit);
        // Rare: the passing lanes, in ascending order (found by the scalar test: see candidates).
        if (pass.anyTrue()) {
          for (int l = 0; l < LANES; l++) {
            if (lows[c * LANES + l] <= thresholds[j0 + l]) {
              sink.pass(j0 + l, c, lows[c * LANES + l]);
            }
          }
        }
      }
    }
  }
}
