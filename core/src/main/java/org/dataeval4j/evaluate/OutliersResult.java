package org.dataeval4j.evaluate;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The outliers found by {@link Outliers}, ascending by global index (= by dataset, then local
 * index). Keeps the cluster statistics, so that {@link #withThreshold} needs no new clustering.
 */
public final class OutliersResult {
  private final List<Outlier> rows;
  private final ClusterStats stats;
  private final OutliersOptions options;
  private final DatasetIndex index;

  OutliersResult(
      List<Outlier> rows, ClusterStats stats, OutliersOptions options, DatasetIndex index) {
    this.rows = Collections.unmodifiableList(new ArrayList<>(rows));
    this.stats = stats;
    this.options = options;
    this.index = index;
  }

  /** The rows, ascending by global index. */
  public List<Outlier> outliers() {
    return rows;
  }

  /** The global indices of the outliers, ascending. */
  public int[] indices() {
    int[] out = new int[rows.size()];
    for (int t = 0; t < out.length; t++) {
      out[t] = rows.get(t).index();
    }
    return out;
  }

  /** The number of outliers. */
  public int size() {
    return rows.size();
  }

  /** The cluster statistics the rows were computed from. */
  public ClusterStats stats() {
    return stats;
  }

  /** The options used. */
  public OutliersOptions options() {
    return options;
  }

  /** How global indices map to datasets. */
  public DatasetIndex datasetIndex() {
    return index;
  }

  /**
   * The outliers for another multiplier n, from the stored statistics (no new clustering).
   *
   * @throws IllegalArgumentException if n is not finite and {@code >= 0}
   */
  public OutliersResult withThreshold(double threshold) {
    return Outliers.fromStats(stats, options.withThreshold(threshold), index);
  }
}
