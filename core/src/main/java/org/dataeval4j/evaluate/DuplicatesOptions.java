package org.dataeval4j.evaluate;

import org.dataeval4j.cluster.ClusterOptions;

/**
 * Options of cluster-mode Duplicates ({@code evaluators.md} §1–§2; divergences.md Decisions 1 and
 * 10).
 *
 * @param cluster how {@link Duplicates#evaluate} clusters the embeddings (algorithm, nClusters,
 *     seed); not used by {@link Duplicates#fromClusters}
 * @param sensitivity the multiplier s of the rule, finite and {@code >= 0}; default 1.0
 * @param rule the duplicate rule; default {@link ClusterDuplicateRule#PER_SAMPLE_MEAN_MINUS_STD}
 */
public record DuplicatesOptions(
    ClusterOptions cluster, double sensitivity, ClusterDuplicateRule rule) {

  /** Validates the sensitivity. */
  public DuplicatesOptions {
    checkSensitivity(sensitivity);
  }

  static void checkSensitivity(double s) {
    if (!(Double.isFinite(s) && s >= 0)) {
      throw new IllegalArgumentException("sensitivity must be finite and >= 0, got " + s);
    }
  }

  /** HDBSCAN with defaults, s = 1.0, the per-sample rule. */
  public static DuplicatesOptions defaults() {
    return new DuplicatesOptions(
        ClusterOptions.defaults(), 1.0, ClusterDuplicateRule.PER_SAMPLE_MEAN_MINUS_STD);
  }

  /** DataEval's {@code Duplicates(cluster_sensitivity=s)}: the MST-edge rule with sensitivity s. */
  public static DuplicatesOptions dataEvalCompatible(double sensitivity) {
    return new DuplicatesOptions(
        ClusterOptions.defaults(), sensitivity, ClusterDuplicateRule.MST_EDGE_SCALED_STD);
  }

  public DuplicatesOptions withCluster(ClusterOptions value) {
    return new DuplicatesOptions(value, sensitivity, rule);
  }

  public DuplicatesOptions withSensitivity(double value) {
    return new DuplicatesOptions(cluster, value, rule);
  }

  public DuplicatesOptions withRule(ClusterDuplicateRule value) {
    return new DuplicatesOptions(cluster, sensitivity, value);
  }
}
