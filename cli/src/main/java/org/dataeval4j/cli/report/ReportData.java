package org.dataeval4j.cli.report;

import java.util.List;
import java.util.Map;
import org.dataeval4j.cluster.Algorithm;
import org.dataeval4j.cluster.ClusterResult;
import org.dataeval4j.cluster.Pca;
import org.dataeval4j.data.Embeddings;
import org.dataeval4j.evaluate.ClusterStats;
import org.dataeval4j.evaluate.DuplicateGroup;
import org.dataeval4j.evaluate.DuplicatesResult;
import org.dataeval4j.evaluate.LabelError;
import org.dataeval4j.evaluate.LabelErrorsResult;
import org.dataeval4j.evaluate.Outlier;
import org.dataeval4j.evaluate.OutliersResult;
import org.jspecify.annotations.Nullable;

/**
 * Everything the report shows, for n samples. Arrays are shared, not copied.
 *
 * @param summary the run: inputs, sizes, parameters, counts and warnings
 * @param rawLabels cluster labels before noise reassignment (n; -1 = noise): the scatter colours
 * @param clusters final labels (n; never -1): the cluster sizes
 * @param membership membership strength per sample (n, in [0, 1])
 * @param projection the first two principal components of the clustered embeddings, n x 2 row-major
 * @param linkageTree the single-linkage tree, (n-1) x 4 rows {@code [a, b, height, size]}
 * @param treeMinClusterSize the min cluster size used to condense the tree (HDBSCAN's; for KMeans
 *     HDBSCAN's default for the same n and cluster count)
 * @param outlierZ each sample's z-score of its distance to its centre (n; NaN where undefined)
 * @param outlierThreshold the z-score above which a sample is an outlier
 * @param duplicates the duplicate groups, in result order
 * @param outliers the outliers, in result order
 * @param labels the class labels (n), or null
 * @param labelErrors the suspected label errors, or null without labels
 * @param labelScores each sample's label-error score (n), or null without labels
 * @param images one image per sample, or null
 */
public record ReportData(
    Summary summary,
    int[] rawLabels,
    int[] clusters,
    float[] membership,
    double[] projection,
    float[] linkageTree,
    int treeMinClusterSize,
    float[] outlierZ,
    double outlierThreshold,
    List<DuplicateGroup> duplicates,
    List<Outlier> outliers,
    int @Nullable [] labels,
    @Nullable List<LabelError> labelErrors,
    float @Nullable [] labelScores,
    @Nullable Images images) {

  /**
   * The run as the summary shows it.
   *
   * @param input the embeddings file as given (escaped when shown)
   * @param labelsFile the labels file, or null
   * @param imagesFile the images file, or null
   * @param n samples
   * @param dInput dimension of the input
   * @param d dimension clustered (after PCA)
   * @param algorithm hdbscan or kmeans
   * @param params parameter name to value, in display order
   * @param clustersFound clusters found (distinct raw labels >= 0)
   * @param noise samples called noise before reassignment
   * @param warnings messages to show prominently
   */
  public record Summary(
      String input,
      @Nullable String labelsFile,
      @Nullable String imagesFile,
      int n,
      int dInput,
      int d,
      String algorithm,
      Map<String, String> params,
      int clustersFound,
      int noise,
      List<String> warnings) {
    /** Copies the collections. */
    public Summary {
      params = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(params));
      warnings = List.copyOf(warnings);
    }
  }

  /** Checks that every per-sample array has n entries. */
  public ReportData {
    int n = summary.n();
    check("rawLabels", rawLabels.length, n);
    check("clusters", clusters.length, n);
    check("membership", membership.length, n);
    check("projection", projection.length, 2 * n);
    check("outlierZ", outlierZ.length, n);
    if (n >= 2) {
      check("linkageTree", linkageTree.length, 4 * (n - 1));
    }
    if (labels != null) {
      check("labels", labels.length, n);
    }
    if (labelScores != null) {
      check("labelScores", labelScores.length, n);
    }
    if (images != null) {
      check("images", images.count(), n);
    }
    duplicates = List.copyOf(duplicates);
    outliers = List.copyOf(outliers);
    labelErrors = labelErrors == null ? null : List.copyOf(labelErrors);
  }

  private static void check(String name, int length, int expected) {
    if (length != expected) {
      throw new IllegalArgumentException(
          name + " must have " + expected + " entries, got " + length);
    }
  }

  /**
   * The report of an audit: the projection is the first two principal components of {@code
   * clustered} (one component and zeros when d = 1), the z-scores come from the outliers' cluster
   * statistics.
   */
  public static ReportData of(
      Summary summary,
      Embeddings clustered,
      ClusterResult cluster,
      DuplicatesResult duplicates,
      OutliersResult outliers,
      int @Nullable [] labels,
      @Nullable LabelErrorsResult labelErrors,
      @Nullable Images images) {
    return new ReportData(
        summary,
        cluster.rawLabels(),
        cluster.clusters(),
        cluster.membershipStrengths(),
        projection(clustered),
        cluster.linkageTree(),
        treeMinClusterSize(cluster),
        zScores(outliers.stats()),
        outliers.options().threshold(),
        duplicates.groups(),
        outliers.outliers(),
        labels,
        labelErrors == null ? null : labelErrors.errors(),
        labelErrors == null ? null : labelErrors.scores(),
        images);
  }

  /** The first two principal components, n x 2 (the second 0 when d = 1 or n < 3). */
  static double[] projection(Embeddings x) {
    int n = x.size();
    int k = Math.min(2, Math.min(x.dim(), Math.max(1, n - 1)));
    double[] out = new double[2 * n];
    if (n < 2) {
      return out;
    }
    Embeddings p = Pca.fit(x, k).transform(x);
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < k; j++) {
        out[2 * i + j] = p.get(i, j);
      }
    }
    return out;
  }

  /** HDBSCAN's min cluster size; for KMeans HDBSCAN's rule for the same n and cluster count. */
  static int treeMinClusterSize(ClusterResult r) {
    if (r.algorithm() == Algorithm.HDBSCAN) {
      return r.minClusterSize();
    }
    int n = r.size();
    int k = r.nClusters();
    return k > 0 ? Math.max(5, n / (3 * k)) : Math.min(100, Math.max(5, n / 20));
  }

  /**
   * {@code (d - mean) / std} of each sample's centre distance; 0 when std <= 1e-12, as Outliers.
   */
  static float[] zScores(ClusterStats s) {
    float[] d = s.distances();
    int[] idx = s.nearestClusterIdx();
    float[] z = new float[d.length];
    for (int i = 0; i < d.length; i++) {
      int j = idx[i];
      if (j < 0 || !Float.isFinite(d[i])) {
        z[i] = Float.NaN;
        continue;
      }
      double sd = s.stds()[j];
      z[i] = sd > 1e-12 ? (float) ((d[i] - (double) s.means()[j]) / sd) : 0f;
    }
    return z;
  }
}
