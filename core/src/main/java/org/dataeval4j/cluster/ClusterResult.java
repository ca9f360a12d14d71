package org.dataeval4j.cluster;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.dataeval4j.neighbors.KnnGraph;
import org.jspecify.annotations.Nullable;

/**
 * What {@code cluster()} returns ({@code cluster.md} §1.1). Arrays are flat and row-major and are
 * shared, not copied: do not modify them.
 *
 * <ul>
 *   <li>{@code clusters} (n): the final label of each sample, 0-based, never -1: HDBSCAN's noise is
 *       moved to the nearest cluster centre (the seed's rule, §9).
 *   <li>{@code rawLabels} (n): the labels before that reassignment, -1 for noise, exactly what
 *       DataEval's {@code cluster()} returns; equal to {@code clusters} for KMeans. The evaluators
 *       read these (divergences.md, Decision 2).
 *   <li>{@code mst} ((n-1) x 3): spanning-tree edges {@code [a, b, weight]} sorted by weight (§4).
 *   <li>{@code linkageTree} ((n-1) x 4): single-linkage merges {@code [larger id, smaller id,
 *       height, size]} (§5).
 *   <li>{@code membershipStrengths} (n): HDBSCAN §8.4 (0 for noise), KMeans §10.4.
 *   <li>{@code knn}: the k = min(25, n - 1) nearest other samples and their distances (§3).
 * </ul>
 *
 * <p>KMeans results also carry the centres (k x d, in the space that was clustered) and the
 * inertia; HDBSCAN results carry the min_cluster_size and max_cluster_size that were used.
 */
public final class ClusterResult {
  private final Algorithm algorithm;
  private final int[] clusters;
  private final int[] rawLabels;
  private final float[] mst;
  private final float[] linkageTree;
  private final float[] membershipStrengths;
  private final KnnGraph knn;
  private final int minClusterSize;
  private final double maxClusterSize;
  private final double @Nullable [] centers;
  private final double inertia;
  private final int nClusters;
  private final Map<String, Double> stageSeconds;

  ClusterResult(
      Algorithm algorithm,
      int[] clusters,
      int[] rawLabels,
      float[] mst,
      float[] linkageTree,
      float[] membershipStrengths,
      KnnGraph knn,
      int minClusterSize,
      double maxClusterSize,
      double @Nullable [] centers,
      double inertia,
      int nClusters,
      Map<String, Double> stageSeconds) {
    this.algorithm = algorithm;
    this.clusters = clusters;
    this.rawLabels = rawLabels;
    this.mst = mst;
    this.linkageTree = linkageTree;
    this.membershipStrengths = membershipStrengths;
    this.knn = knn;
    this.minClusterSize = minClusterSize;
    this.maxClusterSize = maxClusterSize;
    this.centers = centers;
    this.inertia = inertia;
    this.nClusters = nClusters;
    this.stageSeconds = Collections.unmodifiableMap(new LinkedHashMap<>(stageSeconds));
  }

  /**
   * A result computed elsewhere (for instance DataEval's output files), for the evaluators. The
   * linkage tree may be empty; membership strengths are taken as zeros when {@code null}.
   *
   * @param rawLabels labels with -1 for noise (n)
   * @param clusters final labels (n), or {@code null} to take {@code rawLabels}
   * @param mst (n-1) x 3 spanning-tree edges sorted by weight
   * @param knn the k nearest neighbours of every sample
   * @throws IllegalArgumentException if the shapes do not agree
   */
  public static ClusterResult precomputed(
      Algorithm algorithm,
      int[] rawLabels,
      int @Nullable [] clusters,
      float[] mst,
      float @Nullable [] membershipStrengths,
      KnnGraph knn) {
    int n = rawLabels.length;
    int[] finalLabels = clusters == null ? rawLabels : clusters;
    if (finalLabels.length != n) {
      throw new IllegalArgumentException(
          "clusters must have " + n + " entries like the raw labels, got " + finalLabels.length);
    }
    if (mst.length != 3L * Math.max(0, n - 1)) {
      throw new IllegalArgumentException(
          "mst must have (n - 1) x 3 = " + 3L * Math.max(0, n - 1) + " entries, got " + mst.length);
    }
    if (knn.size() != n) {
      throw new IllegalArgumentException(
          "k-NN graph must have " + n + " rows like the labels, got " + knn.size());
    }
    float[] membership = membershipStrengths == null ? new float[n] : membershipStrengths;
    if (membership.length != n) {
      throw new IllegalArgumentException(
          "membership strengths must have " + n + " entries, got " + membership.length);
    }
    return new ClusterResult(
        algorithm,
        finalLabels,
        rawLabels,
        mst,
        new float[0],
        membership,
        knn,
        0,
        Double.POSITIVE_INFINITY,
        null,
        Double.NaN,
        0,
        Map.of());
  }

  /** The algorithm that produced this result. */
  public Algorithm algorithm() {
    return algorithm;
  }

  /** The number of samples. */
  public int size() {
    return clusters.length;
  }

  /** Final labels (n), never -1. */
  public int[] clusters() {
    return clusters;
  }

  /** Labels before noise reassignment (n), -1 = noise; what DataEval returns. */
  public int[] rawLabels() {
    return rawLabels;
  }

  /** Spanning-tree edges, (n-1) x 3 row-major {@code [a, b, weight]}, sorted by weight. */
  public float[] mst() {
    return mst;
  }

  /** Single-linkage merges, (n-1) x 4 row-major {@code [larger id, smaller id, height, size]}. */
  public float[] linkageTree() {
    return linkageTree;
  }

  /** Membership strengths (n), in [0, 1]. */
  public float[] membershipStrengths() {
    return membershipStrengths;
  }

  /** The k nearest neighbours of every sample, k = min(25, n - 1). */
  public KnnGraph knn() {
    return knn;
  }

  /** The number of distinct labels in {@link #clusters()}. */
  public int clusterCount() {
    int max = -1;
    for (int c : clusters) {
      max = Math.max(max, c);
    }
    boolean[] seen = new boolean[max + 1];
    int count = 0;
    for (int c : clusters) {
      if (!seen[c]) {
        seen[c] = true;
        count++;
      }
    }
    return count;
  }

  /** The number of samples HDBSCAN called noise (raw label -1); 0 for KMeans. */
  public int noiseCount() {
    int count = 0;
    for (int c : rawLabels) {
      if (c < 0) {
        count++;
      }
    }
    return count;
  }

  /** HDBSCAN: the min_cluster_size used (§6.1); KMeans: 0. */
  public int minClusterSize() {
    return minClusterSize;
  }

  /** HDBSCAN: the max_cluster_size used (§6.2), +Infinity when unbounded; KMeans: +Infinity. */
  public double maxClusterSize() {
    return maxClusterSize;
  }

  /** KMeans: the number of clusters asked for; HDBSCAN: the hint given, or 0 when none. */
  public int nClusters() {
    return nClusters;
  }

  /** KMeans centres, k x d row-major in the clustered space; {@code null} for HDBSCAN. */
  public double @Nullable [] centers() {
    return centers;
  }

  /** KMeans inertia (sum of squared distances to the own centre); NaN for HDBSCAN. */
  public double inertia() {
    return inertia;
  }

  /** Wall-clock seconds per stage ("knn", "mst", ...), in the order the stages ran. */
  public Map<String, Double> stageSeconds() {
    return stageSeconds;
  }
}
