package org.dataeval4j.evaluate;

import java.lang.System.Logger.Level;
import java.util.Arrays;
import org.dataeval4j.data.Embeddings;

/**
 * Per-cluster distance statistics ({@code cluster.md} §11; DataEval's {@code
 * compute_cluster_stats}): the centre of every non-noise cluster, each sample's assigned centre and
 * its distance to it, and the mean and population standard deviation of those distances per centre.
 *
 * <p>Layouts: m = number of distinct labels {@code >= 0}; {@code centers} is m x d row-major,
 * centre j belonging to label {@code clusterIds[j]} (ascending). {@code nearestClusterIdx} and
 * {@code distances} have one entry per sample; {@code nearestClusterIdx[i]} is a centre
 * <em>position</em> 0..m-1, which equals the label for the contiguous labels 0..m-1 that {@code
 * cluster()} produces (the spec leaves non-contiguous labels open; DataEval mis-indexes them; we
 * map values to positions). {@code means}/{@code stds} have m entries, indexed by centre position;
 * a centre that no sample is assigned to (possible after reassignment) has NaN for both (DataEval
 * would shorten the arrays instead). Means and deviations are computed in float32 as numpy does
 * ({@code evaluators.md} Appendix N).
 *
 * <p>Arrays are shared, not copied: do not modify them.
 */
public final class ClusterStats {
  private static final System.Logger LOG = System.getLogger(ClusterStats.class.getName());

  private final int[] clusterIds;
  private final double[] centers;
  private final int dim;
  private final float[] means;
  private final float[] stds;
  private final float[] distances;
  private final int[] nearestClusterIdx;

  private ClusterStats(
      int[] clusterIds,
      double[] centers,
      int dim,
      float[] means,
      float[] stds,
      float[] distances,
      int[] nearestClusterIdx) {
    this.clusterIds = clusterIds;
    this.centers = centers;
    this.dim = dim;
    this.means = means;
    this.stds = stds;
    this.distances = distances;
    this.nearestClusterIdx = nearestClusterIdx;
  }

  /**
   * Computes the statistics ({@code cluster.md} §11).
   *
   * <ol>
   *   <li>Centres: the mean of the samples of each label {@code >= 0} (ascending labels), in
   *       float32 for float32 input as numpy does, else in double (see {@link #centres}).
   *   <li>Assignment: if any label is -1, or {@code assignAllToNearest}, every sample goes to the
   *       centre at the smallest double distance (ties to the lowest position); otherwise each
   *       sample keeps its own label's centre. Centres are not recomputed.
   *   <li>{@code distances[i] = (float) dist(x_i, centre)}; mean and std per centre in float32.
   * </ol>
   *
   * With no label {@code >= 0}: no centres, distances +Infinity, assignments -1 (logged).
   *
   * <p>O(n m d) time with reassignment, O(n d) without; O(n + m d) memory.
   *
   * @param labels one label per sample, -1 = noise, others {@code >= 0}
   * @param assignAllToNearest false = DataEval's behaviour; true = always the nearest centre (the
   *     seed's reading, used by Outliers by default)
   * @throws IllegalArgumentException if the lengths differ or a label is below -1
   */
  public static ClusterStats computeClusterStats(
      Embeddings x, int[] labels, boolean assignAllToNearest) {
    return computeClusterStats(x, labels, assignAllToNearest, x.isFloat32Exact());
  }

  /**
   * As {@link #computeClusterStats(Embeddings, int[], boolean)}, with the centre precision chosen
   * explicitly: {@code float32Centres} mirrors numpy on float32 input, false on float64 input.
   */
  static ClusterStats computeClusterStats(
      Embeddings x, int[] labels, boolean assignAllToNearest, boolean float32Centres) {
    int n = x.size();
    int d = x.dim();
    if (labels.length != n) {
      throw new IllegalArgumentException(
          "labels must have one entry per sample (" + n + "), got " + labels.length);
    }
    boolean anyNoise = false;
    int maxLabel = -1;
    for (int i = 0; i < n; i++) {
      int c = labels[i];
      if (c < -1) {
        throw new IllegalArgumentException(
            "labels must be >= -1 (-1 = noise), got " + c + " at index " + i);
      }
      anyNoise |= c == -1;
      maxLabel = Math.max(maxLabel, c);
    }
    int[] ids = distinctNonNegative(labels, maxLabel);
    int m = ids.length;
    if (m == 0) {
      LOG.log(Level.WARNING, "No valid clusters found, returning empty statistics");
      float[] dist = new float[n];
      Arrays.fill(dist, Float.POSITIVE_INFINITY);
      int[] nearest = new int[n];
      Arrays.fill(nearest, -1);
      return new ClusterStats(
          new int[0], new double[0], d, new float[0], new float[0], dist, nearest);
    }
    int[] position = new int[maxLabel + 1];
    Arrays.fill(position, -1);
    for (int j = 0; j < m; j++) {
      position[ids[j]] = j;
    }
    double[] centers = centres(x, labels, position, m, float32Centres);
    int[] assigned = new int[n];
    float[] dist = new float[n];
    boolean reassign = anyNoise || assignAllToNearest;
    for (int i = 0; i < n; i++) {
      if (reassign) {
        int best = nearestCentre(x, i, centers, m);
        assigned[i] = best;
        dist[i] = (float) distanceToCentre(x, i, centers, best);
      } else {
        assigned[i] = position[labels[i]];
        dist[i] = (float) distanceToCentre(x, i, centers, assigned[i]);
      }
    }
    float[] means = new float[m];
    float[] stds = new float[m];
    groupStats(dist, assigned, m, means, stds);
    return new ClusterStats(ids, centers, d, means, stds, dist, assigned);
  }

