package org.dataeval4j.cluster;

import org.jspecify.annotations.Nullable;

/**
 * Options of {@code cluster()}. A {@code null} count takes its default; a count {@code <= 0} is an
 * error (divergences.md, Decision 9).
 *
 * @param algorithm HDBSCAN (default) or KMEANS
 * @param nClusters HDBSCAN: the expected number of clusters, which sets min_cluster_size to {@code
 *     max(5, n / (3 nClusters))}; KMeans: the number of clusters (default {@code floor(sqrt(n))})
 * @param maxClusterSize HDBSCAN only: clusters larger than this are split; {@code null} or a value
 *     {@code <= min_cluster_size} means unbounded
 * @param nInit KMeans only: the number of k-means++ restarts, keeping the lowest inertia; {@code
 *     null} = "auto" = 1
 * @param seed the seed of every random draw (KMeans); the same seed gives the same result
 */
public record ClusterOptions(
    Algorithm algorithm,
    @Nullable Integer nClusters,
    @Nullable Integer maxClusterSize,
    @Nullable Integer nInit,
    long seed) {

  /** Validates the counts. */
  public ClusterOptions {
    if (nClusters != null && nClusters <= 0) {
      throw new IllegalArgumentException("n_clusters must be >= 1, got " + nClusters);
    }
    if (maxClusterSize != null && maxClusterSize <= 0) {
      throw new IllegalArgumentException("max_cluster_size must be >= 1, got " + maxClusterSize);
    }
    if (nInit != null && nInit <= 0) {
      throw new IllegalArgumentException("n_init must be >= 1 (or auto), got " + nInit);
    }
  }

  /** HDBSCAN with every default, seed 0. */
  public static ClusterOptions defaults() {
    return new ClusterOptions(Algorithm.HDBSCAN, null, null, null, 0L);
  }

  /** KMeans with the default number of clusters, one k-means++ run, seed 0. */
  public static ClusterOptions kmeans() {
    return defaults().withAlgorithm(Algorithm.KMEANS);
  }

  public ClusterOptions withAlgorithm(Algorithm value) {
    return new ClusterOptions(value, nClusters, maxClusterSize, nInit, seed);
  }

  public ClusterOptions withNClusters(@Nullable Integer value) {
    return new ClusterOptions(algorithm, value, maxClusterSize, nInit, seed);
  }

  public ClusterOptions withMaxClusterSize(@Nullable Integer value) {
    return new ClusterOptions(algorithm, nClusters, value, nInit, seed);
  }

  public ClusterOptions withNInit(@Nullable Integer value) {
    return new ClusterOptions(algorithm, nClusters, maxClusterSize, value, seed);
  }

  public ClusterOptions withSeed(long value) {
    return new ClusterOptions(algorithm, nClusters, maxClusterSize, nInit, value);
  }
}
