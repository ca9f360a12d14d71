package org.dataeval4j.evaluate;

/**
 * One outlier row ({@code evaluators.md} §3.2 step 5): metric {@code "cluster_distance"}.
 *
 * @param index the global sample index (over all datasets stacked in order)
 * @param dataset the sample's dataset (0 for a single dataset)
 * @param localIndex the sample's index inside its dataset
 * @param zScore {@code (d - mean) / std} of its centre's distances (0 if std <= 1e-12)
 */
public record Outlier(int index, int dataset, int localIndex, double zScore) {

  /** The metric name DataEval reports for cluster-mode rows. */
  public static final String METRIC = "cluster_distance";

  /** Always {@link #METRIC}. */
  public String metricName() {
    return METRIC;
  }
}
