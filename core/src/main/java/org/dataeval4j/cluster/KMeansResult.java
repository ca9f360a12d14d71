package org.dataeval4j.cluster;

/**
 * The outcome of a k-means run. The arrays are shared, not copied: callers must not modify them.
 *
 * @param labels (n) the cluster of every sample, in {@code [0, k)}; a label value may be unused if
 *     a cluster ended empty (possible only when there are fewer distinct samples than clusters)
 * @param centers (k x d, row-major: centre c, feature j at {@code c * d + j}) the cluster centres,
 *     in the space of the input (data space, not mean-centred)
 * @param inertia the sum over samples of the squared Euclidean distance to the own centre
 * @param iterations the number of Lloyd iterations of the kept run (scikit-learn's {@code n_iter_})
 */
public record KMeansResult(int[] labels, double[] centers, double inertia, int iterations) {}
