package org.dataeval4j.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.dataeval4j.data.Embeddings;
import org.dataeval4j.exec.Exec;
import org.junit.jupiter.api.Test;

/** cluster(..., KMEANS): {@code conformance.md} C-06, C-18, C-30, C-32 to C-36. */
class ClusteringKMeansTest {

  static ClusterResult kmeans(Embeddings x, Integer k) {
    return Clustering.cluster(x, ClusterOptions.kmeans().withNClusters(k));
  }

  @Test
  void twoGroupsOfThreeWithDefaultK() {
    Embeddings x =
        Embeddings.of(new double[][] {{1, 2}, {1, 4}, {1, 0}, {10, 2}, {10, 4}, {10, 0}});
    ClusterResult r = Clustering.cluster(x, ClusterOptions.kmeans());
    int[] c = r.clusters();
    assertThat(c[0]).isEqualTo(c[1]).isEqualTo(c[2]).isNotEqualTo(c[3]);
    assertThat(c[3]).isEqualTo(c[4]).isEqualTo(c[5]);
    assertThat(r.membershipStrengths()).containsExactly(1, 0, 0, 1, 0, 0);
    assertThat(r.rawLabels()).isEqualTo(r.clusters());
    assertThat(r.centers()).hasSize(4);
    assertThat(r.knn().k()).isEqualTo(5);
    assertThat(r.mst()).hasSize(15);
  }

  @Test
  void oneClusterMembershipIsExactlyTheSpecExample() {
    Embeddings x = Embeddings.of(new double[][] {{0, 0}, {0, 2}, {2, 0}, {2, 2}, {1, 1}});
    ClusterResult r = kmeans(x, 1);
    assertThat(r.clusters()).containsOnly(0);
    assertThat(r.membershipStrengths()).containsExactly(0, 0, 0, 0, 1);
  }

  @Test
  void membershipIsFloatArithmeticOfSection104() {
    Embeddings x = Embeddings.of(new double[][] {{0, 0}, {0, 1}, {10, 0}, {10, 3}});
    ClusterResult r = kmeans(x, 2);
    assertThat(r.clusters()[0]).isEqualTo(r.clusters()[1]).isNotEqualTo(r.clusters()[2]);
    assertThat(Float.floatToIntBits(r.membershipStrengths()[0])).isEqualTo(0x3F2AAAAA);
    assertThat(r.membershipStrengths()[2]).isZero();
    assertThat(r.membershipStrengths()[3]).isZero();
  }

  @Test
  void twoPointsDefaultToOneCluster() {
    ClusterResult r =
        Clustering.cluster(Embeddings.of(new double[][] {{0, 0}, {3, 4}}), ClusterOptions.kmeans());
    assertThat(r.clusters()).containsExactly(0, 0);
    assertThat(r.membershipStrengths()).containsExactly(0f, 0f);
  }

  @Test
  void blobs50PartitionEqualsTheHdbscanOne() {
    Embeddings x = SpecCases.csv("blobs50.csv");
    int[] hdbscan = SpecCases.ints(SpecCases.expected("blobs50").get("dataeval_labels"));
    DataEvalReferenceTest.assertSamePartition(kmeans(x, 2).clusters(), hdbscan);
  }

  @Test
  void sameSeedAndAnyThreadCountGiveIdenticalResults() {
    Embeddings x = ClusteringPropertiesTest.blobs(5, 2000, 8, 7, 2.0);
    ClusterOptions o = ClusterOptions.kmeans().withNClusters(7).withSeed(42).withNInit(3);
    ClusterResult one = Clustering.cluster(x, o);
    ClusterResult again = Clustering.cluster(x, o);
    try (Exec four = Exec.create(4)) {
      ClusterResult many = Clustering.cluster(x, o, four);
      for (ClusterResult r : new ClusterResult[] {again, many}) {
        assertThat(r.clusters()).isEqualTo(one.clusters());
        assertThat(r.centers()).isEqualTo(one.centers());
        assertThat(r.inertia()).isEqualTo(one.inertia());
        assertThat(r.membershipStrengths()).isEqualTo(one.membershipStrengths());
      }
    }
  }

  @Test
  void tooManyClustersIsAnErrorWithDataEvalsMessage() {
    Embeddings x = ClusteringPropertiesTest.blobs(1, 10, 2, 2, 1.0);
    assertThatThrownBy(() -> kmeans(x, 10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("n_expected_clusters=10 should be less than dataset size (10)");
    assertThatThrownBy(() -> ClusterOptions.kmeans().withNInit(0))
        .hasMessageContaining("n_init must be >= 1");
  }
}
