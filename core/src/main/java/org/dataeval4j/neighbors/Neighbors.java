package org.dataeval4j.neighbors;

import org.dataeval4j.data.Embeddings;
import org.dataeval4j.exec.Exec;
import org.dataeval4j.exec.Progress;
import org.jspecify.annotations.Nullable;

/**
 * Exact k-nearest-neighbour search by Euclidean distance ({@code cluster.md} §3 and §12.1;
 * DataEval's {@code compute_neighbor_distances}, scikit-learn's brute-force {@code
 * NearestNeighbors}).
 *
 * <p>Distances are {@code sqrt(sum_j (a_j - b_j)^2)} computed in double and rounded to float32.
 * Neighbours are ordered by (double distance, index), ascending. The search never builds an n x n
 * matrix: memory is O(n k) plus fixed-size blocks; work is O(n_query n_fit d), spread over the
 * threads of the given {@link Exec}, with results independent of the thread count.
 */
public final class Neighbors {
  private Neighbors() {}

  /**
   * The k nearest other samples of every sample, self excluded as scikit-learn does: of the k + 1
   * nearest (self included, ties by index), the sample itself is dropped, or the first entry when
   * more than k exact duplicates with lower indices push it out ({@code cluster.md} §3).
   *
   * @param k between 1 and n - 1
   */
  public static KnnGraph selfKnn(Embeddings x, int k, Exec exec) {
    int n = x.size();
    if (k < 1 || k > n - 1) {
      throw new IllegalArgumentException(
          "k must be between 1 and n - 1 = " + (n - 1) + ", got " + k);
    }
    return KnnSearch.search(x, x, k, true, exec);
  }

  /**
   * For every row of {@code query}, its k nearest rows of {@code fit} (no exclusion), ties by index
   * in {@code fit}.
   *
   * @param k between 1 and the number of rows of {@code fit}
   */
  public static KnnGraph search(Embeddings fit, Embeddings query, int k, Exec exec) {
    if (fit.dim() != query.dim()) {
      throw new IllegalArgumentException(
          "query must have the dimension of fit, d = " + fit.dim() + ", got " + query.dim());
    }
    if (k < 1 || k > fit.size()) {
      throw new IllegalArgumentException(
          "k must be between 1 and the fit size " + fit.size() + ", got " + k);
    }
    return KnnSearch.search(fit, query, k, false, exec);
  }

  /**
   * DataEval's {@code compute_neighbor_distances(fit, query, k)} ({@code cluster.md} §12.1): the
   * effective k is {@code min(k, nFit - 1)} (minus one even with a separate query set); with no
   * query set, a self search ({@link #selfKnn}); otherwise {@link #search}.
   *
   * @throws IllegalArgumentException if the effective k is below 1
   */
  public static KnnGraph computeNeighborDistances(
      Embeddings fit, @Nullable Embeddings query, int k, Exec exec) {
    int effective = Math.min(k, fit.size() - 1);
    if (effective < 1) {
      throw new IllegalArgumentException(
          "k must be >= 1 after capping at n_fit - 1 = " + (fit.size() - 1) + ", got " + effective);
    }
    return query == null ? selfKnn(fit, effective, exec) : search(fit, query, effective, exec);
  }

  /**
   * DataEval's {@code compute_neighbors(fit, query, k)} ({@code cluster.md} §12.2): the indices of
   * {@link #computeNeighborDistances}, without the distances. Always n_query x k (never squeezed).
   *
   * @throws IllegalArgumentException "k must be >= 1" for k below 1
   */
  public static int[][] computeNeighbors(
      Embeddings fit, @Nullable Embeddings query, int k, Exec exec) {
    if (k < 1) {
      throw new IllegalArgumentException("k must be >= 1, got " + k);
    }
    KnnGraph g = computeNeighborDistances(fit, query, k, exec);
    int[][] out = new int[g.size()][];
    for (int i = 0; i < out.length; i++) {
      out[i] = java.util.Arrays.copyOfRange(g.indices(), i * g.k(), (i + 1) * g.k());
    }
    return out;
  }

