package org.dataeval4j.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.dataeval4j.data.Embeddings;
import org.dataeval4j.exec.Exec;
import org.dataeval4j.neighbors.KnnGraph;
import org.dataeval4j.neighbors.Neighbors;
import org.dataeval4j.tree.SpanningTree;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Invariants of cluster() on seeded random inputs, and its edge cases. */
class ClusteringPropertiesTest {

  static Embeddings blobs(long seed, int n, int d, int centres, double spread) {
    SplittableRandom rnd = new SplittableRandom(seed);
    double[] c = new double[centres * d];
    for (int i = 0; i < c.length; i++) {
      c[i] = rnd.nextDouble(-10, 10);
    }
    double[] v = new double[n * d];
    for (int i = 0; i < n; i++) {
      int b = rnd.nextInt(centres);
      for (int t = 0; t < d; t++) {
        v[i * d + t] = (float) (c[b * d + t] + spread * rnd.nextGaussian());
      }
    }
    return Embeddings.wrap(v, n, d);
  }

  /** Prim's algorithm on the full distance matrix: the exact Euclidean MST weight. */
  static double primWeight(Embeddings x) {
    int n = x.size();
    double[] best = new double[n];
    boolean[] in = new boolean[n];
    java.util.Arrays.fill(best, Double.POSITIVE_INFINITY);
    best[0] = 0;
    double total = 0;
    for (int step = 0; step < n; step++) {
      int u = -1;
      for (int i = 0; i < n; i++) {
        if (!in[i] && (u < 0 || best[i] < best[u])) {
          u = i;
        }
      }
      in[u] = true;
      total += (float) best[u];
      for (int i = 0; i < n; i++) {
        if (!in[i]) {
          best[i] = Math.min(best[i], Neighbors.distance(x, u, x, i));
        }
      }
    }
    return total;
  }

