/**
 * The {@code cluster()} facade ({@link org.dataeval4j.cluster.Clustering}) with HDBSCAN and KMeans,
 * its options and result, and PCA for high-dimensional embeddings.
 */
@NullMarked
package org.dataeval4j.cluster;

import org.jspecify.annotations.NullMarked;
