package org.dataeval4j.neighbors;

/**
 * The k nearest neighbours of each of n query samples, flat and row-major: neighbour r of query i
 * is {@code indices[i * k + r]} at distance {@code distances[i * k + r]}, nearest first, ties by
 * ascending index ({@code cluster.md} §3). Distances are exact double Euclidean distances rounded
 * to float32. Indices are {@code int}: sample counts are below 2^31 ({@code cluster.md} §0.3).
 *
 * <p>The arrays are shared, not copied: do not modify them.
 */
public final class KnnGraph {
  private final int n;
  private final int k;
  private final int[] indices;
  private final float[] distances;

  /**
   * Wraps the arrays without copying.
   *
   * @throws IllegalArgumentException if the lengths are not {@code n * k}
   */
  public KnnGraph(int n, int k, int[] indices, float[] distances) {
    if (n < 0 || k < 0 || indices.length != (long) n * k || distances.length != (long) n * k) {
      throw new IllegalArgumentException(
          "indices and distances must have n * k = "
              + ((long) n * k)
              + " entries, got "
              + indices.length
              + " and "
              + distances.length);
    }
    this.n = n;
    this.k = k;
    this.indices = indices;
    this.distances = distances;
  }

  /** The number of query samples (rows). */
  public int size() {
    return n;
  }

  /** The number of neighbours per row. */
  public int k() {
    return k;
  }

  /** Index of the r-th nearest neighbour of query i. */
  public int neighbor(int i, int r) {
    return indices[i * k + r];
  }

  /** Distance to the r-th nearest neighbour of query i. */
  public float distance(int i, int r) {
    return distances[i * k + r];
  }

  /** All indices, n x k row-major (shared). */
  public int[] indices() {
    return indices;
  }

  /** All distances, n x k row-major (shared). */
  public float[] distances() {
    return distances;
  }
}
