package org.dataeval4j.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.dataeval4j.data.Embeddings;
import org.dataeval4j.exec.Exec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

class LabelErrorsTest {
  static final List<String> DATASETS = Ref.DATASETS;

  private static LabelErrorsResult run(Embeddings x, long[] labels, int k) {
    return LabelErrors.evaluate(x, labels, new LabelErrorsOptions(k), Exec.serial());
  }

  @Test
  void c70IntegrationFlow() {
    Embeddings x =
        Embeddings.of(
            new double[][] {
              {9, 9},
              {0.1, 0.1},
              {0.2, 0.2},
              {0.3, 0.3},
              {0.4, 0.4},
              {10.5, 10.5},
              {10.6, 10.6},
              {10.7, 10.7},
              {10.8, 10.8},
              {10.9, 10.9}
            });
    LabelErrorsResult r = run(x, new long[] {0, 0, 0, 0, 0, 1, 1, 1, 1, 1}, 3);
    assertThat(r.scores())
        .containsExactly(
            5.4374995f,
            0.01904762f,
            0.012820513f,
            0.012944984f,
            0.019607846f,
            0.027522938f,
            0.018099546f,
            0.017857144f,
            0.017621147f,
            0.02608696f);
    assertThat(r.errorIndices()).containsExactly(0);
    assertThat(r.errors().get(0).label()).isZero();
    assertThat(r.errors().get(0).suggested()).containsExactly(1L);
    assertThat(r.errorRank()).containsExactly(0, 5, 9, 4, 1, 6, 7, 8, 3, 2);
  }

  @Test
  void c71PerfectSeparationAndKCappedAtClassSize() {
    double[][] rows = new double[10][];
    for (int i = 0; i < 10; i++) {
      rows[i] = i < 5 ? new double[] {0, 0} : new double[] {10, 10};
    }
    Embeddings x = Embeddings.of(rows);
    long[] labels = {0, 0, 0, 0, 0, 1, 1, 1, 1, 1};
    LabelErrorsResult r = run(x, labels, 3);
    assertThat(r.scores()).containsOnly(0f);
    assertThat(r.errors()).isEmpty();
    LabelErrorsResult big = run(x, labels, 50);
    assertThat(big.k()).isEqualTo(4);
    assertThat(big.scores()).containsOnly(0f);
    assertThat(big.errorRank()).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
  }

  @Test
  void c72ThreeClasses() {
    Map<String, Object> e = Ref.expected("label_errors_3class");
    Embeddings x = Embeddings.of(TestJson.doubleRows(TestJson.get(e, "X")));
    int[] labels = TestJson.ints(TestJson.get(e, "labels"));
    LabelErrorsResult r = LabelErrors.evaluate(x, labels, new LabelErrorsOptions(2), Exec.serial());
    double[] want = TestJson.doubles(TestJson.get(e, "scores"));
    for (int i = 0; i < want.length; i++) {
      assertThat(r.scores()[i]).isEqualTo((float) want[i]);
    }
    assertThat(r.errorIndices()).containsExactly(11);
    assertThat(r.errors().get(0).label()).isEqualTo(1);
    assertThat(r.errors().get(0).suggested()).containsExactly(0L);
    assertThat(r.errorRank()).containsExactly(TestJson.ints(TestJson.get(e, "error_rank")));
  }

  @Test
  void c73Suggestions() {
    assertThat(suggest(2, 1, 2, 3, 2)).containsExactly(2L);
    assertThat(suggest(0, 3, 3, 3, 3)).containsExactly(3L);
    assertThat(suggest(1, 2, 1, 2, 1, 2)).containsExactly(1L, 2L);
    assertThat(suggest(0, 1, 0, 1, 3, 4)).containsExactly(0L, 1L);
    assertThat(suggest(0, 1, 2, 3, 4)).isEmpty();
    assertThat(suggest(4, 0, 1, 3, 2)).isEmpty();
    // Exact tie 0.5 / 0.5: the higher class first.
    assertThat(suggest(1, 2, 1, 2, 2, 1, 2)).containsExactly(2L, 1L);
    assertThat(suggest(1, 2, 2, 1, 2, 1, 0)).containsExactly(1L, 2L);
  }

  private static long[] suggest(long... neighbours) {
    return LabelErrors.suggest(neighbours, 0, neighbours.length);
  }

  @Test
  void c74SingleClassAndSingletonClass() {
    Embeddings x = Embeddings.of(new double[][] {{0}, {1}, {2}, {5}});
    LabelErrorsResult one = run(x, new long[] {3, 3, 3, 3}, 50);
    assertThat(one.scores()).containsOnly(0f);
    assertThat(one.errors()).isEmpty();
    assertThat(one.errorRank()).containsExactly(0, 1, 2, 3);
    assertThatThrownBy(() -> run(x, new long[] {0, 0, 0, 1}, 50))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("every class must have at least 2 samples")
        .hasMessageContaining("class 1 with 1");
  }

