package org.dataeval4j.tree;

/**
 * The condensed tree of a single-linkage tree ({@code cluster.md} §7; hdbscan's {@code
 * condense_tree} as DataEval runs it, with DataEval's max_cluster_size rule).
 *
 * <p>Rows {@code (parent, child, lambda, childSize)} in emission order, struct-of-arrays. Cluster
 * ids are n, n+1, ... in creation order (n is the root); a child below n is a sample. Every sample
 * is the child of exactly one row. Lambda is {@code (float) (1.0 / height)}, +Infinity at height 0.
 * O(n): the breadth-first walks visit each linkage node once.
 */
public final class CondensedTree {
  private final int n;
  private final int rows;
  private final int[] parent;
  private final int[] child;
  private final float[] lambda;
  private final float[] childSize;
  private final int clusterCount;

  private CondensedTree(
      int n, int rows, int[] parent, int[] child, float[] lambda, float[] childSize, int clusters) {
    this.n = n;
    this.rows = rows;
    this.parent = parent;
    this.child = child;
    this.lambda = lambda;
    this.childSize = childSize;
    this.clusterCount = clusters;
  }

  /**
   * Condenses a linkage tree.
   *
   * @param linkage (n-1) x 4 rows {@code [larger id, smaller id, height, size]}
   * @param n the number of samples, at least 2
   * @param minClusterSize the smallest size a split-off part must have to be a cluster
   * @param maxClusterSize splits of two parts both larger than this are ignored (+Infinity: none)
   */
  public static CondensedTree condense(
      float[] linkage, int n, int minClusterSize, double maxClusterSize) {
    int root = 2 * n - 2;
    int capacity = 2 * n;
    int[] parent = new int[capacity];
    int[] child = new int[capacity];
    float[] lambda = new float[capacity];
    float[] childSize = new float[capacity];
    int[] relabel = new int[2 * n - 1];
    boolean[] ignore = new boolean[2 * n - 1];
    relabel[root] = n;
    int nextLabel = n + 1;
    int out = 0;
    int[] queue = new int[2 * n - 1];
    int[] sub = new int[2 * n - 1];
    int head = 0;
    int tail = 0;
    queue[tail++] = root;
    while (head < tail) {
      int node = queue[head++];
      if (node < n) {
        continue;
      }
      int r = node - n;
      int left = (int) linkage[4 * r];
      int right = (int) linkage[4 * r + 1];
      queue[tail++] = left;
      queue[tail++] = right;
      if (ignore[node]) {
        continue;
      }
      int p = relabel[node];
      double d = linkage[4 * r + 2];
      float lam = d > 0 ? (float) (1.0 / d) : Float.POSITIVE_INFINITY;
      float lc = left >= n ? linkage[4 * (left - n) + 3] : 1f;
      float rc = right >= n ? linkage[4 * (right - n) + 3] : 1f;
      if (left < n && rc >= minClusterSize) {
        relabel[right] = p;
        out = emit(parent, child, lambda, childSize, out, p, left, lam, 1f);
      } else if (lc < minClusterSize && rc >= minClusterSize) {
        relabel[right] = p;
        out =
            eliminate(linkage, n, left, p, lam, ignore, sub, parent, child, lambda, childSize, out);
      } else if (lc >= minClusterSize && rc < minClusterSize) {
        relabel[left] = p;
        out =
            eliminate(
                linkage, n, right, p, lam, ignore, sub, parent, child, lambda, childSize, out);
      } else if (lc < minClusterSize && rc < minClusterSize) {
        out =
            eliminate(linkage, n, left, p, lam, ignore, sub, parent, child, lambda, childSize, out);
        out =
            eliminate(
                linkage, n, right, p, lam, ignore, sub, parent, child, lambda, childSize, out);
      } else if (lc > maxClusterSize && rc > maxClusterSize) {
        relabel[left] = p;
        relabel[right] = p;
      } else {
        relabel[left] = nextLabel;
        out = emit(parent, child, lambda, childSize, out, p, nextLabel, lam, lc);
        nextLabel++;
        relabel[right] = nextLabel;
        out = emit(parent, child, lambda, childSize, out, p, nextLabel, lam, rc);
        nextLabel++;
      }
    }
    return new CondensedTree(n, out, parent, child, lambda, childSize, nextLabel - n);
  }

  /** Emits every sample below {@code b} as leaving cluster p at lambda; ignores b's nodes. */
  private static int eliminate(
      float[] linkage,
      int n,
      int b,
      int p,
      float lam,
      boolean[] ignore,
      int[] queue,
      int[] parent,
      int[] child,
      float[] lambda,
      float[] childSize,
      int out) {
    if (b < n) {
      return emit(parent, child, lambda, childSize, out, p, b, lam, 1f);
    }
    int head = 0;
    int tail = 0;
    queue[tail++] = b;
    while (head < tail) {
      int s = queue[head++];
      if (s < n) {
        out = emit(parent, child, lambda, childSize, out, p, s, lam, 1f);
      } else {
        ignore[s] = true;
        int r = s - n;
        queue[tail++] = (int) linkage[4 * r];
        queue[tail++] = (int) linkage[4 * r + 1];
      }
    }
    return out;
  }

  private static int emit(
      int[] parent,
      int[] child,
      float[] lambda,
      float[] childSize,
      int out,
      int p,
      int c,
      float lam,
      float size) {
    parent[out] = p;
    child[out] = c;
    lambda[out] = lam;
    childSize[out] = size;
    return out + 1;
  }

  /** The number of samples. */
  public int sampleCount() {
    return n;
  }

  /** The number of rows. */
  public int rows() {
    return rows;
  }

  /** The number of clusters, the root included; their ids are n .. n + count - 1. */
  public int clusterCount() {
    return clusterCount;
  }

  public int parent(int row) {
    return parent[row];
  }

  public int child(int row) {
    return child[row];
  }

  public float lambda(int row) {
    return lambda[row];
  }

  public float childSize(int row) {
    return childSize[row];
  }
}
