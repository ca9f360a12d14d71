package org.dataeval4j.evaluate;

/** Which samples of a cluster count as near duplicates ({@code evaluators.md} §2.2). */
public enum ClusterDuplicateRule {
  /**
   * The seed's rule read per sample (the default): sample i of cluster c is flagged when its
   * nearest-neighbour distance is below {@code mean_c - s * std_c} of its cluster's
   * nearest-neighbour distances, and is linked to that neighbour if the neighbour is in the same
   * cluster. A larger sensitivity s is stricter.
   */
  PER_SAMPLE_MEAN_MINUS_STD,
  /**
   * DataEval's rule (compatibility option): every spanning-tree edge inside cluster c with weight
   * {@code w < s * std_c} of that cluster's edge weights links its endpoints. A larger s flags
   * more. Reproduces DataEval's {@code Duplicates(cluster_sensitivity=s)} near groups.
   */
  MST_EDGE_SCALED_STD
}
