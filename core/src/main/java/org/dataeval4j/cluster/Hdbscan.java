package org.dataeval4j.cluster;

import org.dataeval4j.data.Embeddings;
import org.dataeval4j.exec.Exec;
import org.dataeval4j.neighbors.KnnGraph;
import org.dataeval4j.neighbors.Neighbors;
import org.dataeval4j.tree.CondensedTree;
import org.jspecify.annotations.Nullable;

/**
 * HDBSCAN's extraction stages on a condensed tree, as DataEval runs them ({@code cluster.md} §6–§9;
 * hdbscan's {@code compute_stability}, {@code get_clusters} with excess of mass and {@code
 * allow_single_cluster=True}, {@code do_labelling}, {@code get_probabilities}): stabilities,
 * excess-of-mass selection, raw labels, membership strengths, the all-noise rule and the seed's
 * reassignment of noise to the nearest cluster centre. Every stage is O(n) (plus an exact
 * nearest-centre search for the noise), with no recursion.
 */
final class Hdbscan {
  private Hdbscan() {}

  /** min_cluster_size (§6.1). {@code nClusters} is null or >= 1 (validated by the options). */
  static int minClusterSize(int n, @Nullable Integer nClusters) {
    if (nClusters != null) {
      return Math.max(5, Math.floorDiv(n, nClusters * 3));
    }
    return Math.min(100, Math.max(5, (int) Math.floor(n * 0.05)));
  }

  /** max_cluster_size (§6.2): +Infinity when absent or not above min_cluster_size. */
  static double maxClusterSize(@Nullable Integer maxClusterSize, int minClusterSize) {
    if (maxClusterSize == null) {
      return Double.POSITIVE_INFINITY;
    }
    if (maxClusterSize <= minClusterSize) {
      System.getLogger(Hdbscan.class.getName())
          .log(
              System.Logger.Level.WARNING,
              "Provided max_cluster_size is smaller than min_cluster_size. Resetting to infinity.");
      return Double.POSITIVE_INFINITY;
    }
    return maxClusterSize;
  }

  /** Raw labels and membership strengths. */
  record Labels(int[] raw, float[] membership) {}

