package org.dataeval4j.evaluate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.dataeval4j.data.Embeddings;
import org.dataeval4j.exec.Exec;
import org.dataeval4j.exec.Sorts;
import org.dataeval4j.neighbors.KnnGraph;
import org.dataeval4j.neighbors.Neighbors;

/**
 * Label errors by the ratio of intra-class to extra-class k-nearest-neighbour distances ({@code
 * evaluators.md} §4; DataEval's {@code label_errors}). For each sample: the mean distance to its k
 * nearest samples of the same class divided by the mean distance to its k nearest samples of the
 * other classes; a ratio {@code >= 1} marks a likely label error, with suggested labels from the
 * rank-weighted vote of those extra-class neighbours.
 *
 * <p>Exact k-NN (the {@link Neighbors} search, ties by index); no n x n matrix: memory O(n k + n
 * d), time O(n^2 d) over all classes.
 */
public final class LabelErrors {
  private static final double MIN_CONFIDENCE = 0.4;
  private static final double AMBIGUITY = 0.2;

  private LabelErrors() {}

  /** {@link #evaluate(Embeddings, long[], LabelErrorsOptions, Exec)} for int labels. */
  public static LabelErrorsResult evaluate(
      Embeddings x, int[] labels, LabelErrorsOptions options, Exec exec) {
    long[] wide = new long[labels.length];
    for (int i = 0; i < labels.length; i++) {
      wide[i] = labels[i];
    }
    return evaluate(x, wide, options, exec);
  }

