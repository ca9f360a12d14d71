package org.dataeval4j.evaluate;

import org.jspecify.annotations.Nullable;

/**
 * A Prioritize ranking with its order and policy ({@code evaluators.md} §5.8). The indices are
 * computed on first access from the stored easy-first {@link RankResult} and cached; derived
 * results ({@link #hardFirst()}, {@link #stratified(int)}, ...) recompute from the same ranking, so
 * policies never stack.
 */
public final class PrioritizeResult {
  private final RankResult rank;
  private final PrioritizeMethod method;
  private final PrioritizeOptions.Order order;
  private final PrioritizeOptions.Policy policy;
  private final int numBins;
  private final long @Nullable [] classLabels;
  private int @Nullable [] indices;

  PrioritizeResult(
      RankResult rank,
      PrioritizeMethod method,
      PrioritizeOptions.Order order,
      PrioritizeOptions.Policy policy,
      int numBins,
      long @Nullable [] classLabels) {
    this.rank = rank;
    this.method = method;
    this.order = order;
    this.policy = policy;
    this.numBins = numBins;
    this.classLabels = classLabels;
  }

  /** The sample indices in output order (a permutation of 0..n-1). Shared: do not modify. */
  public synchronized int[] indices() {
    int[] out = indices;
    if (out == null) {
      out =
          switch (policy) {
            case DIFFICULTY -> rank.indices().clone();
            case STRATIFIED -> Prioritize.stratified(rank, numBins);
            case CLASS_BALANCED -> {
              long[] labels = classLabels;
              if (labels == null) {
                throw new IllegalArgumentException(
                    "class_labels must be provided either in method or as class attribute");
              }
              yield Prioritize.classBalanced(rank, labels);
            }
          };
      if (order == PrioritizeOptions.Order.HARD_FIRST) {
        for (int a = 0, b = out.length - 1; a < b; a++, b--) {
          int t = out[a];
          out[a] = out[b];
          out[b] = t;
        }
      }
      indices = out;
    }
    return out;
  }

  /** The scores permuted into output order ({@code scores[indices[t]]}), or {@code null}. */
  public float @Nullable [] scores() {
    float[] s = rank.scores();
    if (s == null) {
      return null;
    }
    int[] idx = indices();
    float[] out = new float[idx.length];
    for (int t = 0; t < idx.length; t++) {
      out[t] = s[idx[t]];
    }
    return out;
  }

  /** The underlying easy-first ranking. */
  public RankResult rank() {
    return rank;
  }

  public PrioritizeMethod method() {
    return method;
  }

  public PrioritizeOptions.Order order() {
    return order;
  }

  public PrioritizeOptions.Policy policy() {
    return policy;
  }

  /** This result if already easy-first, else an easy-first copy with the same policy. */
  public PrioritizeResult easyFirst() {
    return withOrder(PrioritizeOptions.Order.EASY_FIRST);
  }

  /** This result if already hard-first, else a hard-first copy with the same policy. */
  public PrioritizeResult hardFirst() {
    return withOrder(PrioritizeOptions.Order.HARD_FIRST);
  }

  private PrioritizeResult withOrder(PrioritizeOptions.Order o) {
    return o == order ? this : new PrioritizeResult(rank, method, o, policy, numBins, classLabels);
  }

  /** The ranking as scored, same order. */
  public PrioritizeResult difficulty() {
    return new PrioritizeResult(
        rank, method, order, PrioritizeOptions.Policy.DIFFICULTY, numBins, classLabels);
  }

  /**
   * Round robin over {@code numBins} score bins, same order.
   *
   * @throws IllegalArgumentException if the method has no scores or numBins < 1
   */
  public PrioritizeResult stratified(int numBins) {
    if (rank.scores() == null) {
      throw new IllegalArgumentException(
          "Cannot apply stratified policy: ranking scores are not available");
    }
    if (numBins < 1) {
      throw new IllegalArgumentException("numBins must be >= 1, got " + numBins);
    }
    return new PrioritizeResult(
        rank, method, order, PrioritizeOptions.Policy.STRATIFIED, numBins, classLabels);
  }

  /**
   * Round robin over classes, same order.
   *
   * @param labels one label per sample (sample order)
   * @throws IllegalArgumentException if the length differs from the number of samples
   */
  public PrioritizeResult classBalanced(long[] labels) {
    if (labels.length != rank.indices().length) {
      throw new IllegalArgumentException(
          "classLabels must have one entry per sample ("
              + rank.indices().length
              + "), got "
              + labels.length);
    }
    return new PrioritizeResult(
        rank, method, order, PrioritizeOptions.Policy.CLASS_BALANCED, numBins, labels.clone());
  }

  /** Round robin over the stored class labels, same order. */
  public PrioritizeResult classBalanced() {
    long[] labels = classLabels;
    if (labels == null) {
      throw new IllegalArgumentException(
          "class_labels must be provided either in method or as class attribute");
    }
    return classBalanced(labels);
  }
}