  /**
   * For every sample, its k nearest samples of <b>other</b> classes, ties by (class, index): the
   * extra-class neighbours of label errors ({@code evaluators.md} §4.2, where the searched rows are
   * the other classes concatenated in ascending class order). Each cross-class pair is screened
   * once, by a symmetric join; results equal a per-class brute-force search.
   *
   * @param classes one class per sample (any int values)
   * @throws IllegalArgumentException if the lengths differ, k is below 1, or some class has fewer
   *     than k samples outside it
   */
  public static KnnGraph otherClassKnn(Embeddings x, int[] classes, int k, Exec exec) {
    int n = x.size();
    if (classes.length != n) {
      throw new IllegalArgumentException(
          "classes must have one entry per sample, " + n + ", got " + classes.length);
    }
    if (k < 1) {
      throw new IllegalArgumentException("k must be >= 1, got " + k);
    }
    int[] sorted = classes.clone();
    java.util.Arrays.sort(sorted);
    for (int i = 0; i < n; ) {
      int j = i;
      while (j < n && sorted[j] == sorted[i]) {
        j++;
      }
      if (n - (j - i) < k) {
        throw new IllegalArgumentException(
            "every class needs at least k = "
                + k
                + " samples outside it; class "
                + sorted[i]
                + " has "
                + (n - (j - i)));
      }
      i = j;
    }
    KnnGraph joined = KnnSearch.otherClass(x, classes, k, exec, Progress.NONE);
    return joined != null ? joined : otherClassPerClass(x, classes, sorted, k, exec);
  }

  /** The same search class by class, each class against the others (the join's fallback). */
  private static KnnGraph otherClassPerClass(
      Embeddings x, int[] classes, int[] sortedClasses, int k, Exec exec) {
    int n = x.size();
    int[] byClass = new int[n];
    double[] key = new double[n];
    for (int i = 0; i < n; i++) {
      byClass[i] = i;
      key[i] = classes[i];
    }
    org.dataeval4j.exec.Sorts.byKeyThenId(key, byClass, n);
    int[] outIdx = new int[Math.multiplyExact(n, k)];
    float[] outDist = new float[n * k];
    for (int start = 0; start < n; ) {
      int end = start;
      while (end < n && classes[byClass[end]] == classes[byClass[start]]) {
        end++;
      }
      int[] own = java.util.Arrays.copyOfRange(byClass, start, end);
      int[] others = new int[n - own.length];
      System.arraycopy(byClass, 0, others, 0, start);
      System.arraycopy(byClass, end, others, start, n - end);
      KnnGraph g = search(x.select(others), x.select(own), k, exec);
      for (int r = 0; r < own.length; r++) {
        for (int t = 0; t < k; t++) {
          outIdx[own[r] * k + t] = others[g.neighbor(r, t)];
          outDist[own[r] * k + t] = g.distance(r, t);
        }
      }
      start = end;
    }
    assert sortedClasses.length == n;
    return new KnnGraph(n, k, outIdx, outDist);
  }

  /**
   * Whether rows of {@code dim} values can be screened in float32 with the error bound of the k-NN
   * search ({@code KnnSearch}): squares and products of the values stay normal, finite floats. Also
   * the condition of k-means++'s screen, which uses the same bound.
   */
  public static boolean screenableInFloat32(double[] values, int dim) {
    double max = 0;
    double minNonZero = Double.POSITIVE_INFINITY;
    for (double v : values) {
      double a = Math.abs(v);
      max = Math.max(max, a);
      if (a > 0) {
        minNonZero = Math.min(minNonZero, a);
      }
    }
    double limit = Math.sqrt(Float.MAX_VALUE / (4.0 * Math.max(1, dim)));
    return max <= limit && (max == 0 || minNonZero >= 1e-15);
  }

  /** The exact double Euclidean distance between row i of a and row j of b. */
  public static double distance(Embeddings a, int i, Embeddings b, int j) {
    double[] x = a.flat();
    double[] y = b.flat();
    int d = a.dim();
    int oi = i * d;
    int oj = j * d;
    double s = 0;
    for (int t = 0; t < d; t++) {
      double diff = x[oi + t] - y[oj + t];
      s += diff * diff;
    }
    return Math.sqrt(s);
  }
}
