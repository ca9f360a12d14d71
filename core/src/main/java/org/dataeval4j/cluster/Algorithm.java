package org.dataeval4j.cluster;

/** The clustering algorithm of {@code cluster()}. */
public enum Algorithm {
  /** Density-based, finds the number of clusters itself ({@code cluster.md} §6–§9). The default. */
  HDBSCAN,
  /** Exactly {@code nClusters} spherical clusters, k-means++ and Lloyd ({@code cluster.md} §10). */
  KMEANS
}
