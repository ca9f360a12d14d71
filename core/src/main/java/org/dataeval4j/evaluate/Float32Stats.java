package org.dataeval4j.evaluate;

/**
 * numpy's float32 reductions, reproduced bit for bit ({@code evaluators.md} Appendix N): {@code
 * np.mean} and {@code np.std} (population) of a float32 array use pairwise summation with float
 * accumulators. DataEval takes these means and deviations for cluster statistics, z-score
 * thresholds and label-error row means; reproducing them keeps values at a threshold on the same
 * side as in DataEval.
 */
final class Float32Stats {
  private Float32Stats() {}

  /**
   * numpy's {@code pairwise_sum} over {@code a[off, off + n)}: blocks of at most 128 values summed
   * with eight float accumulators, larger ranges split in two (recursion depth log2(n)).
   */
  static float pairwiseSum(float[] a, int off, int n) {
    if (n < 8) {
      float r = 0f;
      for (int i = 0; i < n; i++) {
        r += a[off + i];
      }
      return r;
    }
    if (n <= 128) {
      float r0 = a[off];
      float r1 = a[off + 1];
      float r2 = a[off + 2];
      float r3 = a[off + 3];
      float r4 = a[off + 4];
      float r5 = a[off + 5];
      float r6 = a[off + 6];
      float r7 = a[off + 7];
      int i = 8;
      for (; i < n - (n % 8); i += 8) {
        r0 += a[off + i];
        r1 += a[off + i + 1];
        r2 += a[off + i + 2];
        r3 += a[off + i + 3];
        r4 += a[off + i + 4];
        r5 += a[off + i + 5];
        r6 += a[off + i + 6];
        r7 += a[off + i + 7];
      }
      float res = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7));
      for (; i < n; i++) {
        res += a[off + i];
      }
      return res;
    }
    int h = n / 2;
    h -= h % 8;
    return pairwiseSum(a, off, h) + pairwiseSum(a, off + h, n - h);
  }

  /** {@code np.mean} of {@code a[off, off + n)} in float32; NaN for n = 0. */
  static float mean(float[] a, int off, int n) {
    return pairwiseSum(a, off, n) / (float) n;
  }

  /**
   * {@code np.std} (ddof 0) of {@code a[off, off + n)} given its float32 mean; every step float.
   */
  static float std(float[] a, int off, int n, float mean) {
    float[] sq = new float[n];
    for (int i = 0; i < n; i++) {
      float dlt = a[off + i] - mean;
      sq[i] = dlt * dlt;
    }
    return (float) Math.sqrt(pairwiseSum(sq, 0, n) / (float) n);
  }
}
