package org.dataeval4j.tree;

/**
 * The single-linkage tree of a weight-sorted spanning tree ({@code cluster.md} §5; DataEval's
 * {@code _cluster._build_linkage_tree} layout). Leaves are samples 0..n-1; the merge of row r
 * creates node n + r. Each row is {@code [larger id, smaller id, height, size]} (the opposite of
 * SciPy's column order), flat (n-1) x 4, float32. O(n α(n)).
 */
public final class LinkageTree {
  private LinkageTree() {}

  /**
   * @param sortedMst (n-1) x 3 rows {@code [a, b, weight]} sorted by weight
   * @param n the number of samples
   */
  public static float[] fromSortedMst(float[] sortedMst, int n) {
    int rows = sortedMst.length / 3;
    float[] out = new float[4 * rows];
    DisjointSet set = new DisjointSet(n);
    int[] node = new int[n];
    int[] size = new int[n];
    for (int i = 0; i < n; i++) {
      node[i] = i;
      size[i] = 1;
    }
    for (int r = 0; r < rows; r++) {
      int a = set.find((int) sortedMst[3 * r]);
      int b = set.find((int) sortedMst[3 * r + 1]);
      if (a == b) {
        throw new IllegalArgumentException("spanning tree has a cycle at row " + r);
      }
      int idA = node[a];
      int idB = node[b];
      int merged = size[a] + size[b];
      out[4 * r] = Math.max(idA, idB);
      out[4 * r + 1] = Math.min(idA, idB);
      out[4 * r + 2] = sortedMst[3 * r + 2];
      out[4 * r + 3] = merged;
      set.union(a, b);
      int root = set.find(a);
      node[root] = n + r;
      size[root] = merged;
    }
    return out;
  }
}
