package org.dataeval4j.readme;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dataeval4j.cluster.ClusterOptions;
import org.dataeval4j.cluster.ClusterResult;
import org.dataeval4j.cluster.Clustering;
import org.dataeval4j.data.Embeddings;
import org.dataeval4j.data.Npy;
import org.dataeval4j.evaluate.Duplicates;
import org.dataeval4j.evaluate.DuplicatesOptions;
import org.dataeval4j.evaluate.DuplicatesResult;
import org.dataeval4j.evaluate.Outliers;
import org.dataeval4j.evaluate.OutliersOptions;
import org.dataeval4j.evaluate.OutliersResult;
import org.dataeval4j.exec.Exec;
import org.junit.jupiter.api.Test;

/**
 * The README's Java example, compiled and run: the lines between the markers below must appear in
 * README.md verbatim (indentation aside), so the two cannot drift apart.
 */
class ReadmeExampleTest {

  static Path repositoryRoot() {
    Path p = Path.of("").toAbsolutePath();
    while (p != null && !Files.exists(p.resolve("README.md"))) {
      p = p.getParent();
    }
    if (p == null) {
      throw new IllegalStateException("README.md not found above " + Path.of("").toAbsolutePath());
    }
    return p;
  }

  @Test
  void theReadmeExampleRuns() throws IOException {
    Path root = repositoryRoot();
    Path file = root.resolve("examples/digits64.npy");
    int[] labels;
    int groups;
    int outliers;
    // README-BEGIN
    Embeddings x = Npy.readEmbeddings(file);
    try (Exec exec = Exec.create(0)) { // 0 = all processors
      ClusterResult r =
          Clustering.cluster(x, ClusterOptions.kmeans().withNClusters(10).withSeed(7), exec);
      labels = r.clusters(); // never -1; r.rawLabels() keeps DataEval's -1 for noise
      DuplicatesResult d = Duplicates.fromClusters(r, DuplicatesOptions.defaults());
      OutliersResult o = Outliers.fromClusters(x, r, OutliersOptions.defaults());
      groups = d.size();
      outliers = o.size();
    }
    // README-END
    assertThat(labels).hasSize(1797);
    assertThat(groups).isPositive();
    assertThat(outliers).isNotNegative();

    String source =
        Files.readString(
            root.resolve("core/src/test/java/org/dataeval4j/readme/ReadmeExampleTest.java"),
            StandardCharsets.UTF_8);
    String snippet =
        source.substring(
            source.indexOf("// README-BEGIN") + "// README-BEGIN".length(),
            source.indexOf("    // README-END"));
    String readme = Files.readString(root.resolve("README.md"), StandardCharsets.UTF_8);
    for (String line : snippet.strip().split("\n")) {
      assertThat(readme).as("README.md holds the example line").contains(line.strip());
    }
  }
}
