package org.dataeval4j.evaluate;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The result of {@link LabelErrors#evaluate} ({@code evaluators.md} §4.1).
 *
 * <ul>
 *   <li>{@code scores} (n, float32): the ratio of the mean distance to the k nearest samples of the
 *       same class over the mean distance to the k nearest samples of other classes.
 *   <li>{@code errorRank} (n): sample indices by descending score, ties by ascending index, NaN
 *       last.
 *   <li>{@code errors}: every sample with score {@code >= 1}, ascending index, with suggestions.
 *   <li>{@code k}: the effective k used.
 * </ul>
 *
 * Arrays are shared, not copied: do not modify them.
 */
public final class LabelErrorsResult {
  private final float[] scores;
  private final int[] errorRank;
  private final List<LabelError> errors;
  private final int k;

  LabelErrorsResult(float[] scores, int[] errorRank, List<LabelError> errors, int k) {
    this.scores = scores;
    this.errorRank = errorRank;
    this.errors = Collections.unmodifiableList(new ArrayList<>(errors));
    this.k = k;
  }

  /** The intra/extra distance ratio of each sample (n). */
  public float[] scores() {
    return scores;
  }

  /** Sample indices by descending score (n). */
  public int[] errorRank() {
    return errorRank;
  }

  /** Samples with score {@code >= 1}, ascending index. */
  public List<LabelError> errors() {
    return errors;
  }

  /** The indices of {@link #errors()}, ascending. */
  public int[] errorIndices() {
    int[] out = new int[errors.size()];
    for (int t = 0; t < out.length; t++) {
      out[t] = errors.get(t).index();
    }
    return out;
  }

  /** The effective number of neighbours. */
  public int k() {
    return k;
  }
}
