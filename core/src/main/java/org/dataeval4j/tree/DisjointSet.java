package org.dataeval4j.tree;

/**
 * Union-find with union by rank and path compression, exactly as DataEval's MST builder ({@code
 * cluster.md} §4.1): on equal rank the root of the <b>first</b> argument survives. That rule fixes
 * which element represents a component, and hence the component order of the MST's connection
 * phase, so it must not change.
 */
public final class DisjointSet {
  private final int[] parent;
  private final byte[] rank;

  /** n singletons {0}, ..., {n-1}. */
  public DisjointSet(int n) {
    parent = new int[n];
    rank = new byte[n];
    for (int i = 0; i < n; i++) {
      parent[i] = i;
    }
  }

  /** The representative of x's set. Iterative, with path halving. */
  public int find(int x) {
    int r = x;
    while (parent[r] != r) {
      parent[r] = parent[parent[r]];
      r = parent[r];
    }
    return r;
  }

  /**
   * Merges the sets of a and b.
   *
   * @return false if they were already one set
   */
  public boolean union(int a, int b) {
    int x = find(a);
    int y = find(b);
    if (x == y) {
      return false;
    }
    if (rank[x] < rank[y]) {
      int t = x;
      x = y;
      y = t;
    }
    parent[y] = x;
    if (rank[x] == rank[y]) {
      rank[x]++;
    }
    return true;
  }
}
