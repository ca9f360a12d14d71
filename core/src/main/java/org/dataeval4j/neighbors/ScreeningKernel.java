package org.dataeval4j.neighbors;

/**
 * Computes, for a range of queries against a range of packed row groups, float32 approximations of
 * squared distances and sends the pairs that pass the thresholds to {@link Offers}.
 *
 * <p>Contract for implementations: for query q and row j, with {@code a} the float32 value of
 * {@code |q|^2 + |x_j|^2 - 2 q.x_j} however accumulated, and {@code e = eps (|q|^2 + |x_j|^2) +
 * tiny}, call {@code forward.offer(q, j, a - e, a + e)} at least whenever {@code a - e <=
 * queryThresholds[q]}, and {@code reverse.offer(j, q, a - e, a + e)} at least whenever {@code a - e
 * <= rowThresholds[j]} (in a self-join, where queries and rows are the same samples, both are the
 * samples' thresholds; a one-way scan passes row thresholds of -Infinity, and then never calls
 * {@code reverse}). The kernels have no separate one-way path, so the JIT's profile of a one-way
 * phase (the diagonal tiles) stays valid for the symmetric tiles after it. A pair may be skipped
 * early when the same bound computed over the first {@code m = rows.stops[s]} screening columns
 * only (with the prefix norms), {@code a_m - e_m}, exceeds both thresholds: the partial squared
 * distance is a lower bound of the full one, so such a pair cannot pass. Kernels may differ in
 * rounding (SIMD FMA versus scalar) and in which extra pairs they offer, never in the final result,
 * which {@link CandidateSet} and the exact recheck make exact.
 *
 * <p>Queries are read from their own packed copy ({@code queries}, packed with the same column
 * order as {@code rows}; the same object in a self-join); query q is row q of it.
 */
interface ScreeningKernel {

  void scan(
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
      Offers reverse);

  /** The SIMD kernel when the Vector API is usable at run time, else the scalar one. */
  static ScreeningKernel best() {
    return Kernels.BEST;
  }
}
