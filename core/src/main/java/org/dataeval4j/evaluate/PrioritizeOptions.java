package org.dataeval4j.evaluate;

import org.jspecify.annotations.Nullable;

/**
 * Options of {@link Prioritize} ({@code evaluators.md} §5.1). Counts that are {@code null} take
 * their default; a count {@code <= 0} is an error (divergences.md Decision 9).
 *
 * @param method the scoring method; default {@link PrioritizeMethod#KNN}
 * @param k knn: the neighbour rank; {@code null} = floor(sqrt(n))
 * @param c kmeans_*: the number of clusters ({@code null} = floor(sqrt(n))); hdbscan_*: the
 *     expected number of clusters ({@code null} = default min cluster size)
 * @param nInit kmeans_*: k-means++ restarts, {@code null} = auto
 * @param maxClusterSize hdbscan_*: HDBSCAN's max cluster size, {@code null} = unbounded
 * @param order easy-first (default) or hard-first
 * @param policy difficulty (default), stratified or class-balanced
 * @param numBins stratified: the number of score bins, {@code >= 1}, default 50
 * @param seed the seed of KMeans and of the complexity sampling (divergences.md Decision 5),
 *     default 0
 */
public record PrioritizeOptions(
    PrioritizeMethod method,
    @Nullable Integer k,
    @Nullable Integer c,
    @Nullable Integer nInit,
    @Nullable Integer maxClusterSize,
    PrioritizeOptions.Order order,
    PrioritizeOptions.Policy policy,
    int numBins,
    long seed) {

  /** The default number of stratified bins. */
  public static final int DEFAULT_BINS = 50;

  /** Which end of the ranking comes first. */
  public enum Order {
    /** Most typical (lowest score) first. */
    EASY_FIRST,
    /** The reverse. */
    HARD_FIRST
  }

  /** How the ranking is rearranged (§5.7). */
  public enum Policy {
    /** The ranking as scored. */
    DIFFICULTY,
    /** Round robin over score bins (needs scores). */
    STRATIFIED,
    /** Round robin over classes (needs class labels). */
    CLASS_BALANCED
  }

  /** Validates the counts. */
  public PrioritizeOptions {
    if (k != null && k <= 0) {
      throw new IllegalArgumentException("k must be >= 1, got " + k);
    }
    if (c != null && c <= 0) {
      throw new IllegalArgumentException("c must be >= 1, got " + c);
    }
    if (nInit != null && nInit <= 0) {
      throw new IllegalArgumentException("n_init must be >= 1 (or auto), got " + nInit);
    }
    if (maxClusterSize != null && maxClusterSize <= 0) {
      throw new IllegalArgumentException("max_cluster_size must be >= 1, got " + maxClusterSize);
    }
    if (numBins < 1) {
      throw new IllegalArgumentException("numBins must be >= 1, got " + numBins);
    }
  }

  /** The given method with every default: easy first, difficulty, 50 bins, seed 0. */
  public static PrioritizeOptions of(PrioritizeMethod method) {
    return new PrioritizeOptions(
        method, null, null, null, null, Order.EASY_FIRST, Policy.DIFFICULTY, DEFAULT_BINS, 0L);
  }

  public PrioritizeOptions withK(@Nullable Integer value) {
    return new PrioritizeOptions(
        method, value, c, nInit, maxClusterSize, order, policy, numBins, seed);
  }

  public PrioritizeOptions withC(@Nullable Integer value) {
    return new PrioritizeOptions(
        method, k, value, nInit, maxClusterSize, order, policy, numBins, seed);
  }

  public PrioritizeOptions withNInit(@Nullable Integer value) {
    return new PrioritizeOptions(method, k, c, value, maxClusterSize, order, policy, numBins, seed);
  }

  public PrioritizeOptions withMaxClusterSize(@Nullable Integer value) {
    return new PrioritizeOptions(method, k, c, nInit, value, order, policy, numBins, seed);
  }

  public PrioritizeOptions withOrder(Order value) {
    return new PrioritizeOptions(method, k, c, nInit, maxClusterSize, value, policy, numBins, seed);
  }

  public PrioritizeOptions withPolicy(Policy value) {
    return new PrioritizeOptions(method, k, c, nInit, maxClusterSize, order, value, numBins, seed);
  }

  public PrioritizeOptions withNumBins(int value) {
    return new PrioritizeOptions(method, k, c, nInit, maxClusterSize, order, policy, value, seed);
  }

  public PrioritizeOptions withSeed(long value) {
    return new PrioritizeOptions(
        method, k, c, nInit, maxClusterSize, order, policy, numBins, value);
  }
}
