package org.dataeval4j.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import org.dataeval4j.data.Embeddings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code conformance.md} section B: DataEval's HDBSCAN answers on the spec's small inputs. */
class HdbscanConformanceTest {

  @Test
  void workedExampleOfAppendixA() {
    Embeddings x = Embeddings.ofColumn(0, 1, 3, 6, 10, 15, 100, 107, 115, 124, 134, 145, 300);
    ClusterResult r = Clustering.cluster(x);
    assertThat(r.knn().k()).isEqualTo(12);
    assertThat(Arrays.copyOfRange(r.knn().indices(), 0, 12))
        .containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
    float[] weights = new float[12];
    for (int e = 0; e < 12; e++) {
      weights[e] = r.mst()[3 * e + 2];
    }
    assertThat(weights).containsExactly(1, 2, 3, 4, 5, 7, 8, 9, 10, 11, 85, 155);
    assertThat(r.linkageTree())
        .containsExactly(
            1, 0, 1, 2, 13, 2, 2, 3, 14, 3, 3, 4, 15, 4, 4, 5, 16, 5, 5, 6, 7, 6, 7, 2, 18, 8, 8, 3,
            19, 9, 9, 4, 20, 10, 10, 5, 21, 11, 11, 6, 22, 17, 85, 12, 23, 12, 155, 13);
    assertThat(r.rawLabels()).containsExactly(1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, -1);
    assertThat(r.membershipStrengths())
        .containsExactly(1, 1, 1, 1, 1, 0.8f, 1, 1, 1, 1, 1, 0.90909094f, 0);
    assertThat(r.clusters()).containsExactly(1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "blobs50, blobs50.csv, , ",
    "functional100, functional100.csv, , ",
    "outlier100, outlier100.csv, , ",
    "notebook100__n_clusters=5, notebook100.csv, 5, ",
    "disconnected60, disconnected60.csv, , ",
    "maxsize30, maxsize30.csv, , ",
    "maxsize30__max_cluster_size=15, maxsize30.csv, , 15",
    "uniform40, uniform40.csv, , ",
    "uniform100, uniform100.csv, , ",
  })
  void matchesDataEval(String key, String file, Integer nClusters, Integer maxClusterSize) {
    JsonNode e = SpecCases.expected(key);
    Embeddings x = SpecCases.csv(file);
    ClusterResult r =
        Clustering.cluster(
            x,
            ClusterOptions.defaults().withNClusters(nClusters).withMaxClusterSize(maxClusterSize));
    assertThat(r.rawLabels()).containsExactly(SpecCases.ints(e.get("dataeval_labels")));
    assertThat(r.clusters()).containsExactly(SpecCases.ints(e.get("seed_labels")));
    float[] membership = SpecCases.floats(e.get("membership"));
    for (int i = 0; i < membership.length; i++) {
      assertThat(r.membershipStrengths()[i])
          .as("membership %d", i)
          .isCloseTo(membership[i], within(Math.ulp(membership[i]) * 4));
    }
    // cluster.md §0.1: DataEval computes sqrt(|a|^2 - 2 a.b + |b|^2), which loses about 1e-10 to
    // cancellation on the near-duplicate pair 58/63 (distance 1.4e-5); we compute the exact value.
    float[] weights = SpecCases.floats(e.get("mst_weights_sorted"));
    for (int i = 0; i < weights.length; i++) {
      float tolerance = Math.max(Math.ulp(weights[i]) * 4, 1e-9f);
      assertThat(r.mst()[3 * i + 2])
          .as("mst weight %d", i)
          .isCloseTo(weights[i], within(tolerance));
    }
  }

  @Test
  void maxClusterSizeNotAboveMinIsIgnoredAndAHintOfThreeChangesNothing() {
    Embeddings x = SpecCases.csv("maxsize30.csv");
    int[] expected = SpecCases.ints(SpecCases.expected("maxsize30").get("dataeval_labels"));
    assertThat(Clustering.cluster(x, ClusterOptions.defaults().withMaxClusterSize(5)).rawLabels())
        .containsExactly(expected);
    assertThat(Clustering.cluster(x, ClusterOptions.defaults().withNClusters(3)).rawLabels())
        .containsExactly(expected);
  }

  @Test
  void disconnectedGraphIsBridgedByItsNearestPair() {
    ClusterResult r = Clustering.cluster(SpecCases.csv("disconnected60.csv"));
    float[] mst = r.mst();
    int last = 58;
    assertThat(Math.min(mst[3 * last], mst[3 * last + 1])).isEqualTo(29);
    assertThat(Math.max(mst[3 * last], mst[3 * last + 1])).isEqualTo(30);
    assertThat(mst[3 * last + 2]).isEqualTo(83.8445053f);
    assertThat(Arrays.copyOfRange(r.linkageTree(), 4 * 58, 4 * 59))
        .containsExactly(117, 116, 83.8445053f, 60);
  }

  @Test
  void keyErrorCaseOfDataEvalGivesTheSpecLabels() {
    JsonNode e = SpecCases.expected("keyerror157__max_cluster_size=20");
    ClusterResult r =
        Clustering.cluster(
            SpecCases.csv("keyerror157.csv"), ClusterOptions.defaults().withMaxClusterSize(20));
    assertThat(r.rawLabels()).containsExactly(SpecCases.ints(e.get("spec_raw_labels")));
    assertThat(r.clusters()).containsExactly(SpecCases.ints(e.get("spec_seed_labels")));
    assertThat(r.membershipStrengths()).containsExactly(SpecCases.floats(e.get("spec_membership")));
  }
}
