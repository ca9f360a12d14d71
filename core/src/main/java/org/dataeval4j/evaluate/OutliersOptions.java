package org.dataeval4j.evaluate;

import org.dataeval4j.cluster.ClusterOptions;

/**
 * Options of cluster-mode Outliers ({@code evaluators.md} §3; divergences.md Decisions 3 and 11).
 *
 * @param cluster how {@link Outliers#evaluate} clusters the embeddings; not used by {@link
 *     Outliers#fromClusters}
 * @param threshold the z-score multiplier n: a sample is an outlier when its distance exceeds
 *     {@code mean + n * std} of its centre's distances; finite and {@code >= 0}, default 3 (the
 *     seed; DataEval's default is 2.5)
 * @param centre which centre each sample is measured to; default {@link Centre#NEAREST}
 */
public record OutliersOptions(ClusterOptions cluster, double threshold, Centre centre) {

  /** Which centre a sample's distance is measured to. */
  public enum Centre {
    /** Always the nearest cluster centre (the seed; the default). */
    NEAREST,
    /**
     * DataEval's behaviour: the sample's own cluster centre when the clustering has no noise, the
     * nearest centre when it has (then every sample, not only the noise, moves).
     */
    OWN_UNLESS_NOISE
  }

  /** Validates the threshold. */
  public OutliersOptions {
    checkThreshold(threshold);
  }

  static void checkThreshold(double n) {
    if (!(Double.isFinite(n) && n >= 0)) {
      throw new IllegalArgumentException("threshold must be finite and >= 0, got " + n);
    }
  }

  /** HDBSCAN with defaults, n = 3, nearest centre. */
  public static OutliersOptions defaults() {
    return new OutliersOptions(ClusterOptions.defaults(), 3.0, Centre.NEAREST);
  }

  /** DataEval's default: z-score with n = 2.5, own centre unless there is noise. */
  public static OutliersOptions dataEvalCompatible() {
    return new OutliersOptions(ClusterOptions.defaults(), 2.5, Centre.OWN_UNLESS_NOISE);
  }

  public OutliersOptions withCluster(ClusterOptions value) {
    return new OutliersOptions(value, threshold, centre);
  }

  public OutliersOptions withThreshold(double value) {
    return new OutliersOptions(cluster, value, centre);
  }

  public OutliersOptions withCentre(Centre value) {
    return new OutliersOptions(cluster, threshold, value);
  }
}
