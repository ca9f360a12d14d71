package org.dataeval4j.neighbors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.dataeval4j.data.Embeddings;
import org.dataeval4j.exec.Exec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NeighborsTest {

  /** The spec's rule (§3) written as plainly as possible: sort everything, drop self. */
  static int[][] naiveSelf(Embeddings x, int k) {
    int n = x.size();
    int[][] out = new int[n][];
    for (int i = 0; i < n; i++) {
      Integer[] order = new Integer[n];
      double[] dist = new double[n];
      for (int j = 0; j < n; j++) {
        order[j] = j;
        dist[j] = Neighbors.distance(x, i, x, j);
      }
      java.util.Arrays.sort(
          order, (a, b) -> dist[a] != dist[b] ? Double.compare(dist[a], dist[b]) : a - b);
      int[] row = new int[k];
      int skip = 0;
      for (int r = 0; r <= k; r++) {
        if (order[r] == i) {
          skip = r;
          break;
        }
      }
      for (int r = 0, o = 0; r <= k; r++) {
        if (r != skip) {
          row[o++] = order[r];
        }
      }
      out[i] = row;
    }
    return out;
  }

  static Embeddings random(long seed, int n, int d, double scale, int duplicates) {
    SplittableRandom rnd = new SplittableRandom(seed);
    double[] v = new double[n * d];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) (rnd.nextGaussian() * scale);
    }
    for (int c = 0; c < duplicates; c++) {
      int a = rnd.nextInt(n);
      int b = rnd.nextInt(n);
      System.arraycopy(v, a * d, v, b * d, d);
    }
    return Embeddings.wrap(v, n, d);
  }

  @ParameterizedTest(name = "n={0} d={1} k={2}")
  @CsvSource({
    "2,1,1",
    "7,3,6",
    "13,1,12",
    "33,7,25",
    "127,13,25",
    "600,33,25",
    "1000,2,10",
    "400,5,100"
  })
  void selfKnnEqualsNaiveSearch(int n, int d, int k) {
    Embeddings x = random(n * 31L + d, n, d, 3.0, n / 10);
    KnnGraph g = Neighbors.selfKnn(x, k, Exec.serial());
    int[][] expected = naiveSelf(x, k);
    for (int i = 0; i < n; i++) {
      for (int r = 0; r < k; r++) {
        assertThat(g.neighbor(i, r)).as("row %d rank %d", i, r).isEqualTo(expected[i][r]);
        assertThat(g.distance(i, r)).isEqualTo((float) Neighbors.distance(x, i, x, expected[i][r]));
      }
    }
  }

  @ParameterizedTest(name = "n={0} d={1} k={2}")
  @CsvSource({"700,50,25", "333,17,50", "513,9,63", "260,33,1"})
  void selfKnnOnColumnsOfDecreasingSpreadEqualsNaiveSearch(int n, int d, int k) {
    // The partial-distance stops drop most pairs on such columns (principal components).
    Embeddings x = ScreeningContractTest.decaying(n * 13L + d, n, d);
    KnnGraph g = Neighbors.selfKnn(x, k, Exec.serial());
    int[][] expected = naiveSelf(x, k);
    for (int i = 0; i < n; i++) {
      for (int r = 0; r < k; r++) {
        assertThat(g.neighbor(i, r)).as("row %d rank %d", i, r).isEqualTo(expected[i][r]);
        assertThat(g.distance(i, r)).isEqualTo((float) Neighbors.distance(x, i, x, expected[i][r]));
      }
    }
  }

  @Test
  void gridWithManyTiesEqualsNaiveSearch() {
    int n = 400;
    double[] v = new double[n * 2];
    for (int i = 0; i < n; i++) {
      v[2 * i] = i % 20;
      v[2 * i + 1] = (i / 20) % 7;
    }
    Embeddings x = Embeddings.wrap(v, n, 2);
    KnnGraph g = Neighbors.selfKnn(x, 25, Exec.serial());
    int[][] expected = naiveSelf(x, 25);
    for (int i = 0; i < n; i++) {
      for (int r = 0; r < 25; r++) {
        assertThat(g.neighbor(i, r)).isEqualTo(expected[i][r]);
      }
    }
  }

  @Test
  void hugeAndTinyValuesUseTheExactPathAndStillMatch() {
    for (double scale : new double[] {1e30, 1e-30}) {
      Embeddings x = random(5, 300, 4, scale, 10);
      KnnGraph g = Neighbors.selfKnn(x, 9, Exec.serial());
      int[][] expected = naiveSelf(x, 9);
      for (int i = 0; i < 300; i++) {
        for (int r = 0; r < 9; r++) {
          assertThat(g.neighbor(i, r)).isEqualTo(expected[i][r]);
        }
      }
    }
  }

  @Test
  void moreDuplicatesThanKDropTheFirstEntryNotSelf() {
    Embeddings x = Embeddings.of(new double[][] {{1, 1}, {1, 1}, {1, 1}, {1, 1}, {5, 5}});
    KnnGraph g = Neighbors.selfKnn(x, 2, Exec.serial());
    // Row 3: the 3 nearest by (distance, index) are 0, 1, 2; 3 is not among them, so 0 is dropped.
    assertThat(new int[] {g.neighbor(3, 0), g.neighbor(3, 1)}).containsExactly(1, 2);
    assertThat(new int[] {g.neighbor(0, 0), g.neighbor(0, 1)}).containsExactly(1, 2);
  }

  @Test
  void threadCountDoesNotChangeTheResult() {
    Embeddings x = random(11, 3000, 16, 1.0, 100);
    KnnGraph one = Neighbors.selfKnn(x, 25, Exec.serial());
    try (Exec four = Exec.create(4)) {
      KnnGraph many = Neighbors.selfKnn(x, 25, four);
      assertThat(many.indices()).isEqualTo(one.indices());
      assertThat(many.distances()).isEqualTo(one.distances());
    }
  }

  @Test
  void querySearchHasNoExclusionAndTiesByFitIndex() {
    Embeddings fit = Embeddings.ofColumn(0, 1, 3, 6, 10, 15);
    Embeddings query = Embeddings.ofColumn(0, 2, 20);
    KnnGraph g = Neighbors.search(fit, query, 2, Exec.serial());
    assertThat(g.indices()).containsExactly(0, 1, 1, 2, 5, 4);
    assertThat(g.distances()).containsExactly(0f, 1f, 1f, 1f, 5f, 10f);
  }

  @Test
  void computeNeighborDistancesCapsKAtFitSizeMinusOne() {
    Embeddings x13 = Embeddings.ofColumn(0, 1, 3, 6, 10, 15, 100, 107, 115, 124, 134, 145, 300);
    KnnGraph g = Neighbors.computeNeighborDistances(x13, null, 50, Exec.serial());
    assertThat(g.k()).isEqualTo(12);
    float[] row0 = java.util.Arrays.copyOfRange(g.distances(), 0, 12);
    assertThat(row0).containsExactly(1, 3, 6, 10, 15, 100, 107, 115, 124, 134, 145, 300);
    assertThatThrownBy(
            () ->
                Neighbors.computeNeighborDistances(Embeddings.ofColumn(1), null, 5, Exec.serial()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("k must be >= 1");
  }
}
