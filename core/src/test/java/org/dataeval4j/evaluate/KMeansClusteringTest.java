package org.dataeval4j.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dataeval4j.cluster.Algorithm;
import org.dataeval4j.cluster.ClusterResult;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * The evaluators on DataEval's own KMeans clusterings ({@code dataeval/DATASET/kmeans/}, n_clusters
 * = 10, 2 for moons): results that depend on DataEval's KMeans random stream are compared by
 * running ours on its clustering. The spanning tree is the HDBSCAN variant's (DataEval stores it
 * once, as it does not depend on the algorithm).
 */
class KMeansClusteringTest {
  static final List<String> DATASETS =
      List.of("digits64", "fmnist_pca50_5k", "blobs_n1k_d2", "moons_n1k");

  private static String file(String name, String f) {
    return "dataeval/" + name + "/kmeans/" + f;
  }

  private static ClusterResult kmeansResult(Ref ref, int[] labels) {
    ClusterResult h = ref.clusterResult();
    return ClusterResult.precomputed(Algorithm.KMEANS, labels, null, ref.mst, null, h.knn());
  }

  @ParameterizedTest
  @FieldSource("DATASETS")
  void clusterStatsMatchDataEval(String name) {
    Ref ref = Ref.of(name);
    int[] labels = TestNpy.read(file(name, "clusters.npy")).ints();
    ClusterStats s = ClusterStats.computeClusterStats(ref.x, labels, false);
    assertThat(s.nearestClusterIdx())
        .containsExactly(TestNpy.read(file(name, "cluster_stats_nearest_cluster_idx.npy")).ints());
    assertThat(s.distances())
        .containsExactly(TestNpy.read(file(name, "cluster_stats_distances.npy")).floats());
    assertThat(s.means())
        .containsExactly(
            TestNpy.read(file(name, "cluster_stats_cluster_distances_mean.npy")).floats());
    assertThat(s.stds())
        .containsExactly(
            TestNpy.read(file(name, "cluster_stats_cluster_distances_std.npy")).floats());
  }

  @ParameterizedTest
  @FieldSource("DATASETS")
  void duplicatesAndOutliersMatchDataEval(String name) {
    Ref ref = Ref.of(name);
    int[] labels = TestNpy.read(file(name, "clusters.npy")).ints();
    ClusterResult cr = kmeansResult(ref, labels);
    Map<String, Object> dups = TestJson.obj(TestJson.read(file(name, "duplicates.json")));
    for (String s : List.of("0.5", "1.0", "2.0")) {
      List<List<Integer>> want = new ArrayList<>();
      for (Object row : TestJson.list(TestJson.get(TestJson.obj(TestJson.get(dups, s)), "rows"))) {
        int[] items = TestJson.ints(TestJson.get(TestJson.obj(row), "item_indices"));
        want.add(DuplicatesTest.lists(new int[][] {items}).get(0));
      }
      DuplicatesResult got =
          Duplicates.fromClusters(cr, DuplicatesOptions.dataEvalCompatible(Double.parseDouble(s)));
      assertThat(DuplicatesTest.items(got.near())).as("%s s=%s", name, s).isEqualTo(want);
    }
    Map<String, Object> out = TestJson.obj(TestJson.read(file(name, "outliers.json")));
    OutliersResult z25 = Outliers.fromClusters(ref.x, cr, OutliersOptions.dataEvalCompatible());
    for (var c :
        List.of(Map.entry("default", z25), Map.entry("zscore_upper_3.0", z25.withThreshold(3)))) {
      Map<String, Object> entry = TestJson.obj(TestJson.get(out, c.getKey()));
      int[] idx = TestJson.ints(TestJson.get(entry, "item_index"));
      double[] val = TestJson.doubles(TestJson.get(entry, "metric_value"));
      assertThat(c.getValue().indices()).as("%s %s", name, c.getKey()).containsExactly(idx);
      for (int t = 0; t < idx.length; t++) {
        assertThat(c.getValue().outliers().get(t).zScore())
            .isCloseTo(val[t], within(1e-6 * Math.abs(val[t])));
      }
    }
    // KMeans labels already are nearest-centre assignments, up to samples whose own centre is not
    // their nearest after Lloyd's last step: the default (nearest centre, n = 3) agrees with
    // DataEval's z = 3 wherever the assignments agree.
    ClusterStats own = ClusterStats.computeClusterStats(ref.x, labels, false);
    ClusterStats nearest = ClusterStats.computeClusterStats(ref.x, labels, true);
    if (java.util.Arrays.equals(own.nearestClusterIdx(), nearest.nearestClusterIdx())) {
      assertThat(Outliers.fromClusters(ref.x, cr, OutliersOptions.defaults()).indices())
          .containsExactly(z25.withThreshold(3).indices());
    }
  }
}
