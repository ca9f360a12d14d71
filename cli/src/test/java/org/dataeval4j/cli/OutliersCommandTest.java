package org.dataeval4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.dataeval4j.data.Npy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dataeval4j outliers}: DataEval's flagged samples, result.json fields, several inputs. */
class OutliersCommandTest {

  @SuppressWarnings("NullAway.Init")
  @TempDir
  Path tmp;

  @Test
  void dataEvalsDefaultOnItsHdbscanFolderFlagsTheSameSamples() throws IOException {
    Path out = tmp.resolve("out");
    Path hdbscan = Reference.dataEval("hdbscan");
    Cli.Run run =
        Cli.run(
            "outliers",
            Reference.digits().toString(),
            "--out",
            out.toString(),
            "--threshold",
            "2.5",
            "--centre",
            "own-unless-noise",
            "--cluster-result",
            hdbscan.toString(),
            "--quiet");
    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode json = Reference.json(out.resolve("result.json"));
    JsonNode expected = Reference.json(hdbscan.resolve("outliers.json")).get("default");
    JsonNode rows = json.get("outliers");
    assertThat(indices(rows)).hasSize(24).isEqualTo(Reference.ints(expected.get("item_index")));
    assertThat(json.get("n_outliers").asInt()).isEqualTo(24);
    double[] z = Reference.doubles(expected.get("metric_value"));
    // DataEval's nearest-centre distances (its clustering has noise, so every sample moves).
    float[] distances = Reference.floats(hdbscan.resolve("cluster_stats_distances.npy"));
    int[] labels = Npy.readLabels(hdbscan.resolve("clusters.npy"));
    for (int t = 0; t < rows.size(); t++) {
      JsonNode row = rows.get(t);
      assertThat(row.get("zscore").asDouble()).isCloseTo(z[t], within(1e-9));
      assertThat((float) row.get("distance").asDouble())
          .isEqualTo(distances[row.get("index").asInt()]);
      // digits64's HDBSCAN finds one cluster (label 0) and noise.
      assertThat(row.get("cluster").asInt()).isZero();
      assertThat(row.has("dataset")).isFalse();
    }
    assertThat(Arrays.stream(labels).max().orElseThrow()).isZero();
    JsonNode params = json.get("params");
    assertThat(params.get("threshold").asDouble()).isEqualTo(2.5);
    assertThat(params.get("centre").asText()).isEqualTo("own-unless-noise");
    assertThat(params.get("cluster_result").asText()).isEqualTo(hdbscan.toString());
  }

  @Test
  void zscoreThreeOnDataEvalsHdbscanFolder() {
    Path out = tmp.resolve("out");
    Path hdbscan = Reference.dataEval("hdbscan");
    Cli.Run run =
        Cli.run(
            "outliers",
            Reference.digits().toString(),
            "--out",
            out.toString(),
            "--threshold",
            "3",
            "--centre",
            "own-unless-noise",
            "--cluster-result",
            hdbscan.toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode expected = Reference.json(hdbscan.resolve("outliers.json")).get("zscore_upper_3.0");
    assertThat(indices(Reference.json(out.resolve("result.json")).get("outliers")))
        .isEqualTo(Reference.ints(expected.get("item_index")));
  }

  @Test
  void dataEvalsKmeansFolderNeedsOnlyItsLabels() {
    // The kmeans folder has no noise: DataEval measures each sample to its own centre.
    Path out = tmp.resolve("out");
    Path kmeans = Reference.dataEval("kmeans");
    Cli.Run run =
        Cli.run(
            "outliers",
            Reference.digits().toString(),
            "--out",
            out.toString(),
            "--threshold",
            "2.5",
            "--centre",
            "own-unless-noise",
            "--cluster-result",
            kmeans.toString(),
            "--quiet");
    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode expected = Reference.json(kmeans.resolve("outliers.json")).get("default");
    JsonNode json = Reference.json(out.resolve("result.json"));
    assertThat(indices(json.get("outliers"))).isEqualTo(Reference.ints(expected.get("item_index")));
    assertThat(json.get("n_centres").asInt()).isEqualTo(10);
  }

  @Test
  void ownHdbscanClusteringReproducesDataEvalsFlags() {
    Path out = tmp.resolve("out");
    Cli.Run run =
        Cli.run(
            "outliers",
            Reference.digits().toString(),
            "--out",
            out.toString(),
            "--threshold",
            "2.5",
            "--centre",
            "own-unless-noise",
            "--quiet");
    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode expected =
        Reference.json(Reference.dataEval("hdbscan").resolve("outliers.json")).get("default");
    JsonNode json = Reference.json(out.resolve("result.json"));
    assertThat(indices(json.get("outliers"))).isEqualTo(Reference.ints(expected.get("item_index")));
    assertThat(json.get("params").get("algorithm").asText()).isEqualTo("hdbscan");
    assertThat(json.get("params").get("cluster_result").isNull()).isTrue();
  }

  @Test
  void severalInputsNameTheDatasetAndTheLocalIndex() throws IOException {
    float[] x = Reference.floats(Reference.digits());
    int n = 1797;
    int d = 64;
    int first = 1000;
    Path a = Cli.write(tmp.resolve("a.npy"), Arrays.copyOfRange(x, 0, first * d), first, d);
    Path b = Cli.write(tmp.resolve("b.npy"), Arrays.copyOfRange(x, first * d, n * d), n - first, d);
    Path out = tmp.resolve("out");
    Cli.Run run =
        Cli.run(
            "outliers",
            a.toString(),
            b.toString(),
            "--out",
            out.toString(),
            "--threshold",
            "2.5",
            "--cluster-result",
            Reference.dataEval("hdbscan").toString(),
            "--quiet");
    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode expected =
        Reference.json(Reference.dataEval("hdbscan").resolve("outliers.json")).get("default");
    int[] global = Reference.ints(expected.get("item_index"));
    JsonNode rows = Reference.json(out.resolve("result.json")).get("outliers");
    assertThat(rows).hasSize(global.length);
    for (int t = 0; t < global.length; t++) {
      int dataset = global[t] < first ? 0 : 1;
      assertThat(rows.get(t).get("dataset").asInt()).isEqualTo(dataset);
      assertThat(rows.get(t).get("index").asInt()).isEqualTo(global[t] - dataset * first);
      assertThat(rows.get(t).get("global_index").asInt()).isEqualTo(global[t]);
    }
  }

  @Test
  void aClusterResultOfAnotherSizeIsRejected() throws IOException {
    float[] x = Cli.blobs(100, 64, 3, 7);
    Path in = Cli.write(tmp.resolve("x.npy"), x, 100, 64);
    Path out = tmp.resolve("out");
    Cli.Run run =
        Cli.run(
            "outliers",
            in.toString(),
            "--out",
            out.toString(),
            "--cluster-result",
            Reference.dataEval("hdbscan").toString());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.errLines()).hasSize(1);
    assertThat(run.err()).contains("clusters.npy").contains("1797").contains("100");
    assertThat(out).doesNotExist();
  }

  private static int[] indices(JsonNode rows) {
    int[] out = new int[rows.size()];
    for (int t = 0; t < out.length; t++) {
      out[t] = rows.get(t).get("index").asInt();
    }
    return out;
  }
}
