package org.dataeval4j.tree;

import java.lang.System.Logger.Level;
import java.util.Arrays;
import org.dataeval4j.data.Embeddings;
import org.dataeval4j.exec.Exec;
import org.dataeval4j.exec.Sorts;
import org.dataeval4j.neighbors.KnnGraph;
import org.dataeval4j.neighbors.Neighbors;

/**
 * DataEval's spanning tree over the k-NN graph ({@code cluster.md} §4; {@code
 * dataeval.core._mst.minimum_spanning_tree_edges}).
 *
 * <p>Phase 1 runs Kruskal over the n k directed k-NN edges sorted by (float32 weight, position
 * {@code i * k + r}). If the graph is disconnected, phase 2 connects the components: each point of
 * component c (components ordered by their union-find root) finds its nearest point among the later
 * components only, and Kruskal runs again over those candidates. This is not an exact Euclidean
 * MST; it is DataEval's construction, reproduced exactly.
 *
 * <p>Cost: phase 1 O(n k log(n k)); phase 2, when needed, one exact nearest-neighbour search per
 * component against the later ones, O(n^2 d) at worst, as DataEval.
 */
public final class SpanningTree {
  private static final System.Logger LOG = System.getLogger(SpanningTree.class.getName());

  private SpanningTree() {}

  /**
   * The n - 1 tree edges {@code [a, b, weight]} in acceptance order, flat (n-1) x 3.
   *
   * @param x the embeddings the graph was built from (for phase 2)
   * @param knn the k nearest neighbours of every sample of x
   */
  public static float[] fromKnn(Embeddings x, KnnGraph knn, Exec exec) {
    int n = x.size();
    int k = knn.k();
    float[] edges = new float[3 * Math.max(0, n - 1)];
    if (n < 2) {
      return edges;
    }
    DisjointSet set = new DisjointSet(n);
    int[] order = Sorts.argsortNonNegative(knn.distances());
    int[] nbrs = knn.indices();
    float[] dists = knn.distances();
    int accepted = 0;
    for (int p : order) {
      int source = p / k;
      int target = nbrs[p];
      if (target >= 0 && set.union(source, target)) {
        accepted = add(edges, accepted, source, target, dists[p]);
      }
    }
    while (accepted < n - 1) {
      LOG.log(
          Level.DEBUG,
          "Exhausted k-nearest neighbors (k={0}) before finding connected spanning tree."
              + " Computing cluster nearest neighbors.",
          k);
      accepted = connectComponents(x, set, edges, accepted, exec);
    }
    return edges;
  }

  /** Phase 2 (§4.3): one pass of forward nearest-neighbour bridging between the components. */
  private static int connectComponents(
      Embeddings x, DisjointSet set, float[] edges, int accepted, Exec exec) {
    int n = x.size();
    int[] comp = new int[n];
    for (int i = 0; i < n; i++) {
      comp[i] = set.find(i);
    }
    int[] roots = Arrays.stream(comp).distinct().sorted().toArray();
    int m = roots.length;
    // Points grouped by component, components in root order, points ascending within each.
    int[] position = new int[n];
    int[] start = new int[m + 1];
    for (int i = 0; i < n; i++) {
      start[Arrays.binarySearch(roots, comp[i]) + 1]++;
    }
    for (int c = 0; c < m; c++) {
      start[c + 1] += start[c];
    }
    int[] grouped = new int[n];
    int[] fill = Arrays.copyOf(start, m);
    for (int i = 0; i < n; i++) {
      int c = Arrays.binarySearch(roots, comp[i]);
      position[i] = c;
      grouped[fill[c]++] = i;
    }
    int[] target = new int[n];
    float[] weight = new float[n];
    Arrays.fill(target, -1);
    Arrays.fill(weight, Float.POSITIVE_INFINITY);
    for (int c = 0; c < m - 1; c++) {
      int[] members = Arrays.copyOfRange(grouped, start[c], start[c + 1]);
      int[] others = Arrays.copyOfRange(grouped, start[c + 1], n);
      // Ties go to the candidate that comes first in `others`: the search breaks ties by
      // position in the searched set, which is exactly that order.
      KnnGraph nearest = Neighbors.search(x.select(others), x.select(members), 1, exec);
      for (int r = 0; r < members.length; r++) {
        target[members[r]] = others[nearest.neighbor(r, 0)];
        weight[members[r]] = nearest.distance(r, 0);
      }
    }
    // Candidates at positions p * m + c(p): sorting by (weight, position) is sorting by (weight,
    // p).
    int[] order = Sorts.argsortNonNegative(weight);
    for (int p : order) {
      if (target[p] >= 0 && set.union(p, target[p])) {
        accepted = add(edges, accepted, p, target[p], weight[p]);
      }
    }
    assert position.length == n;
    return accepted;
  }

  private static int add(float[] edges, int row, int a, int b, float w) {
    edges[3 * row] = a;
    edges[3 * row + 1] = b;
    edges[3 * row + 2] = w;
    return row + 1;
  }

  /** The endpoints of a spanning tree's edges, in acceptance order. */
  public record Edges(int[] source, int[] target) {}

  /**
   * DataEval's {@code minimum_spanning_tree(embeddings, k=15)} ({@code cluster.md} §4.4): the
   * spanning tree of the k-NN graph (k capped at n - 1), as source and target arrays of the n - 1
   * edges in acceptance order (not sorted by weight).
   *
   * @throws IllegalArgumentException if there are fewer than 2 samples or k is below 1
   */
  public static Edges minimumSpanningTree(Embeddings x, int k, Exec exec) {
    if (x.size() < 2) {
      throw new IllegalArgumentException(
          "embeddings must have at least 2 samples, got " + x.size());
    }
    if (k < 1) {
      throw new IllegalArgumentException("k must be >= 1, got " + k);
    }
    KnnGraph knn = Neighbors.computeNeighborDistances(x, null, k, exec);
    float[] edges = fromKnn(x, knn, exec);
    int rows = edges.length / 3;
    int[] source = new int[rows];
    int[] target = new int[rows];
    for (int r = 0; r < rows; r++) {
      source[r] = (int) edges[3 * r];
      target[r] = (int) edges[3 * r + 1];
    }
    return new Edges(source, target);
  }

  /**
   * The tree's rows sorted by weight, ties keeping acceptance order (a stable sort; {@code
   * cluster.md} §4.4). Returns a new array.
   */
  public static float[] sortByWeight(float[] edges) {
    int rows = edges.length / 3;
    float[] w = new float[rows];
    for (int r = 0; r < rows; r++) {
      w[r] = edges[3 * r + 2];
    }
    int[] order = Sorts.argsortNonNegative(w);
    float[] out = new float[edges.length];
    for (int r = 0; r < rows; r++) {
      System.arraycopy(edges, 3 * order[r], out, 3 * r, 3);
    }
    return out;
  }
}
