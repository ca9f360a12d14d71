package org.dataeval4j.evaluate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.dataeval4j.cluster.ClusterResult;
import org.dataeval4j.cluster.Clustering;
import org.dataeval4j.data.Embeddings;
import org.dataeval4j.exec.Exec;
import org.dataeval4j.neighbors.KnnGraph;

/**
 * Cluster-mode duplicate detection ({@code evaluators.md} §2; DataEval's {@code
 * Duplicates(cluster_sensitivity=s)}).
 *
 * <p>Near groups come from the rule of {@link DuplicatesOptions#rule()} (§2.2) applied to the raw
 * labels (-1 = noise; divergences.md Decision 2): the pairs it links are closed under connectivity
 * (§2.3). Beyond DataEval, every set of samples with identical embeddings (k-NN distance exactly 0,
 * noise or not) is reported as an {@link DuplicateGroup.Kind#EXACT exact} group; near groups are
 * computed unchanged and may overlap them (Decision 10). Rows: exact groups, then near groups, each
 * ordered by their smallest member.
 */
public final class Duplicates {
  private Duplicates() {}

  /**
   * Clusters the embeddings with {@code options.cluster()} and finds the duplicates.
   *
   * @throws IllegalArgumentException if {@code cluster()} rejects the input
   */
  public static DuplicatesResult evaluate(Embeddings x, DuplicatesOptions options, Exec exec) {
    ClusterResult r = Clustering.cluster(x, options.cluster(), exec);
    return fromClusters(r, options, DatasetIndex.single(x.size()));
  }

  /**
   * Several embedding sets, stacked in order and clustered once; every group member is reported
   * with its dataset and its index in that dataset ({@code evaluators.md} §2.6, Decision 4).
   *
   * @throws IllegalArgumentException if the list is empty or the dimensions differ
   */
  public static DuplicatesResult evaluate(
      List<Embeddings> datasets, DuplicatesOptions options, Exec exec) {
    DatasetIndex index = indexOf(datasets);
    Embeddings all = Embeddings.concat(datasets.toArray(new Embeddings[0]));
    ClusterResult r = Clustering.cluster(all, options.cluster(), exec);
    return fromClusters(r, options, index);
  }

  /** Duplicates from a clustering computed before (DataEval's {@code from_clusters}). */
  public static DuplicatesResult fromClusters(ClusterResult result, DuplicatesOptions options) {
    return fromClusters(result, options, DatasetIndex.single(result.size()));
  }

  /**
   * Duplicates from a clustering of several datasets stacked in the order of {@code index}.
   *
   * @throws IllegalArgumentException if the index does not cover the clustering's samples
   */
  public static DuplicatesResult fromClusters(
      ClusterResult result, DuplicatesOptions options, DatasetIndex index) {
    if (index.size() != result.size()) {
      throw new IllegalArgumentException(
          "dataset index must cover the "
              + result.size()
              + " clustered samples, got "
              + index.size());
    }
    int[][] exact = components(result.size(), exactPairs(result.knn()));
    int[] pairs =
        options.rule() == ClusterDuplicateRule.MST_EDGE_SCALED_STD
            ? mstEdgePairs(result.mst(), result.rawLabels(), options.sensitivity())
            : perSamplePairs(result.knn(), result.rawLabels(), options.sensitivity());
    int[][] near = components(result.size(), pairs);
    List<DuplicateGroup> rows = new ArrayList<>(exact.length + near.length);
    for (int[] g : exact) {
      rows.add(group(rows.size(), DuplicateGroup.Kind.EXACT, g, index));
    }
    for (int[] g : near) {
      rows.add(group(rows.size(), DuplicateGroup.Kind.NEAR, g, index));
    }
    return new DuplicatesResult(rows, result, options, index);
  }

  static DatasetIndex indexOf(List<Embeddings> datasets) {
    if (datasets.isEmpty()) {
      throw new IllegalArgumentException("datasets must number at least 1, got 0");
    }
    int[] sizes = new int[datasets.size()];
    for (int i = 0; i < sizes.length; i++) {
      sizes[i] = datasets.get(i).size();
    }
    return DatasetIndex.of(sizes);
  }

  private static DuplicateGroup group(
      int id, DuplicateGroup.Kind kind, int[] items, DatasetIndex index) {
    int[] ds = new int[items.length];
    int[] local = new int[items.length];
    for (int t = 0; t < items.length; t++) {
      ds[t] = index.datasetOf(items[t]);
      local[t] = items[t] - index.offset(ds[t]);
    }
    return new DuplicateGroup(id, kind, items, ds, local);
  }

  /**
   * The seed's rule per sample (§2.2): pairs {@code (i, nn(i))}, flat, for clusters c ascending and
   * i ascending, where {@code d_i < mean_c - s * std_c} (double mean and population std of the
   * float32 nearest-neighbour distances of c) and nn(i) has label c.
   */
  static int[] perSamplePairs(KnnGraph knn, int[] labels, double s) {
    int n = labels.length;
    if (knn.k() < 1 || n < 2) {
      return new int[0];
    }
    int[][] members = membersByLabel(labels);
    IntList out = new IntList();
    for (int c = 0; c < members.length; c++) {
      int[] mc = members[c];
      if (mc.length == 0) {
        continue;
      }
      double sum = 0;
      for (int i : mc) {
        sum += knn.distance(i, 0);
      }
      double mean = sum / mc.length;
      double sq = 0;
      for (int i : mc) {
        double dlt = knn.distance(i, 0) - mean;
        sq += dlt * dlt;
      }
      // Rounded to float like DataEval's float32 statistics (§2.2 step 2), compared in double.
      float meanF = (float) mean;
      float stdF = (float) Math.sqrt(sq / mc.length);
      double threshold = (double) meanF - s * (double) stdF;
      for (int i : mc) {
        if (knn.distance(i, 0) < threshold) {
          int j = knn.neighbor(i, 0);
          if (labels[j] == c) {
            out.add(i);
            out.add(j);
          }
        }
      }
    }
    return out.toArray();
  }