  /** Stability, selection, labels and membership (§8.1–§8.5). */
  static Labels extract(CondensedTree tree, double maxClusterSize) {
    int n = tree.sampleCount();
    int clusters = tree.clusterCount();
    int rows = tree.rows();
    // §8.1 stabilities in float32, indexed by cluster id - n.
    float[] stability = new float[clusters];
    int[] clusterParent = new int[clusters];
    float[] size = new float[clusters];
    clusterParent[0] = -1;
    size[0] = n - 1;
    boolean anyClusterRow = false;
    for (int r = 0; r < rows; r++) {
      float lam = tree.lambda(r);
      float cs = tree.childSize(r);
      int p = tree.parent(r) - n;
      if (cs > 1) {
        int c = tree.child(r) - n;
        stability[c] = -(lam * cs);
        clusterParent[c] = p;
        size[c] = cs;
        anyClusterRow = true;
      }
      stability[p] = stability[p] + lam * cs;
    }
    // §8.2 excess of mass, children before parents (ids grow with creation order).
    boolean[] marked = new boolean[clusters];
    if (anyClusterRow) {
      double[] childTotal = new double[clusters];
      for (int c = clusters - 1; c >= 0; c--) {
        double current = Math.max((double) stability[c], 0.0);
        double value;
        if (childTotal[c] > current || size[c] > maxClusterSize) {
          value = childTotal[c];
        } else {
          marked[c] = true;
          value = current;
        }
        if (c > 0) {
          childTotal[clusterParent[c]] += value;
        }
      }
    }
    // A cluster is selected if marked and no ancestor is marked (an ancestor's selection unmarks
    // its descendants). Parents have smaller ids, so one ascending pass decides it.
    boolean[] selected = new boolean[clusters];
    boolean[] underMarked = new boolean[clusters];
    int selectedCount = 0;
    for (int c = 0; c < clusters; c++) {
      if (c > 0) {
        int p = clusterParent[c];
        underMarked[c] = underMarked[p] || marked[p];
      }
      if (marked[c] && !underMarked[c]) {
        selected[c] = true;
        selectedCount++;
      }
    }
    int[] labelOf = new int[clusters];
    int next = 0;
    for (int c = 0; c < clusters; c++) {
      labelOf[c] = selected[c] ? next++ : -1;
    }
    // §8.3 top(C): the first selected cluster on the way up, or the root (0) if none before it.
    int[] top = new int[clusters];
    for (int c = 0; c < clusters; c++) {
      top[c] = c == 0 || selected[c] ? c : top[clusterParent[c]];
    }
    float maxRootLambda = Float.NEGATIVE_INFINITY;
    for (int r = 0; r < rows; r++) {
      if (tree.parent(r) == n) {
        maxRootLambda = Math.max(maxRootLambda, tree.lambda(r));
      }
    }
    int[] raw = new int[n];
    float[] pointLambda = new float[n];
    int[] pointParent = new int[n];
    for (int r = 0; r < rows; r++) {
      int x = tree.child(r);
      if (x < n) {
        pointLambda[x] = tree.lambda(r);
        pointParent[x] = tree.parent(r) - n;
      }
    }
    for (int x = 0; x < n; x++) {
      int t = top[pointParent[x]];
      if (t != 0) {
        raw[x] = labelOf[t];
      } else if (selectedCount == 1 && pointLambda[x] >= maxRootLambda) {
        // The root's label if the root is the selected cluster; DataEval crashes (KeyError) when
        // the single selected cluster is not the root: -1 here (divergences.md D-20).
        raw[x] = selected[0] ? labelOf[0] : -1;
      } else {
        raw[x] = -1;
      }
    }
    // §8.4 membership strengths from each selected cluster's death lambda (point rows only).
    double[] death = new double[clusters];
    for (int r = 0; r < rows; r++) {
      if (tree.childSize(r) == 1) {
        int p = tree.parent(r) - n;
        death[p] = Math.max(death[p], tree.lambda(r));
      }
    }
    int[] clusterOfLabel = new int[Math.max(1, selectedCount)];
    for (int c = 0; c < clusters; c++) {
      if (selected[c]) {
        clusterOfLabel[labelOf[c]] = c;
      }
    }
    float[] membership = new float[n];
    for (int x = 0; x < n; x++) {
      if (raw[x] < 0) {
        continue;
      }
      double dth = death[clusterOfLabel[raw[x]]];
      float lam = pointLambda[x];
      if (dth == 0.0 || !Float.isFinite(lam)) {
        membership[x] = 1f;
      } else {
        membership[x] = (float) (Math.min((double) lam, dth) / dth);
      }
    }
    // §8.5 everything noise: all labels 0, membership unchanged.
    boolean allNoise = true;
    for (int x = 0; x < n && allNoise; x++) {
      allNoise = raw[x] < 0;
    }
    if (allNoise) {
      java.util.Arrays.fill(raw, 0);
    }
    return new Labels(raw, membership);
  }

  /**
   * The seed's rule (§9): each sample labelled -1 takes the label of the nearest centre (mean of
   * the samples with that raw label, double), ties to the smallest label; others keep theirs. The
   * search is the exact k-NN search (ties by index, i.e. by label), so it costs O(noise m d) spread
   * over the threads, never more than the k-NN step.
   */
  static int[] reassignNoise(Embeddings x, int[] raw, Exec exec) {
    int n = x.size();
    int d = x.dim();
    int labels = 0;
    int noise = 0;
    for (int v : raw) {
      labels = Math.max(labels, v + 1);
      noise += v < 0 ? 1 : 0;
    }
    if (noise == 0 || labels == 0) {
      return raw.clone();
    }
    double[] data = x.flat();
    double[] centers = new double[labels * d];
    int[] counts = new int[labels];
    for (int i = 0; i < n; i++) {
      if (raw[i] >= 0) {
        counts[raw[i]]++;
        for (int t = 0; t < d; t++) {
          centers[raw[i] * d + t] += data[i * d + t];
        }
      }
    }
    for (int c = 0; c < labels; c++) {
      for (int t = 0; t < d; t++) {
        centers[c * d + t] /= counts[c];
      }
    }
    int[] noiseRows = new int[noise];
    for (int i = 0, m = 0; i < n; i++) {
      if (raw[i] < 0) {
        noiseRows[m++] = i;
      }
    }
    KnnGraph nearest =
        Neighbors.search(Embeddings.wrap(centers, labels, d), x.select(noiseRows), 1, exec);
    int[] out = raw.clone();
    for (int m = 0; m < noise; m++) {
      out[noiseRows[m]] = nearest.neighbor(m, 0);
    }
    return out;
  }
}
