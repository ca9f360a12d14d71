package org.dataeval4j.cluster;

import org.jspecify.annotations.Nullable;

/**
 * Options of {@link KMeans#fit}: the number of clusters, the number of k-means++ restarts and the
 * seed of every random draw ({@code cluster.md} §10; divergences.md, Decisions 5 and 9).
 *
 * @param nClusters the number of clusters k, at least 1 (and less than the number of samples, which
 *     {@link KMeans#fit} checks); {@link #defaultClusters(int)} gives DataEval's default {@code
 *     floor(sqrt(n))}
 * @param nInit the number of k-means++ restarts, keeping the run with the lowest inertia; {@code
 *     null} = "auto" = 1 (scikit-learn's and DataEval's choice for k-means++)
 * @param seed the seed of the random generator ({@code new SplittableRandom(seed)}, split once per
 *     restart); the same seed gives the same result for any thread count
 */
public record KMeansOptions(int nClusters, @Nullable Integer nInit, long seed) {

  /** Validates the counts. */
  public KMeansOptions {
    if (nClusters < 1) {
      throw new IllegalArgumentException("n_clusters must be >= 1, got " + nClusters);
    }
    if (nInit != null && nInit < 1) {
      throw new IllegalArgumentException("n_init must be >= 1 (or null = auto), got " + nInit);
    }
  }

  /** {@code nClusters} clusters, one k-means++ run ("auto"), seed 0. */
  public static KMeansOptions of(int nClusters) {
    return new KMeansOptions(nClusters, null, 0L);
  }

  /**
   * DataEval's default number of clusters for n samples: {@code floor(sqrt(n))} ({@code cluster.md}
   * §10.1 step 2).
   */
  public static int defaultClusters(int n) {
    if (n < 0) {
      throw new IllegalArgumentException("n must be >= 0, got " + n);
    }
    return (int) Math.floor(Math.sqrt(n));
  }

  /** The number of restarts actually run: {@code nInit}, or 1 for "auto". */
  public int restarts() {
    return nInit == null ? 1 : nInit;
  }

  public KMeansOptions withNClusters(int value) {
    return new KMeansOptions(value, nInit, seed);
  }

  public KMeansOptions withNInit(@Nullable Integer value) {
    return new KMeansOptions(nClusters, value, seed);
  }

  public KMeansOptions withSeed(long value) {
    return new KMeansOptions(nClusters, nInit, value);
  }
}
