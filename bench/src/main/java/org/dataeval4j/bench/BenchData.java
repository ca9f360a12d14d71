package org.dataeval4j.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.dataeval4j.data.Embeddings;
import org.dataeval4j.data.Npy;

/**
 * The benchmark input: the first n rows of Fashion-MNIST's 60,000 x 50 PCA embeddings. The folder
 * comes from {@code -Ddataeval4j.data=DIR} (default {@code ../shared/data/inputs}, as laid out on
 * the project's machines).
 */
final class BenchData {
  private BenchData() {}

  static Path dir() {
    return Path.of(System.getProperty("dataeval4j.data", "../shared/data/inputs"));
  }

  static Embeddings fmnist(int n) {
    Path file = dir().resolve("fmnist_pca50_train.npy");
    try {
      Embeddings all = Npy.readEmbeddings(file);
      if (n >= all.size()) {
        return all;
      }
      int[] rows = new int[n];
      for (int i = 0; i < n; i++) {
        rows[i] = i;
      }
      return all.select(rows);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read " + file + " (set -Ddataeval4j.data=DIR to the folder holding it)", e);
    }
  }
}
