package org.dataeval4j.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.dataeval4j.data.Embeddings;
import org.dataeval4j.exec.Exec;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * By-hand scale check (not part of the regular suite): knn Prioritize on the 60,000 x 50
 * Fashion-MNIST embeddings, which must run well under a minute in a 1 GiB heap without an n x n
 * matrix. Run with {@code -Ddataeval4j.scale=true} and the file at {@code
 * ../shared/data/inputs/fmnist_pca50_train.npy} (or {@code -Ddataeval4j.fmnist60k=PATH}).
 */
@EnabledIfSystemProperty(named = "dataeval4j.scale", matches = "true")
class PrioritizeScaleTest {
  private static final System.Logger LOG = System.getLogger(PrioritizeScaleTest.class.getName());

  @Test
  void knnOn60kBy50() {
    Path path =
        Path.of(
            System.getProperty(
                "dataeval4j.fmnist60k", "../../shared/data/inputs/fmnist_pca50_train.npy"));
    Assumptions.assumeTrue(Files.exists(path), "no file " + path);
    Embeddings x = TestNpy.readFile(path).embeddings();
    assertThat(x.size()).isEqualTo(60000);
    int threads = Integer.getInteger("dataeval4j.threads", 2);
    long t0 = System.nanoTime();
    RankResult r;
    try (Exec exec = Exec.create(threads)) {
      r = Prioritize.rankKnn(x, null, null, exec);
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    LOG.log(
        System.Logger.Level.INFO,
        "knn 60000 x 50, k = 244, "
            + threads
            + " threads: "
            + seconds
            + " s, max heap "
            + Runtime.getRuntime().maxMemory() / (1 << 20)
            + " MiB");
    assertThat(r.indices()).hasSize(60000);
    assertThat(seconds).isLessThan(60);
  }
}
