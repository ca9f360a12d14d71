package org.dataeval4j.evaluate;

/** How Prioritize scores samples ({@code evaluators.md} §5.3–§5.6). */
public enum PrioritizeMethod {
  /** Distance to the (k+1)-th nearest neighbour; scores. */
  KNN("knn", true),
  /** Distance to the nearest KMeans centre; scores. */
  KMEANS_DISTANCE("kmeans_distance", true),
  /** Complexity-weighted sampling over KMeans clusters; no scores, seeded. */
  KMEANS_COMPLEXITY("kmeans_complexity", false),
  /** Distance to the nearest HDBSCAN centre; scores. */
  HDBSCAN_DISTANCE("hdbscan_distance", true),
  /** Complexity-weighted sampling over HDBSCAN clusters; no scores, seeded. */
  HDBSCAN_COMPLEXITY("hdbscan_complexity", false);

  private final String id;
  private final boolean scores;

  PrioritizeMethod(String id, boolean scores) {
    this.id = id;
    this.scores = scores;
  }

  /** DataEval's name of the method, e.g. {@code "kmeans_distance"}. */
  public String id() {
    return id;
  }

  /** Whether the method produces per-sample scores (needed by the stratified policy). */
  public boolean hasScores() {
    return scores;
  }

  /**
   * The method with DataEval's name.
   *
   * @throws IllegalArgumentException for an unknown name
   */
  public static PrioritizeMethod of(String name) {
    for (PrioritizeMethod m : values()) {
      if (m.id.equals(name)) {
        return m;
      }
    }
    throw new IllegalArgumentException(
        "Invalid method: "
            + name
            + ". Must be one of [knn, kmeans_distance, kmeans_complexity, hdbscan_distance,"
            + " hdbscan_complexity]");
  }
}
