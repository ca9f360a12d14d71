package org.dataeval4j.cluster;

import org.jspecify.annotations.Nullable;

/**
 * PLACEHOLDER (evaluators branch): the KMeans options record as agreed with the KMeans helper, so
 * that Prioritize compiles; the real file replaces this one on merge.
 *
 * @param nClusters the number of clusters
 * @param nInit the number of k-means++ restarts, {@code null} = auto
 * @param seed the seed of the random draws
 */
public record KMeansOptions(int nClusters, @Nullable Integer nInit, long seed) {}