  /** Sorted distinct labels {@code >= 0}. */
  static int[] distinctNonNegative(int[] labels, int maxLabel) {
    boolean[] seen = new boolean[maxLabel + 1];
    int m = 0;
    for (int c : labels) {
      if (c >= 0 && !seen[c]) {
        seen[c] = true;
        m++;
      }
    }
    int[] ids = new int[m];
    for (int c = 0, j = 0; c <= maxLabel; c++) {
      if (seen[c]) {
        ids[j++] = c;
      }
    }
    return ids;
  }

  /**
   * The mean of the members of each position ({@code position[label]}), m x d. For float32 input
   * ({@link Embeddings#isFloat32Exact()}) the sums are accumulated in float, row by row, and
   * divided in float, exactly as numpy's {@code mean(axis=0)} does on DataEval's float32 arrays
   * (the reference data shows several-ULP distance differences otherwise; divergences.md Decision
   * 6); otherwise in double.
   */
  static double[] centres(Embeddings x, int[] labels, int[] position, int m) {
    return centres(x, labels, position, m, x.isFloat32Exact());
  }

  static double[] centres(
      Embeddings x, int[] labels, int[] position, int m, boolean float32Centres) {
    int d = x.dim();
    double[] v = x.flat();
    int[] counts = new int[m];
    for (int c : labels) {
      if (c >= 0) {
        counts[position[c]]++;
      }
    }
    double[] out = new double[m * d];
    if (float32Centres) {
      float[] sums = new float[m * d];
      for (int i = 0; i < labels.length; i++) {
        if (labels[i] >= 0) {
          int j = position[labels[i]];
          for (int t = 0; t < d; t++) {
            sums[j * d + t] += (float) v[i * d + t];
          }
        }
      }
      for (int j = 0; j < m; j++) {
        for (int t = 0; t < d; t++) {
          out[j * d + t] = sums[j * d + t] / (float) counts[j];
        }
      }
      return out;
    }
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] >= 0) {
        int j = position[labels[i]];
        for (int t = 0; t < d; t++) {
          out[j * d + t] += v[i * d + t];
        }
      }
    }
    for (int j = 0; j < m; j++) {
      for (int t = 0; t < d; t++) {
        out[j * d + t] /= counts[j];
      }
    }
    return out;
  }

  /** The position of the centre nearest to sample i (double distance, ties to the lowest). */
  static int nearestCentre(Embeddings x, int i, double[] centers, int m) {
    int best = 0;
    double bestSq = Double.POSITIVE_INFINITY;
    for (int j = 0; j < m; j++) {
      double sq = squaredDistanceToCentre(x, i, centers, j);
      if (sq < bestSq) {
        bestSq = sq;
        best = j;
      }
    }
    return best;
  }

  static double squaredDistanceToCentre(Embeddings x, int i, double[] centers, int j) {
    int d = x.dim();
    double[] v = x.flat();
    double s = 0;
    for (int t = 0; t < d; t++) {
      double diff = v[i * d + t] - centers[j * d + t];
      s += diff * diff;
    }
    return s;
  }

  static double distanceToCentre(Embeddings x, int i, double[] centers, int j) {
    return Math.sqrt(squaredDistanceToCentre(x, i, centers, j));
  }

  /** Float32 mean and std of the distances of each group's members (index order). */
  static void groupStats(float[] dist, int[] assigned, int m, float[] means, float[] stds) {
    int n = dist.length;
    int[] start = new int[m + 1];
    for (int a : assigned) {
      start[a + 1]++;
    }
    for (int j = 0; j < m; j++) {
      start[j + 1] += start[j];
    }
    float[] grouped = new float[n];
    int[] fill = Arrays.copyOf(start, m);
    for (int i = 0; i < n; i++) {
      grouped[fill[assigned[i]]++] = dist[i];
    }
    for (int j = 0; j < m; j++) {
      int len = start[j + 1] - start[j];
      if (len == 0) {
        means[j] = Float.NaN;
        stds[j] = Float.NaN;
        continue;
      }
      means[j] = Float32Stats.mean(grouped, start[j], len);
      stds[j] = Float32Stats.std(grouped, start[j], len, means[j]);
    }
  }

  /** The number of centres m. */
  public int clusterCount() {
    return clusterIds.length;
  }

  /** The label of each centre, ascending (m). */
  public int[] clusterIds() {
    return clusterIds;
  }

  /** The centres, m x d row-major (double). */
  public double[] centers() {
    return centers;
  }

  /** The dimension d of the centres. */
  public int dim() {
    return dim;
  }

  /** Mean distance of each centre's assigned samples (m, float32 values; NaN if none). */
  public float[] means() {
    return means;
  }

  /** Population standard deviation of those distances (m, float32 values; NaN if none). */
  public float[] stds() {
    return stds;
  }

  /** Each sample's distance to its assigned centre (n, float32; +Infinity without centres). */
  public float[] distances() {
    return distances;
  }

  /** Each sample's assigned centre position (n; -1 without centres). */
  public int[] nearestClusterIdx() {
    return nearestClusterIdx;
  }
}
