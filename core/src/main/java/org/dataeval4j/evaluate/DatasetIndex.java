package org.dataeval4j.evaluate;

import java.util.Arrays;

/**
 * Maps between a global sample index, over several embedding sets stacked in order, and the pair
 * (dataset, local index) ({@code evaluators.md} §2.6; divergences.md Decision 4): global index g
 * belongs to the first dataset i with {@code g < offset(i + 1)} and has local index {@code g -
 * offset(i)}.
 */
public final class DatasetIndex {
  private final int[] offsets;

  private DatasetIndex(int[] offsets) {
    this.offsets = offsets;
  }

  /**
   * The index of datasets with the given sizes, in order.
   *
   * @throws IllegalArgumentException if there is no dataset or a size is negative
   */
  public static DatasetIndex of(int... sizes) {
    if (sizes.length == 0) {
      throw new IllegalArgumentException("datasets must number at least 1, got 0");
    }
    int[] offsets = new int[sizes.length + 1];
    for (int i = 0; i < sizes.length; i++) {
      if (sizes[i] < 0) {
        throw new IllegalArgumentException(
            "dataset sizes must be >= 0, got " + sizes[i] + " for dataset " + i);
      }
      offsets[i + 1] = Math.addExact(offsets[i], sizes[i]);
    }
    return new DatasetIndex(offsets);
  }

  /** One dataset of n samples: global and local indices coincide. */
  public static DatasetIndex single(int n) {
    return of(n);
  }

  /** The number of datasets. */
  public int datasetCount() {
    return offsets.length - 1;
  }

  /** The total number of samples. */
  public int size() {
    return offsets[offsets.length - 1];
  }

  /** The number of samples of dataset {@code dataset}. */
  public int datasetSize(int dataset) {
    return offsets[dataset + 1] - offsets[dataset];
  }

  /** The global index of the first sample of dataset {@code dataset}. */
  public int offset(int dataset) {
    return offsets[dataset];
  }

  /** The dataset that global index {@code g} belongs to. */
  public int datasetOf(int g) {
    if (g < 0 || g >= size()) {
      throw new IndexOutOfBoundsException("index " + g + " outside [0, " + size() + ")");
    }
    // The last offset <= g whose dataset is non-empty: search for g among the offsets.
    int pos = Arrays.binarySearch(offsets, g);
    if (pos >= 0) {
      // Several datasets may start at g when some are empty; the sample is in the last of them.
      while (pos + 1 < offsets.length && offsets[pos + 1] == g) {
        pos++;
      }
      return pos;
    }
    return -pos - 2;
  }

  /** The index of global sample {@code g} inside its dataset. */
  public int localOf(int g) {
    return g - offsets[datasetOf(g)];
  }

  /** The global index of sample {@code local} of dataset {@code dataset}. */
  public int global(int dataset, int local) {
    if (local < 0 || local >= datasetSize(dataset)) {
      throw new IndexOutOfBoundsException(
          "local index " + local + " outside [0, " + datasetSize(dataset) + ")");
    }
    return offsets[dataset] + local;
  }
}