  @Test
  void twoClassesOfTwoSamples() {
    Embeddings x = Embeddings.of(new double[][] {{0}, {1}, {1.2}, {5}});
    LabelErrorsResult r = run(x, new long[] {0, 0, 1, 1}, 50);
    assertThat(r.k()).isEqualTo(1);
    // Sample 1: own-class neighbour at 1, other-class at 0.2 -> 5; sample 2: 3.8 / 0.2 = 19;
    // sample 3: own at 3.8, other at 4 -> 0.95.
    assertThat(r.scores()).containsExactly(1f / 1.2f, 5f, 19f, 3.8f / 4f);
    assertThat(r.errorIndices()).containsExactly(1, 2);
    assertThat(r.errorRank()).containsExactly(2, 1, 3, 0);
  }

  @Test
  void badInputIsRejected() {
    Embeddings x = Embeddings.of(new double[][] {{0}, {1}, {2}, {3}});
    assertThatThrownBy(() -> run(x, new long[] {0, 0, 1}, 5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("labels must have one entry per sample (4), got 3");
    assertThatThrownBy(() -> run(x, new long[] {0, 0, -1, 1}, 5))
        .hasMessageContaining("labels must be >= 0, got -1 at index 2");
    assertThatThrownBy(() -> new LabelErrorsOptions(0))
        .hasMessageContaining("k must be >= 1, got 0");
    assertThatThrownBy(() -> LabelErrors.integerLabels(new double[] {0, 1.5}))
        .hasMessageContaining("labels must be integers, got 1.5 at index 1");
    assertThatThrownBy(() -> LabelErrors.integerLabels(new double[] {Double.NaN}))
        .hasMessageContaining("labels must be integers, got NaN at index 0");
    assertThatThrownBy(() -> Embeddings.of(new double[][] {{0}, {Double.NaN}}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("row 1");
    assertThat(LabelErrors.integerLabels(new double[] {2, 0, 7})).containsExactly(2, 0, 7);
  }

  @ParameterizedTest
  @FieldSource("DATASETS")
  void matchesDataEvalLabelErrors(String name) {
    Ref ref = Ref.of(name);
    LabelErrorsResult r = run(ref.x, ref.labels, 50);
    float[] want = TestNpy.read(ref.file("label_scores.npy")).floats();
    for (int i = 0; i < want.length; i++) {
      // DataEval's k-NN distances come from |a|^2 - 2ab + |b|^2 and may be a few float32 ULPs
      // off the exact ones (cluster.md §0.1, §0.5: relative 1e-6).
      assertThat(r.scores()[i]).as("score %d", i).isCloseTo(want[i], within(1e-6f * want[i]));
    }
    Map<String, Object> json = TestJson.obj(TestJson.read(ref.file("label_errors.json")));
    Map<String, Object> errors = TestJson.obj(TestJson.get(json, "errors"));
    assertThat(r.errors()).hasSize(errors.size());
    for (LabelError e : r.errors()) {
      List<Object> entry = TestJson.list(TestJson.get(errors, Integer.toString(e.index())));
      assertThat(e.label()).isEqualTo(((Double) entry.get(0)).longValue());
      long[] sugg = java.util.Arrays.stream(TestJson.ints(entry.get(1))).asLongStream().toArray();
      assertThat(e.suggested()).as("suggestions of %d", e.index()).containsExactly(sugg);
    }
    // The rank agrees up to ties: the score at every rank position is the same.
    int[] rank = TestNpy.read(ref.file("label_error_rank.npy")).ints();
    for (int t = 0; t < rank.length; t++) {
      assertThat(want[r.errorRank()[t]]).isEqualTo(want[rank[t]]);
    }
  }

  @Test
  void intAndLongLabelsAgreeAndThreadsDoNotMatter() {
    Ref ref = Ref.of("digits64");
    int[] ints = new int[ref.labels.length];
    for (int i = 0; i < ints.length; i++) {
      ints[i] = (int) ref.labels[i];
    }
    LabelErrorsResult a = run(ref.x, ref.labels, 10);
    LabelErrorsResult b;
    try (Exec four = Exec.create(4)) {
      b = LabelErrors.evaluate(ref.x, ints, new LabelErrorsOptions(10), four);
    }
    assertThat(b.scores()).containsExactly(a.scores());
    assertThat(b.errorRank()).containsExactly(a.errorRank());
    assertThat(b.errorIndices()).containsExactly(a.errorIndices());
  }

  @Test
  void labelsNeedNotBeContiguous() {
    Ref ref = Ref.of("moons_n1k");
    long[] shifted = new long[ref.labels.length];
    for (int i = 0; i < shifted.length; i++) {
      shifted[i] = ref.labels[i] * 1000 + 7;
    }
    LabelErrorsResult a = run(ref.x, ref.labels, 20);
    LabelErrorsResult b = run(ref.x, shifted, 20);
    assertThat(b.scores()).containsExactly(a.scores());
    for (int t = 0; t < a.errors().size(); t++) {
      long[] sa = a.errors().get(t).suggested();
      long[] sb = b.errors().get(t).suggested();
      assertThat(sb.length).isEqualTo(sa.length);
      for (int j = 0; j < sa.length; j++) {
        assertThat(sb[j]).isEqualTo(sa[j] * 1000 + 7);
      }
    }
  }
}
