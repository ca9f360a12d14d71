package org.dataeval4j.evaluate;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.dataeval4j.cluster.ClusterResult;

/**
 * The groups found by {@link Duplicates} ({@code evaluators.md} §2.4): exact groups first, then
 * near groups, each ordered by their smallest member. Keeps the clustering, so that {@link
 * #withSensitivity} can re-run the rule without clustering again.
 */
public final class DuplicatesResult {
  private final List<DuplicateGroup> groups;
  private final ClusterResult clusterResult;
  private final DuplicatesOptions options;
  private final DatasetIndex index;

  DuplicatesResult(
      List<DuplicateGroup> groups,
      ClusterResult clusterResult,
      DuplicatesOptions options,
      DatasetIndex index) {
    this.groups = Collections.unmodifiableList(new ArrayList<>(groups));
    this.clusterResult = clusterResult;
    this.options = options;
    this.index = index;
  }

  /** All rows: exact groups, then near groups. */
  public List<DuplicateGroup> groups() {
    return groups;
  }

  /** The near groups, in row order. */
  public List<DuplicateGroup> near() {
    return ofKind(DuplicateGroup.Kind.NEAR);
  }

  /** The exact groups (identical embeddings), in row order. */
  public List<DuplicateGroup> exact() {
    return ofKind(DuplicateGroup.Kind.EXACT);
  }

  private List<DuplicateGroup> ofKind(DuplicateGroup.Kind kind) {
    List<DuplicateGroup> out = new ArrayList<>();
    for (DuplicateGroup g : groups) {
      if (g.kind() == kind) {
        out.add(g);
      }
    }
    return Collections.unmodifiableList(out);
  }

  /** The number of rows. */
  public int size() {
    return groups.size();
  }

  /** The sensitivity s the near groups were computed with. */
  public double sensitivity() {
    return options.sensitivity();
  }

  /** The options used. */
  public DuplicatesOptions options() {
    return options;
  }

  /** The stored clustering. */
  public ClusterResult clusterResult() {
    return clusterResult;
  }

  /** How global indices map to datasets. */
  public DatasetIndex datasetIndex() {
    return index;
  }

  /**
   * The groups for another sensitivity, from the stored clustering (no new clustering).
   *
   * @throws IllegalArgumentException if s is not finite and {@code >= 0}
   */
  public DuplicatesResult withSensitivity(double sensitivity) {
    return Duplicates.fromClusters(clusterResult, options.withSensitivity(sensitivity), index);
  }

  /** The groups under another rule, from the stored clustering. */
  public DuplicatesResult withRule(ClusterDuplicateRule rule) {
    return Duplicates.fromClusters(clusterResult, options.withRule(rule), index);
  }
}
