package org.dataeval4j.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DatasetIndexTest {

  @Test
  void mapsGlobalToDatasetAndLocalAndBack() {
    DatasetIndex index = DatasetIndex.of(3, 0, 0, 2, 4);
    assertThat(index.size()).isEqualTo(9);
    assertThat(index.datasetCount()).isEqualTo(5);
    int[] wantDataset = {0, 0, 0, 3, 3, 4, 4, 4, 4};
    int[] wantLocal = {0, 1, 2, 0, 1, 0, 1, 2, 3};
    for (int g = 0; g < 9; g++) {
      assertThat(index.datasetOf(g)).as("dataset of %d", g).isEqualTo(wantDataset[g]);
      assertThat(index.localOf(g)).isEqualTo(wantLocal[g]);
      assertThat(index.global(wantDataset[g], wantLocal[g])).isEqualTo(g);
    }
    assertThatThrownBy(() -> index.datasetOf(9)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> index.global(1, 0)).isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void rejectsBadSizes() {
    assertThatThrownBy(DatasetIndex::of)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("datasets must number at least 1, got 0");
    assertThatThrownBy(() -> DatasetIndex.of(3, -1))
        .hasMessage("dataset sizes must be >= 0, got -1 for dataset 1");
  }
}
