package org.dataeval4j.evaluate;

/**
 * Options of {@link LabelErrors} ({@code evaluators.md} §4).
 *
 * @param k the number of neighbours within and outside each class, {@code >= 1}, default 50; capped
 *     at (smallest class size - 1)
 */
public record LabelErrorsOptions(int k) {

  /** The default k. */
  public static final int DEFAULT_K = 50;

  /** Validates k (divergences.md Decision 9: {@code k <= 0} is an error). */
  public LabelErrorsOptions {
    if (k < 1) {
      throw new IllegalArgumentException("k must be >= 1, got " + k);
    }
  }

  /** k = 50. */
  public static LabelErrorsOptions defaults() {
    return new LabelErrorsOptions(DEFAULT_K);
  }
}
