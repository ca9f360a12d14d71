package org.dataeval4j.neighbors;

import static org.assertj.core.api.Assertions.assertThat;

import org.dataeval4j.data.Embeddings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The packed layout, its column order and its partial norms, against plain loops. */
class PackedRowsTest {

  @Test
  void stopsDoubleFromEightAndStayBelowD() {
    assertThat(PackedRows.stops(1)).isEmpty();
    assertThat(PackedRows.stops(8)).isEmpty();
    assertThat(PackedRows.stops(9)).containsExactly(8);
    assertThat(PackedRows.stops(16)).containsExactly(8);
    assertThat(PackedRows.stops(17)).containsExactly(8, 16);
    assertThat(PackedRows.stops(50)).containsExactly(8, 16, 32);
    assertThat(PackedRows.stops(768)).containsExactly(8, 16, 32, 64, 128, 256, 512);
  }

  @Test
  void columnsGoByDecreasingVarianceTiesByIndex() {
    // Column variances: 0, 4, 1, 4, 1/16 (population); columns 1 and 3 tie.
    Embeddings x =
        Embeddings.of(
            new double[][] {
              {7, -2, 1, 10, 0.5},
              {7, 2, -1, 6, 0},
              {7, -2, 1, 10, 0.5},
              {7, 2, -1, 6, 0}
            });
    assertThat(PackedRows.columnsByVariance(x)).containsExactly(1, 3, 2, 4, 0);
  }

  @ParameterizedTest(name = "n={0} d={1}")
  @CsvSource({"1,1", "7,9", "13,17", "33,50", "20,100"})
  void valuesNormsAndPrefixNormsMatchPlainLoops(int n, int d) {
    Embeddings x = NeighborsTest.random(n * 5L + d, n, d, 3.0, 0);
    int[] columns = PackedRows.columnsByVariance(x);
    // Rows in reverse order with a padding position in the middle.
    int[] rows = new int[n + 1];
    for (int p = 0, i = n - 1; p < rows.length; p++) {
      rows[p] = p == n / 2 ? -1 : i--;
    }
    PackedRows packed = PackedRows.of(x, rows, columns);
    int lanes = packed.groups * PackedRows.LANES;
    assertThat(lanes).isGreaterThanOrEqualTo(rows.length).isLessThan(rows.length + 8);
    for (int p = 0; p < lanes; p++) {
      int i = p < rows.length ? rows[p] : -1;
      int base = (p / 8) * d * 8 + p % 8;
      if (i < 0) {
        assertThat(packed.norms[p]).isEqualTo(Float.POSITIVE_INFINITY);
        for (int s = 0; s < packed.stops.length; s++) {
          assertThat(packed.prefixNorms[s * lanes + p]).isEqualTo(Float.POSITIVE_INFINITY);
        }
        continue;
      }
      double sum = 0;
      for (int t = 0; t < d; t++) {
        float v = (float) x.get(i, columns[t]);
        assertThat(packed.values[base + t * 8]).isEqualTo(v);
        for (int s = 0; s < packed.stops.length; s++) {
          if (packed.stops[s] == t) {
            assertThat(packed.prefixNorms[s * lanes + p]).isEqualTo((float) sum);
          }
        }
        sum += (double) v * v;
      }
      assertThat(packed.norms[p]).isEqualTo((float) sum);
    }
  }
}