  /**
   * Scores, ranks and flags every sample.
   *
   * <p>k is capped at (smallest class size - 1). With a single class every score is 0, the rank is
   * the identity and there are no errors (divergences.md D-19).
   *
   * @param labels one non-negative integer label per sample
   * @throws IllegalArgumentException if the lengths differ, a label is negative, or (with two or
   *     more classes) a class has a single sample
   */
  public static LabelErrorsResult evaluate(
      Embeddings x, long[] labels, LabelErrorsOptions options, Exec exec) {
    int n = x.size();
    if (labels.length != n) {
      throw new IllegalArgumentException(
          "labels must have one entry per sample (" + n + "), got " + labels.length);
    }
    for (int i = 0; i < n; i++) {
      if (labels[i] < 0) {
        throw new IllegalArgumentException(
            "labels must be >= 0, got " + labels[i] + " at index " + i);
      }
    }
    long[] classes = Arrays.stream(labels).distinct().sorted().toArray();
    if (classes.length <= 1) {
      int kEff = Math.max(0, Math.min(options.k(), n - 1));
      int[] identity = new int[n];
      Arrays.setAll(identity, i -> i);
      return new LabelErrorsResult(new float[n], identity, List.of(), kEff);
    }
    int[][] members = new int[classes.length][];
    int[] count = new int[classes.length];
    int[] position = new int[n];
    for (int i = 0; i < n; i++) {
      position[i] = Arrays.binarySearch(classes, labels[i]);
      count[position[i]]++;
    }
    int minCount = Integer.MAX_VALUE;
    long smallest = classes[0];
    for (int p = 0; p < classes.length; p++) {
      members[p] = new int[count[p]];
      if (count[p] < minCount) {
        minCount = count[p];
        smallest = classes[p];
      }
    }
    int kEff = Math.min(options.k(), minCount - 1);
    if (kEff < 1) {
      throw new IllegalArgumentException(
          "every class must have at least 2 samples (k is capped at the smallest class size - 1),"
              + " got class "
              + smallest
              + " with "
              + minCount);
    }
    int[] fill = new int[classes.length];
    for (int i = 0; i < n; i++) {
      members[position[i]][fill[position[i]]++] = i;
    }
    float[] scores = new float[n];
    long[] nbrLabels = new long[Math.multiplyExact(n, kEff)];
    // Extra-class neighbours of every sample at once: one symmetric join over the cross-class
    // pairs, ties by position in the other classes concatenated in class order (§4.2).
    // (Two or more classes here, each with more than kEff samples, so every sample has enough.)
    KnnGraph extra = Neighbors.otherClassKnn(x, position, kEff, exec);
    for (int p = 0; p < classes.length; p++) {
      int[] own = members[p];
      KnnGraph intra = Neighbors.selfKnn(x.select(own), kEff, exec);
      for (int r = 0; r < own.length; r++) {
        int i = own[r];
        for (int t = 0; t < kEff; t++) {
          nbrLabels[i * kEff + t] = labels[extra.neighbor(i, t)];
        }
        float intraMean = Float32Stats.mean(intra.distances(), r * kEff, kEff);
        float extraMean = Float32Stats.mean(extra.distances(), i * kEff, kEff);
        scores[i] = intraMean / extraMean;
      }
    }
    int[] rank = descendingRank(scores);
    List<LabelError> errors = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      if (scores[i] >= 1.0f) {
        errors.add(new LabelError(i, labels[i], suggest(nbrLabels, i * kEff, kEff)));
      }
    }
    return new LabelErrorsResult(scores, rank, errors, kEff);
  }

  /**
   * Integer labels from floating-point values (for labels read as floats).
   *
   * @throws IllegalArgumentException if a value is NaN, infinite or not an integer
   */
  public static long[] integerLabels(double[] values) {
    long[] out = new long[values.length];
    for (int i = 0; i < values.length; i++) {
      double v = values[i];
      if (!(Double.isFinite(v) && v == Math.rint(v) && Math.abs(v) < 0x1p62)) {
        throw new IllegalArgumentException("labels must be integers, got " + v + " at index " + i);
      }
      out[i] = (long) v;
    }
    return out;
  }

  /** Indices by score descending, ties by ascending index, NaN last. */
  static int[] descendingRank(float[] scores) {
    int n = scores.length;
    double[] keys = new double[n];
    int[] ids = new int[n];
    for (int i = 0; i < n; i++) {
      keys[i] = Float.isNaN(scores[i]) ? Double.POSITIVE_INFINITY : -(double) scores[i];
      ids[i] = i;
    }
    // +Infinity keys (NaN scores) sort after every real score; ids break the ties.
    Sorts.byKeyThenId(keys, ids, n);
    return ids;
  }

  /**
   * Suggested labels from the K nearest extra-class neighbours' labels {@code nbr[off, off + K)}
   * ({@code evaluators.md} §4.4): rank weights {@code ceil((K - j) / 3)}, confidence = weight share
   * per label; the top label if its confidence is {@code >= 0.4}, plus the runner-up when the gap
   * is below 0.2. Equal confidences rank the higher label first.
   */
  static long[] suggest(long[] nbr, int off, int k) {
    long[] lab = new long[k];
    double[] weight = new double[k];
    int distinct = 0;
    double total = 0;
    for (int j = 0; j < k; j++) {
      int w = (k - j + 2) / 3;
      total += w;
      long c = nbr[off + j];
      int at = -1;
      for (int t = 0; t < distinct; t++) {
        if (lab[t] == c) {
          at = t;
          break;
        }
      }
      if (at < 0) {
        at = distinct++;
        lab[at] = c;
      }
      weight[at] += w;
    }
    // Top two by (confidence, label) descending. Labels absent from the neighbours have
    // confidence 0 and can only be the runner-up when the gap is >= 0.4 > 0.2, so they never show.
    int top1 = -1;
    int top2 = -1;
    for (int t = 0; t < distinct; t++) {
      if (top1 < 0 || greater(weight[t], lab[t], weight[top1], lab[top1])) {
        top2 = top1;
        top1 = t;
      } else if (top2 < 0 || greater(weight[t], lab[t], weight[top2], lab[top2])) {
        top2 = t;
      }
    }
    double conf1 = weight[top1] / total;
    if (conf1 < MIN_CONFIDENCE) {
      return new long[0];
    }
    double conf2 = top2 < 0 ? 0.0 : weight[top2] / total;
    if (top2 >= 0 && conf1 - conf2 < AMBIGUITY) {
      return new long[] {lab[top1], lab[top2]};
    }
    return new long[] {lab[top1]};
  }

  private static boolean greater(double wa, long la, double wb, long lb) {
    return wa > wb || (wa == wb && la > lb);
  }
}
