package org.dataeval4j.neighbors;

/**
 * Computes, for a range of queries against a range of packed row groups, float32 approximations of
 * squared distances and offers each row whose lower bound passes the query's threshold to the
 * {@link CandidateSet}.
 *
 * <p>Contract for implementations: for query q and row j, with {@code a} the float32 value of
 * {@code |q|^2 + |x_j|^2 - 2 q.x_j} however accumulated, and {@code e = eps (|q|^2 + |x_j|^2) +
 * tiny}, offer {@code (q - start, j, a - e, a + e)} at least whenever {@code a - e <=
 * set.thresholdF[q - start]}. Kernels may differ in rounding (SIMD FMA versus scalar), never in the
 * final result, which {@link CandidateSet} and the exact recheck make exact.
 */
interface ScreeningKernel {

  void scan(
      PackedRows rows,
      int g0,
      int g1,
      float[] queries,
      float[] queryNorms,
      int start,
      int end,
      float eps,
      float tiny,
      CandidateSet set);

  /** The SIMD kernel when the Vector API is usable at run time, else the scalar one. */
  static ScreeningKernel best() {
    return Kernels.BEST;
  }
}
