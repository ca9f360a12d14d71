package org.dataeval4j.evaluate;

import java.util.ArrayList;
import java.util.List;
import org.dataeval4j.cluster.ClusterResult;
import org.dataeval4j.cluster.Clustering;
import org.dataeval4j.data.Embeddings;
import org.dataeval4j.exec.Exec;

/**
 * Cluster-mode outlier detection ({@code evaluators.md} §3; DataEval's {@code Outliers} with an
 * extractor): a sample is an outlier when its distance to its centre exceeds {@code mean + n * std}
 * of the distances of all samples assigned to that centre (upper bound only, z-score threshold,
 * default n = 3; divergences.md Decision 3). Centres are the means of the clusters of the raw
 * labels (-1 = noise excluded). Each row carries the z-score {@code (d - mean) / std}.
 */
public final class Outliers {
  private static final double MIN_STD = 1e-12;

  private Outliers() {}

  /** Clusters the embeddings with {@code options.cluster()} and finds the outliers. */
  public static OutliersResult evaluate(Embeddings x, OutliersOptions options, Exec exec) {
    ClusterResult r = Clustering.cluster(x, options.cluster(), exec);
    return fromClusters(x, r, options, DatasetIndex.single(x.size()));
  }

  /**
   * Several embedding sets, stacked in order and clustered once ("early fusion"); every row reports
   * its dataset and local index ({@code evaluators.md} §3.4, Decision 4).
   */
  public static OutliersResult evaluate(
      List<Embeddings> datasets, OutliersOptions options, Exec exec) {
    DatasetIndex index = Duplicates.indexOf(datasets);
    Embeddings all = Embeddings.concat(datasets.toArray(new Embeddings[0]));
    ClusterResult r = Clustering.cluster(all, options.cluster(), exec);
    return fromClusters(all, r, options, index);
  }

  /** Outliers from a clustering computed before (DataEval's {@code from_clusters}). */
  public static OutliersResult fromClusters(
      Embeddings x, ClusterResult result, OutliersOptions options) {
    return fromClusters(x, result, options, DatasetIndex.single(x.size()));
  }

  /**
   * Outliers from a clustering of several datasets stacked in the order of {@code index}.
   *
   * @throws IllegalArgumentException if the sizes of the embeddings, clustering and index differ
   */
  public static OutliersResult fromClusters(
      Embeddings x, ClusterResult result, OutliersOptions options, DatasetIndex index) {
    if (result.size() != x.size() || index.size() != x.size()) {
      throw new IllegalArgumentException(
          "embeddings, clustering and dataset index must have the same size, got "
              + x.size()
              + ", "
              + result.size()
              + " and "
              + index.size());
    }
    ClusterStats stats =
        ClusterStats.computeClusterStats(
            x, result.rawLabels(), options.centre() == OutliersOptions.Centre.NEAREST);
    return fromStats(stats, options, index);
  }

  /** The outlier rows for stored statistics and a threshold (§3.2 steps 3–5). */
  static OutliersResult fromStats(ClusterStats stats, OutliersOptions options, DatasetIndex index) {
    int m = stats.clusterCount();
    float[] dist = stats.distances();
    int[] assigned = stats.nearestClusterIdx();
    // Upper bound per centre, as DataEval's ZScoreThreshold computes it on float32 arrays:
    // mean + n * std with float32 mean/std and the product rounded to float.
    float[] upper = new float[m];
    for (int j = 0; j < m; j++) {
      float mean = stats.means()[j];
      float std = stats.stds()[j];
      upper[j] =
          Float.isNaN(std) || std <= MIN_STD
              ? Float.POSITIVE_INFINITY
              : mean + (float) (options.threshold() * std);
    }
    List<Outlier> rows = new ArrayList<>();
    for (int i = 0; i < dist.length; i++) {
      int j = assigned[i];
      if (j < 0 || !(dist[i] > upper[j])) {
        continue;
      }
      double mean = stats.means()[j];
      double std = stats.stds()[j];
      double z = std <= MIN_STD ? 0.0 : ((double) dist[i] - mean) / std;
      int ds = index.datasetOf(i);
      rows.add(new Outlier(i, ds, i - index.offset(ds), z));
    }
    return new OutliersResult(rows, stats, options, index);
  }
}
