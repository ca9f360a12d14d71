package org.dataeval4j.cluster;

import org.dataeval4j.data.Embeddings;
import org.dataeval4j.exec.Exec;

/**
 * PLACEHOLDER (evaluators branch): the KMeans entry point as agreed with the KMeans helper; the
 * real file replaces this one on merge.
 */
public final class KMeans {
  private KMeans() {}

  /** k-means++ and Lloyd ({@code cluster.md} §10). Not available in this branch. */
  public static KMeansResult fit(Embeddings x, KMeansOptions options, Exec exec) {
    throw new UnsupportedOperationException("KMeans is being written (placeholder)");
  }
}
