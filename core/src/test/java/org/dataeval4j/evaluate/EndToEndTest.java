package org.dataeval4j.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.dataeval4j.cluster.ClusterOptions;
import org.dataeval4j.data.Embeddings;
import org.dataeval4j.exec.Exec;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * The evaluators through {@code cluster()} and KMeans, with 1 and 4 threads. Aborted (skipped)
 * while {@code Clustering.cluster} or {@code KMeans.fit} are not available in this build.
 */
class EndToEndTest {

  private interface Run<T> {
    T run(Exec exec);
  }

  private static <T> T[] both(Run<T> body, T[] out) {
    try {
      out[0] = body.run(Exec.serial());
      try (Exec four = Exec.create(4)) {
        out[1] = body.run(four);
      }
    } catch (UnsupportedOperationException e) {
      Assumptions.abort("not available yet: " + e.getMessage());
    }
    return out;
  }

  @Test
  void duplicatesAndOutliersDoNotDependOnThreads() {
    Embeddings x = Ref.of("blobs_n1k_d2").x;
    DuplicatesResult[] d =
        both(e -> Duplicates.evaluate(x, DuplicatesOptions.defaults(), e), new DuplicatesResult[2]);
    assertThat(DuplicatesTest.items(d[1].groups())).isEqualTo(DuplicatesTest.items(d[0].groups()));
    OutliersResult[] o =
        both(e -> Outliers.evaluate(x, OutliersOptions.defaults(), e), new OutliersResult[2]);
    assertThat(o[1].indices()).containsExactly(o[0].indices());
    OutliersResult[] k =
        both(
            e ->
                Outliers.evaluate(
                    List.of(x), OutliersOptions.defaults().withCluster(ClusterOptions.kmeans()), e),
            new OutliersResult[2]);
    assertThat(k[1].indices()).containsExactly(k[0].indices());
  }

  static final List<String> DATASETS = Ref.DATASETS;

  /** Our whole pipeline (our cluster(), then the evaluator) against DataEval's outputs. */
  @ParameterizedTest
  @FieldSource("DATASETS")
  void pipelineMatchesDataEval(String name) {
    Ref ref = Ref.of(name);
    DuplicatesResult d;
    try {
      d = Duplicates.evaluate(ref.x, DuplicatesOptions.dataEvalCompatible(1.0), Exec.serial());
    } catch (UnsupportedOperationException e) {
      Assumptions.abort("not available yet: " + e.getMessage());
      return;
    }
    DuplicatesResult theirs =
        Duplicates.fromClusters(ref.clusterResult(), DuplicatesOptions.dataEvalCompatible(1.0));
    for (double s : new double[] {0.5, 1.0, 2.0}) {
      assertThat(DuplicatesTest.items(d.withSensitivity(s).near()))
          .as("%s s=%s", name, s)
          .isEqualTo(DuplicatesTest.items(theirs.withSensitivity(s).near()));
    }
    OutliersResult o =
        Outliers.evaluate(ref.x, OutliersOptions.dataEvalCompatible(), Exec.serial());
    OutliersResult theirO =
        Outliers.fromClusters(ref.x, ref.clusterResult(), OutliersOptions.dataEvalCompatible());
    assertThat(o.indices()).as(name).containsExactly(theirO.indices());
    RankResult h = Prioritize.rankHdbscanDistance(ref.x, null, null, null, 0, Exec.serial());
    float[] want = TestNpy.read(ref.file("prioritize/hdbscan_distance_scores.npy")).floats();
    PrioritizeTest.assertSameOrderUpToTies(
        h.indices(),
        TestNpy.read(ref.file("prioritize/hdbscan_distance_indices.npy")).ints(),
        want);
  }

  @ParameterizedTest
  @EnumSource(PrioritizeMethod.class)
  void prioritizeDoesNotDependOnThreadsAndIsAPermutation(PrioritizeMethod m) {
    Ref ref = Ref.of("moons_n1k");
    PrioritizeOptions o = PrioritizeOptions.of(m).withC(m.name().startsWith("KMEANS") ? 10 : null);
    PrioritizeResult[] r =
        both(e -> Prioritize.evaluate(ref.x, null, o, ref.labels, e), new PrioritizeResult[2]);
    assertThat(r[1].indices()).containsExactly(r[0].indices());
    assertThat(PrioritizeTest.sorted(r[0].indices())).isEqualTo(DuplicatesTest.range(0, 1000));
    Embeddings reference = ref.x.select(DuplicatesTest.range(0, 1000));
    PrioritizeResult[] withRef =
        both(e -> Prioritize.evaluate(ref.x, reference, o, null, e), new PrioritizeResult[2]);
    assertThat(withRef[1].indices()).containsExactly(withRef[0].indices());
  }
}
