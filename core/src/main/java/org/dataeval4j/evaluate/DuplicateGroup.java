package org.dataeval4j.evaluate;

import java.util.List;

/**
 * One row of a Duplicates result ({@code evaluators.md} §2.4): a group of two or more samples.
 *
 * @param groupId 0, 1, 2, ... in row order
 * @param kind {@link Kind#EXACT} (identical embeddings) or {@link Kind#NEAR}
 * @param items global sample indices, ascending (over all datasets stacked in order)
 * @param datasets the dataset of each member (all 0 for a single dataset)
 * @param localItems each member's index inside its dataset
 */
// Flat primitive arrays by the project convention; equality of results is never needed.
@SuppressWarnings("ArrayRecordComponent")
public record DuplicateGroup(
    int groupId, DuplicateGroup.Kind kind, int[] items, int[] datasets, int[] localItems) {

  /** Whether the members are identical or only close. */
  public enum Kind {
    /** Identical embeddings (distance exactly 0). */
    EXACT,
    /** Flagged by the cluster rule. */
    NEAR
  }

  /** The method that found the group: always {@code ["cluster"]} (there is no hash mode). */
  public List<String> methods() {
    return List.of("cluster");
  }

  /** The number of members. */
  public int size() {
    return items.length;
  }
}
