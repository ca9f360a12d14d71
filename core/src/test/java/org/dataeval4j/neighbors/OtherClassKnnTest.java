package org.dataeval4j.neighbors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.dataeval4j.data.Embeddings;
import org.dataeval4j.exec.Exec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The other-class search against the plain definition, ties included. */
class OtherClassKnnTest {

  /** Sort every other-class sample by (distance, class, index) and take the first k. */
  static int[][] naive(Embeddings x, int[] classes, int k) {
    int n = x.size();
    int[][] out = new int[n][];
    for (int i = 0; i < n; i++) {
      List<Integer> others = new ArrayList<>();
      for (int j = 0; j < n; j++) {
        if (classes[j] != classes[i]) {
          others.add(j);
        }
      }
      final int q = i;
      others.sort(
          (a, b) -> {
            double da = Neighbors.distance(x, q, x, a);
            double db = Neighbors.distance(x, q, x, b);
            if (da != db) {
              return Double.compare(da, db);
            }
            if (classes[a] != classes[b]) {
              return Integer.compare(classes[a], classes[b]);
            }
            return Integer.compare(a, b);
          });
      out[i] = others.subList(0, k).stream().mapToInt(Integer::intValue).toArray();
    }
    return out;
  }

  @ParameterizedTest(name = "n={0} d={1} classes={2} k={3} grid={4}")
  @CsvSource({
    "40,2,3,5,false",
    "300,7,4,25,false",
    "700,3,10,50,false",
    "300,2,5,9,true",
    "260,4,2,70,false"
  })
  void joinEqualsThePlainDefinition(int n, int d, int m, int k, boolean grid) {
    SplittableRandom rnd = new SplittableRandom(n * 31L + m);
    double[] v = new double[n * d];
    for (int i = 0; i < v.length; i++) {
      v[i] = grid ? rnd.nextInt(4) : (float) rnd.nextGaussian();
    }
    int[] classes = new int[n];
    for (int i = 0; i < n; i++) {
      classes[i] = 7 - 3 * rnd.nextInt(m); // unordered, negative class values too
    }
    Embeddings x = Embeddings.wrap(v, n, d);
    int[][] expected = naive(x, classes, k);
    try (Exec two = Exec.create(2)) {
      KnnGraph g = Neighbors.otherClassKnn(x, classes, k, two);
      for (int i = 0; i < n; i++) {
        for (int r = 0; r < k; r++) {
          assertThat(g.neighbor(i, r)).as("sample %d rank %d", i, r).isEqualTo(expected[i][r]);
          assertThat(g.distance(i, r))
              .isEqualTo((float) Neighbors.distance(x, i, x, expected[i][r]));
        }
      }
    }
  }

  @ParameterizedTest(name = "n={0} d={1} classes={2} k={3}")
  @CsvSource({"900,50,10,50", "500,17,3,20", "333,9,6,7"})
  void joinOnColumnsOfDecreasingSpreadEqualsThePlainDefinition(int n, int d, int m, int k) {
    Embeddings x = ScreeningContractTest.decaying(n * 11L + d, n, d);
    SplittableRandom rnd = new SplittableRandom(n + m);
    int[] classes = new int[n];
    for (int i = 0; i < n; i++) {
      classes[i] = rnd.nextInt(m);
    }
    int[][] expected = naive(x, classes, k);
    KnnGraph g = Neighbors.otherClassKnn(x, classes, k, Exec.serial());
    for (int i = 0; i < n; i++) {
      for (int r = 0; r < k; r++) {
        assertThat(g.neighbor(i, r)).as("sample %d rank %d", i, r).isEqualTo(expected[i][r]);
        assertThat(g.distance(i, r)).isEqualTo((float) Neighbors.distance(x, i, x, expected[i][r]));
      }
    }
  }

  @Test
  void threadCountDoesNotChangeTheResult() {
    Embeddings x = NeighborsTest.random(19, 3000, 16, 1.0, 100);
    SplittableRandom rnd = new SplittableRandom(23);
    int[] classes = new int[3000];
    for (int i = 0; i < classes.length; i++) {
      classes[i] = rnd.nextInt(5);
    }
    KnnGraph one = Neighbors.otherClassKnn(x, classes, 30, Exec.serial());
    try (Exec four = Exec.create(4)) {
      KnnGraph many = Neighbors.otherClassKnn(x, classes, 30, four);
      assertThat(many.indices()).isEqualTo(one.indices());
      assertThat(many.distances()).isEqualTo(one.distances());
    }
  }

  @Test
  void aClassWithTooFewOthersIsRejected() {
    Embeddings x = Embeddings.ofColumn(0, 1, 2, 3, 4);
    assertThatThrownBy(
            () -> Neighbors.otherClassKnn(x, new int[] {0, 0, 0, 0, 1}, 2, Exec.serial()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least k = 2 samples outside it");
  }
}
