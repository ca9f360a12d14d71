package org.dataeval4j.cluster;

/**
 * PLACEHOLDER (evaluators branch): the KMeans result record as agreed with the KMeans helper; the
 * real file replaces this one on merge.
 *
 * @param labels the cluster of each sample (n)
 * @param centers the centres, k x d row-major
 * @param inertia the sum of squared distances to the own centre
 * @param iterations the number of Lloyd iterations of the kept run
 */
public record KMeansResult(int[] labels, double[] centers, double inertia, int iterations) {}