  /**
   * DataEval's rule (§2.2): for each label c ascending, the MST rows with both endpoints in c,
   * float32 mean and std as DataEval's numba code computes them, and the rows with {@code w < s *
   * std} (double, strict) as pairs in MST row order.
   */
  static int[] mstEdgePairs(float[] mst, int[] labels, double s) {
    int rows = mst.length / 3;
    int maxLabel = -1;
    for (int c : labels) {
      maxLabel = Math.max(maxLabel, c);
    }
    // Rows grouped by label, each group in MST row order.
    int[] count = new int[maxLabel + 2];
    int[] rowLabel = new int[rows];
    for (int r = 0; r < rows; r++) {
      int a = (int) mst[3 * r];
      int b = (int) mst[3 * r + 1];
      int c = labels[a];
      rowLabel[r] = c >= 0 && labels[b] == c ? c : -1;
      if (rowLabel[r] >= 0) {
        count[rowLabel[r] + 1]++;
      }
    }
    for (int c = 0; c <= maxLabel; c++) {
      count[c + 1] += count[c];
    }
    int[] byLabel = new int[count[maxLabel + 1]];
    int[] fill = Arrays.copyOf(count, maxLabel + 1);
    for (int r = 0; r < rows; r++) {
      if (rowLabel[r] >= 0) {
        byLabel[fill[rowLabel[r]]++] = r;
      }
    }
    IntList out = new IntList();
    for (int c = 0; c <= maxLabel; c++) {
      int from = count[c];
      int to = count[c + 1];
      int m = to - from;
      if (m == 0) {
        continue;
      }
      float sum = 0f;
      for (int t = from; t < to; t++) {
        sum += mst[3 * byLabel[t] + 2];
      }
      float mean = sum / (float) m;
      double acc = 0;
      for (int t = from; t < to; t++) {
        float dlt = mst[3 * byLabel[t] + 2] - mean;
        acc += (float) ((double) dlt * dlt);
      }
      float var = (float) (acc / m);
      float std = (float) Math.sqrt(var);
      double limit = s * (double) std;
      for (int t = from; t < to; t++) {
        int r = byLabel[t];
        if (mst[3 * r + 2] < limit) {
          out.add((int) mst[3 * r]);
          out.add((int) mst[3 * r + 1]);
        }
      }
    }
    return out.toArray();
  }

  /** Pairs {@code (i, j)} of samples at k-NN distance exactly 0 (identical embeddings). */
  static int[] exactPairs(KnnGraph knn) {
    IntList out = new IntList();
    for (int i = 0; i < knn.size(); i++) {
      for (int r = 0; r < knn.k(); r++) {
        if (knn.distance(i, r) == 0f) {
          out.add(i);
          out.add(knn.neighbor(i, r));
        } else {
          break; // neighbours are sorted by distance
        }
      }
    }
    return out.toArray();
  }

  /**
   * Connected components of flat pairs (§2.3): one group per component of two or more samples,
   * members ascending, groups ordered by their smallest member. Union by size with path halving;
   * the components do not depend on the order of the pairs.
   */
  static int[][] components(int n, int[] pairs) {
    if (pairs.length == 0) {
      return new int[0][];
    }
    int[] parent = new int[n];
    int[] size = new int[n];
    for (int i = 0; i < n; i++) {
      parent[i] = i;
      size[i] = 1;
    }
    for (int p = 0; p < pairs.length; p += 2) {
      int a = find(parent, pairs[p]);
      int b = find(parent, pairs[p + 1]);
      if (a != b) {
        if (size[a] < size[b]) {
          int t = a;
          a = b;
          b = t;
        }
        parent[b] = a;
        size[a] += size[b];
      }
    }
    // Scanning samples ascending visits each component at its smallest member first.
    int[] groupOf = new int[n];
    Arrays.fill(groupOf, -1);
    List<IntList> groups = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int root = find(parent, i);
      if (size[root] < 2) {
        continue;
      }
      if (groupOf[root] < 0) {
        groupOf[root] = groups.size();
        groups.add(new IntList());
      }
      groups.get(groupOf[root]).add(i);
    }
    int[][] out = new int[groups.size()][];
    for (int g = 0; g < out.length; g++) {
      out[g] = groups.get(g).toArray();
    }
    return out;
  }

  private static int find(int[] parent, int i) {
    while (parent[i] != i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  }

  /** The samples of each label 0..max, ascending; noise (-1) is left out. */
  static int[][] membersByLabel(int[] labels) {
    int max = -1;
    for (int c : labels) {
      max = Math.max(max, c);
    }
    int[] count = new int[max + 1];
    for (int c : labels) {
      if (c >= 0) {
        count[c]++;
      }
    }
    int[][] out = new int[max + 1][];
    for (int c = 0; c <= max; c++) {
      out[c] = new int[count[c]];
    }
    int[] fill = new int[max + 1];
    for (int i = 0; i < labels.length; i++) {
      int c = labels[i];
      if (c >= 0) {
        out[c][fill[c]++] = i;
      }
    }
    return out;
  }
}
