package org.dataeval4j.cluster;

import org.dataeval4j.data.Embeddings;
import org.dataeval4j.exec.Exec;

/**
 * {@code cluster()}: HDBSCAN (default) or KMeans on embeddings, with the k-NN graph, spanning tree
 * and single-linkage tree that the evaluators build on ({@code cluster.md}; DataEval's {@code
 * dataeval.core.cluster}).
 */
public final class Clustering {
  private Clustering() {}

  /** HDBSCAN with every default, on the calling thread. */
  public static ClusterResult cluster(Embeddings embeddings) {
    return cluster(embeddings, ClusterOptions.defaults(), Exec.serial());
  }

  /** {@code cluster()} with the given options, on the calling thread. */
  public static ClusterResult cluster(Embeddings embeddings, ClusterOptions options) {
    return cluster(embeddings, options, Exec.serial());
  }

  /**
   * {@code cluster()} with the given options, running on {@code exec}'s threads. The result does
   * not depend on the number of threads.
   *
   * @throws IllegalArgumentException if there are fewer than 2 samples or no feature, or a count is
   *     out of range (KMeans: n_clusters must be less than n)
   */
  public static ClusterResult cluster(Embeddings embeddings, ClusterOptions options, Exec exec) {
    throw new UnsupportedOperationException("cluster() is being written");
  }
}
