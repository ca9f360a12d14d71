package org.dataeval4j.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.dataeval4j.data.Embeddings;
import org.dataeval4j.neighbors.Neighbors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

class ClusterStatsTest {
  static final java.util.List<String> DATASETS = Ref.DATASETS;

  private static final Embeddings C40 =
      Embeddings.of(new double[][] {{0, 0}, {0, 1}, {7, 0}, {10, 0}, {11, 0}, {20, 0}});

  /** C-40's input is float64 in DataEval (Python ints): double centres, as numpy's there. */
  private static ClusterStats stats64(int[] labels, boolean all) {
    return ClusterStats.computeClusterStats(C40, labels, all, false);
  }

  @Test
  void c40WithNoiseEverySampleMovesToItsNearestCentre() {
    ClusterStats s = stats64(new int[] {0, 0, 0, 1, 1, -1}, false);
    assertThat(s.clusterIds()).containsExactly(0, 1);
    assertThat(s.centers()).containsExactly(2.3333333333333335, 0.3333333333333333, 10.5, 0.0);
    assertThat(s.nearestClusterIdx()).containsExactly(0, 0, 1, 1, 1, 1);
    assertThat(s.distances()).containsExactly(2.3570225f, 2.4267032f, 3.5f, 0.5f, 0.5f, 9.5f);
    assertThat(s.means()).containsExactly(2.3918629f, 3.5f);
    assertThat(s.stds()).containsExactly(0.034840345f, 3.6742346f);
  }

  @Test
  void c40WithoutNoiseOwnCentreByDefaultNearestOnRequest() {
    int[] labels = {0, 0, 0, 1, 1, 1};
    ClusterStats own = stats64(labels, false);
    assertThat(own.centers()[2]).isEqualTo(13.666666666666666);
    assertThat(own.nearestClusterIdx()).containsExactly(0, 0, 0, 1, 1, 1);
    assertThat(own.distances())
        .containsExactly(2.3570225f, 2.4267032f, 4.6785564f, 3.6666667f, 2.6666667f, 6.3333335f);
    assertThat(own.means()).containsExactly(3.154094f, 4.2222223f);
    assertThat(own.stds()).containsExactly(1.078333f, 1.5475987f);
    // Sample 2 (7,0) is nearer to (13.67,0) (6.67) than to (2.33,0.33) (4.68)? No: 4.68 < 6.67,
    // so the nearest-centre assignment keeps every sample where it is here.
    ClusterStats nearest = stats64(labels, true);
    assertThat(nearest.nearestClusterIdx()).containsExactly(0, 0, 0, 1, 1, 1);
  }

  @Test
  void c40AllNoiseGivesEmptyStatistics() {
    ClusterStats s =
        ClusterStats.computeClusterStats(C40, new int[] {-1, -1, -1, -1, -1, -1}, true);
    assertThat(s.clusterIds()).isEmpty();
    assertThat(s.centers()).isEmpty();
    assertThat(s.means()).isEmpty();
    assertThat(s.distances()).containsOnly(Float.POSITIVE_INFINITY);
    assertThat(s.nearestClusterIdx()).containsOnly(-1);
  }

  @Test
  void doubleInputGivesDoubleCentres() {
    Embeddings x = Embeddings.of(new double[][] {{0.1}, {0.2}, {0.4}});
    ClusterStats s = ClusterStats.computeClusterStats(x, new int[] {0, 0, 0}, false);
    assertThat(s.centers()[0]).isEqualTo((0.1 + 0.2 + 0.4) / 3);
  }

  @Test
  void nonContiguousLabelsMapToPositions() {
    ClusterStats s = ClusterStats.computeClusterStats(C40, new int[] {4, 4, 4, 9, 9, 9}, false);
    assertThat(s.clusterIds()).containsExactly(4, 9);
    assertThat(s.nearestClusterIdx()).containsExactly(0, 0, 0, 1, 1, 1);
    assertThat(s.distances()[2]).isEqualTo(4.6785564f);
  }

  @Test
  void badInputIsRejected() {
    assertThatThrownBy(() -> ClusterStats.computeClusterStats(C40, new int[] {0, 0}, false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("labels must have one entry per sample (6), got 2");
    assertThatThrownBy(
            () -> ClusterStats.computeClusterStats(C40, new int[] {0, 0, 0, 1, 1, -2}, false))
        .hasMessageContaining("labels must be >= -1");
  }

  @ParameterizedTest
  @FieldSource("DATASETS")
  void matchesDataEvalComputeClusterStats(String name) {
    Ref r = Ref.of(name);
    ClusterStats s = ClusterStats.computeClusterStats(r.x, r.clusters, false);
    assertThat(s.clusterIds())
        .containsExactly(TestNpy.read(r.file("cluster_stats_cluster_ids.npy")).ints());
    assertThat(s.nearestClusterIdx())
        .containsExactly(TestNpy.read(r.file("cluster_stats_nearest_cluster_idx.npy")).ints());
    double[] centres = TestNpy.read(r.file("cluster_stats_centers.npy")).doubles();
    // Float32 input: centres are float32 means like numpy's, so everything matches bit for bit.
    assertThat(s.centers()).containsExactly(centres);
    float[] dist = TestNpy.read(r.file("cluster_stats_distances.npy")).floats();
    for (int i = 0; i < dist.length; i++) {
      assertThat(s.distances()[i]).as("distance %d", i).isEqualTo(dist[i]);
    }
    float[] means = TestNpy.read(r.file("cluster_stats_cluster_distances_mean.npy")).floats();
    float[] stds = TestNpy.read(r.file("cluster_stats_cluster_distances_std.npy")).floats();
    for (int j = 0; j < means.length; j++) {
      assertThat(s.means()[j]).isEqualTo(means[j]);
      assertThat(s.stds()[j]).isEqualTo(stds[j]);
    }
  }

  @Test
  void assignAllToNearestPicksTheNearestCentreForEverySample() {
    Ref r = Ref.of("blobs_n1k_d2");
    ClusterStats s = ClusterStats.computeClusterStats(r.x, r.clusters, true);
    double[] c = s.centers();
    Embeddings centres = Embeddings.wrap(c.clone(), s.clusterCount(), r.x.dim());
    for (int i = 0; i < r.x.size(); i++) {
      double best = Double.POSITIVE_INFINITY;
      int arg = -1;
      for (int j = 0; j < s.clusterCount(); j++) {
        double dd = Neighbors.distance(r.x, i, centres, j);
        if (dd < best) {
          best = dd;
          arg = j;
        }
      }
      assertThat(s.nearestClusterIdx()[i]).isEqualTo(arg);
      assertThat(s.distances()[i]).isEqualTo((float) best);
    }
  }

  @Test
  void float32MeanAndStdFollowNumpy() {
    // numpy 2.x: np.float32 array 0.1 * (1..300) -> mean/std computed with pairwise sums.
    float[] a = new float[300];
    double naive = 0;
    for (int i = 0; i < a.length; i++) {
      a[i] = 0.1f * (i + 1);
      naive += a[i];
    }
    float mean = Float32Stats.mean(a, 0, a.length);
    assertThat((double) mean).isCloseTo(naive / 300, within(1e-4));
    // Values printed by numpy 2.4: a.mean(), a.std() for a = float32(0.1) * arange(1, 301).
    assertThat(mean).isEqualTo(15.05f);
    float std = Float32Stats.std(a, 0, a.length, mean);
    assertThat(std).isEqualTo(8.660206f);
  }
}