  static double treeWeight(float[] edges) {
    double s = 0;
    for (int r = 0; r < edges.length / 3; r++) {
      s += edges[3 * r + 2];
    }
    return s;
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 4, 5})
  void withKEqualToNMinusOneTheTreeIsTheExactMinimumSpanningTree(long seed) {
    Embeddings x = blobs(seed, 40 + (int) seed * 20, 3, 4, 1.5);
    KnnGraph all = Neighbors.selfKnn(x, x.size() - 1, Exec.serial());
    float[] tree = SpanningTree.fromKnn(x, all, Exec.serial());
    assertThat(treeWeight(tree)).isCloseTo(primWeight(x), within(1e-3));
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {11, 12, 13, 14})
  void smallInputsGiveThePrimTreeThroughCluster(long seed) {
    Embeddings x = blobs(seed, 20 + (int) seed, 2, 3, 2.0);
    ClusterResult r = Clustering.cluster(x);
    assertThat(treeWeight(r.mst())).isCloseTo(primWeight(x), within(1e-3));
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {21, 22, 23, 24, 25, 26})
  void invariantsHoldOnRandomBlobs(long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    int n = 200 + rnd.nextInt(600);
    int d = 1 + rnd.nextInt(12);
    Embeddings x = blobs(seed, n, d, 2 + rnd.nextInt(8), 0.5 + rnd.nextDouble() * 3);
    ClusterResult r = Clustering.cluster(x);
    int mcs = r.minClusterSize();
    int[] counts = new int[n + 1];
    for (int label : r.rawLabels()) {
      if (label >= 0) {
        counts[label]++;
      }
    }
    for (int c = 0; c < n; c++) {
      assertThat(counts[c] == 0 || counts[c] >= mcs)
          .as("cluster %d has %d members, min size %d", c, counts[c], mcs)
          .isTrue();
    }
    for (int i = 0; i < n; i++) {
      assertThat(r.clusters()[i]).isNotNegative();
      if (r.rawLabels()[i] >= 0) {
        assertThat(r.clusters()[i]).isEqualTo(r.rawLabels()[i]);
      } else {
        assertThat(r.membershipStrengths()[i]).isZero();
      }
      assertThat(r.membershipStrengths()[i]).isBetween(0f, 1f);
    }
    assertNoiseWentToTheNearestCentre(x, r);
    // mst sorted by weight, linkage sizes end with n
    for (int e = 1; e < n - 1; e++) {
      assertThat(r.mst()[3 * e + 2]).isGreaterThanOrEqualTo(r.mst()[3 * e - 1]);
    }
    assertThat(r.linkageTree()[4 * (n - 2) + 3]).isEqualTo((float) n);
  }

  /** Seed rule (§9, C-22): each noise sample takes the label of the nearest raw-label centre. */
  static void assertNoiseWentToTheNearestCentre(Embeddings x, ClusterResult r) {
    int d = x.dim();
    int labels = java.util.Arrays.stream(r.rawLabels()).max().getAsInt() + 1;
    double[][] centre = new double[labels][d];
    int[] count = new int[labels];
    for (int i = 0; i < x.size(); i++) {
      int c = r.rawLabels()[i];
      if (c >= 0) {
        count[c]++;
        for (int t = 0; t < d; t++) {
          centre[c][t] += x.get(i, t);
        }
      }
    }
    for (int i = 0; i < x.size(); i++) {
      if (r.rawLabels()[i] >= 0) {
        continue;
      }
      double best = Double.POSITIVE_INFINITY;
      int bestLabel = -1;
      for (int c = 0; c < labels; c++) {
        double s = 0;
        for (int t = 0; t < d; t++) {
          double diff = x.get(i, t) - centre[c][t] / count[c];
          s += diff * diff;
        }
        if (s < best) {
          best = s;
          bestLabel = c;
        }
      }
      assertThat(r.clusters()[i]).as("noise sample %d", i).isEqualTo(bestLabel);
    }
  }

  @Test
  void oneAndFourThreadsGiveIdenticalArrays() {
    Embeddings x = blobs(99, 3000, 10, 6, 1.0);
    ClusterResult one = Clustering.cluster(x);
    try (Exec four = Exec.create(4)) {
      ClusterResult many = Clustering.cluster(x, ClusterOptions.defaults(), four);
      assertThat(many.rawLabels()).isEqualTo(one.rawLabels());
      assertThat(many.clusters()).isEqualTo(one.clusters());
      assertThat(many.mst()).isEqualTo(one.mst());
      assertThat(many.linkageTree()).isEqualTo(one.linkageTree());
      assertThat(many.membershipStrengths()).isEqualTo(one.membershipStrengths());
      assertThat(many.knn().indices()).isEqualTo(one.knn().indices());
      assertThat(many.knn().distances()).isEqualTo(one.knn().distances());
    }
  }

  @Test
  void twoPoints() {
    ClusterResult r = Clustering.cluster(Embeddings.of(new double[][] {{0, 0}, {3, 4}}));
    assertThat(r.knn().indices()).containsExactly(1, 0);
    assertThat(r.knn().distances()).containsExactly(5f, 5f);
    assertThat(r.linkageTree()).containsExactly(1, 0, 5, 2);
    assertThat(r.clusters()).containsExactly(0, 0);
    assertThat(r.membershipStrengths()).containsExactly(0f, 0f);
  }

  @ParameterizedTest(name = "n={0}")
  @ValueSource(ints = {6, 12, 20})
  void allIdenticalPointsAreOneClusterWithZeroMembership(int n) {
    double[][] rows = new double[n][];
    for (int i = 0; i < n; i++) {
      rows[i] = new double[] {1, 1, 1};
    }
    ClusterResult r = Clustering.cluster(Embeddings.of(rows));
    assertThat(r.clusters()).containsOnly(0);
    assertThat(r.membershipStrengths()).containsOnly(0f);
    assertThat(r.knn().distances()).containsOnly(0f);
    assertThat(treeWeight(r.mst())).isZero();
  }

  @Test
  void oneDimensionalInputIsAccepted() {
    double[] v = new double[12];
    for (int i = 0; i < 12; i++) {
      v[i] = i;
    }
    assertThat(Clustering.cluster(Embeddings.ofColumn(v)).clusters()).containsOnly(0);
  }

  @Test
  void manyExactDuplicatesKeepTheInvariants() {
    Embeddings base = blobs(7, 300, 4, 3, 1.0);
    int[] rows = new int[900];
    for (int i = 0; i < 900; i++) {
      rows[i] = i % 300;
    }
    ClusterResult r = Clustering.cluster(base.select(rows));
    assertThat(java.util.Arrays.stream(r.clusters()).min().getAsInt()).isNotNegative();
    for (int i = 0; i < 300; i++) {
      assertThat(r.rawLabels()[i + 300]).isEqualTo(r.rawLabels()[i]);
    }
  }

  @Test
  void wellSeparatedBlobsLargerThanKAreConnectedAndSeparated() {
    int per = 60;
    double[] v = new double[4 * per * 2];
    SplittableRandom rnd = new SplittableRandom(3);
    for (int b = 0; b < 4; b++) {
      for (int i = 0; i < per; i++) {
        v[2 * (b * per + i)] = b * 1000 + rnd.nextGaussian();
        v[2 * (b * per + i) + 1] = rnd.nextGaussian();
      }
    }
    ClusterResult r = Clustering.cluster(Embeddings.wrap(v, 4 * per, 2));
    assertThat(r.mst()[3 * (4 * per - 2) + 2]).isGreaterThan(900f);
    assertThat(r.clusterCount()).isEqualTo(4);
    for (int b = 0; b < 4; b++) {
      for (int i = 1; i < per; i++) {
        assertThat(r.clusters()[b * per + i]).isEqualTo(r.clusters()[b * per]);
      }
    }
  }

  @Test
  void badCountsAndShapesAreRejectedClearly() {
    assertThatThrownBy(() -> ClusterOptions.defaults().withNClusters(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("n_clusters must be >= 1, got 0");
    assertThatThrownBy(() -> ClusterOptions.defaults().withNClusters(-3))
        .hasMessageContaining("got -3");
    assertThatThrownBy(() -> Clustering.cluster(Embeddings.of(new double[][] {{1}})))
        .hasMessage("Data should have at least 2 samples; got 1");
    assertThatThrownBy(() -> Clustering.cluster(Embeddings.ofFlat(new double[0], 2, 0)))
        .hasMessage("Samples should have at least 1 feature; got 0");
    assertThatThrownBy(() -> Embeddings.of(new double[][] {{1, 2}, {3, Double.NaN}}))
        .hasMessageContaining("row 1, column 1");
    assertThatThrownBy(() -> Embeddings.of(new double[][] {{Double.POSITIVE_INFINITY, 2}}))
        .hasMessageContaining("row 0, column 0");
  }
}
