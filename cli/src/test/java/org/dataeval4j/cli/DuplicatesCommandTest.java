package org.dataeval4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.dataeval4j.cluster.ClusterOptions;
import org.dataeval4j.data.Npy;
import org.dataeval4j.evaluate.ClusterDuplicateRule;
import org.dataeval4j.evaluate.DuplicateGroup;
import org.dataeval4j.evaluate.Duplicates;
import org.dataeval4j.evaluate.DuplicatesOptions;
import org.dataeval4j.evaluate.DuplicatesResult;
import org.dataeval4j.exec.Exec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code dataeval4j duplicates}: DataEval's near groups, result.json fields, several inputs. */
class DuplicatesCommandTest {
  private static final int N = 150;
  private static final int D = 4;

  @SuppressWarnings("NullAway.Init")
  @TempDir
  Path tmp;

  @ParameterizedTest
  @ValueSource(strings = {"0.5", "1.0", "2.0"})
  void mstEdgeRuleOnDataEvalsHdbscanReproducesItsNearGroups(String s) {
    Path out = tmp.resolve("out");
    Cli.Run run =
        Cli.run(
            "duplicates",
            Reference.digits().toString(),
            "--out",
            out.toString(),
            "--rule",
            "mst-edge",
            "--sensitivity",
            s,
            "--cluster-result",
            Reference.dataEval("hdbscan").toString(),
            "--quiet");
    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode expected = Reference.json(Reference.dataEval("hdbscan").resolve("duplicates.json"));
    assertThat(nearGroups(Reference.json(out.resolve("result.json"))))
        .isEqualTo(dataEvalNearGroups(expected.get(s)));
  }

  @Test
  void dataEvalsKmeansFolderTakesTheGraphFromTheSiblingHdbscanFolder() {
    Path out = tmp.resolve("out");
    Path kmeans = Reference.dataEval("kmeans");
    Cli.Run run =
        Cli.run(
            "duplicates",
            Reference.digits().toString(),
            "--out",
            out.toString(),
            "--rule",
            "mst-edge",
            "--sensitivity",
            "2.0",
            "--cluster-result",
            kmeans.toString(),
            "--quiet");
    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode json = Reference.json(out.resolve("result.json"));
    JsonNode expected = Reference.json(kmeans.resolve("duplicates.json"));
    List<List<Integer>> near = nearGroups(json);
    assertThat(near).hasSize(5).isEqualTo(dataEvalNearGroups(expected.get("2.0")));
    JsonNode files = json.get("params").get("cluster_result_files");
    assertThat(Path.of(files.get("clusters.npy").asText()))
        .isEqualTo(kmeans.resolve("clusters.npy"));
    assertThat(Path.of(files.get("mst.npy").asText()))
        .isEqualTo(Reference.dataEval("hdbscan").resolve("mst.npy"));
  }

  @Test
  void aMissingGraphFileWithoutTheMarkerIsNamed() throws IOException {
    Path dir = tmp.resolve("labels-only");
    Files.createDirectories(dir);
    Files.copy(Reference.dataEval("kmeans").resolve("clusters.npy"), dir.resolve("clusters.npy"));
    Path out = tmp.resolve("out");
    Cli.Run run =
        Cli.run(
            "duplicates",
            Reference.digits().toString(),
            "--out",
            out.toString(),
            "--cluster-result",
            dir.toString(),
            "--quiet");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.errLines()).hasSize(1);
    assertThat(run.err()).contains("missing mst.npy");
    assertThat(out).doesNotExist();
  }

  @Test
  void writesGroupsWithTheirKindAndRuleAsTheLibraryFindsThem() throws IOException {
    float[] x = blobsWithCopies();
    Path in = Cli.write(tmp.resolve("x.npy"), x, N, D);
    Path out = tmp.resolve("out");
    Cli.Run run = Cli.run("duplicates", in.toString(), "--out", out.toString(), "--seed", "3");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("duplicates:").contains("wrote");
    assertThat(Reference.names(out)).containsExactly("result.json");

    JsonNode json = Reference.json(out.resolve("result.json"));
    assertThat(json.get("n").asInt()).isEqualTo(N);
    assertThat(json.get("d").asInt()).isEqualTo(D);
    JsonNode params = json.get("params");
    assertThat(params.get("rule").asText()).isEqualTo("per-sample");
    assertThat(params.get("sensitivity").asDouble()).isEqualTo(1.0);
    assertThat(params.get("algorithm").asText()).isEqualTo("hdbscan");
    assertThat(params.get("seed").asLong()).isEqualTo(3);
    assertThat(params.get("cluster_result").isNull()).isTrue();

    // Rows 0, 3, 6 and 120 are one identical sample: an exact group, whatever the clustering.
    JsonNode groups = json.get("groups");
    assertThat(groups.get(0).get("kind").asText()).isEqualTo("exact");
    assertThat(groups.get(0).get("rule").asText()).isEqualTo("zero-distance");
    assertThat(Reference.ints(groups.get(0).get("indices"))).containsExactly(0, 3, 6, 120);

    DuplicatesResult expected =
        Duplicates.evaluate(
            Npy.readEmbeddings(in),
            new DuplicatesOptions(
                ClusterOptions.defaults().withSeed(3),
                1.0,
                ClusterDuplicateRule.PER_SAMPLE_MEAN_MINUS_STD),
            Exec.serial());
    assertThat(json.get("n_groups").asInt()).isEqualTo(expected.size()).isEqualTo(groups.size());
    assertThat(json.get("n_exact").asInt()).isEqualTo(expected.exact().size());
    assertThat(json.get("n_near").asInt()).isEqualTo(expected.near().size());
    for (int g = 0; g < groups.size(); g++) {
      DuplicateGroup e = expected.groups().get(g);
      JsonNode row = groups.get(g);
      assertThat(Reference.ints(row.get("indices"))).isEqualTo(e.items()).isSorted();
      assertThat(row.get("kind").asText())
          .isEqualTo(e.kind() == DuplicateGroup.Kind.EXACT ? "exact" : "near");
      if (e.kind() == DuplicateGroup.Kind.NEAR) {
        assertThat(row.get("rule").asText()).isEqualTo("per-sample");
      }
      assertThat(row.has("members")).isFalse();
    }
  }

  @Test
  void severalInputsReportEachMemberAsDatasetAndIndex() throws IOException {
    float[] x = blobsWithCopies();
    int first = 100;
    Path all = Cli.write(tmp.resolve("all.npy"), x, N, D);
    Path a = Cli.write(tmp.resolve("a.npy"), Arrays.copyOfRange(x, 0, first * D), first, D);
    Path b = Cli.write(tmp.resolve("b.npy"), Arrays.copyOfRange(x, first * D, N * D), N - first, D);
    Cli.Run one = Cli.run("duplicates", all.toString(), "--out", tmp.resolve("one").toString());
    Cli.Run two =
        Cli.run(
            "duplicates",
            a.toString(),
            b.toString(),
            "--out",
            tmp.resolve("two").toString(),
            "--quiet");
    assertThat(one.exitCode()).as(one.err()).isZero();
    assertThat(two.exitCode()).as(two.err()).isZero();
    JsonNode single = Reference.json(tmp.resolve("one/result.json")).get("groups");
    JsonNode json = Reference.json(tmp.resolve("two/result.json"));
    assertThat(json.get("inputs")).hasSize(2);
    assertThat(json.get("inputs").get(1).get("n").asInt()).isEqualTo(N - first);
    JsonNode groups = json.get("groups");
    assertThat(groups.size()).isEqualTo(single.size()).isPositive();
    boolean crossing = false;
    for (int g = 0; g < groups.size(); g++) {
      int[] indices = Reference.ints(groups.get(g).get("indices"));
      assertThat(indices).isEqualTo(Reference.ints(single.get(g).get("indices")));
      JsonNode members = groups.get(g).get("members");
      assertThat(members).hasSize(indices.length);
      for (int t = 0; t < indices.length; t++) {
        int dataset = indices[t] < first ? 0 : 1;
        assertThat(members.get(t).get("dataset").asInt()).isEqualTo(dataset);
        assertThat(members.get(t).get("index").asInt()).isEqualTo(indices[t] - dataset * first);
      }
      crossing |= indices[0] < first && indices[indices.length - 1] >= first;
    }
    // Row 120 copies row 0 (same blob): one group spans both files.
    assertThat(crossing).isTrue();
  }

  @Test
  void theThreadCountDoesNotChangeTheGroups() throws IOException {
    Path in = Cli.write(tmp.resolve("x.npy"), blobsWithCopies(), N, D);
    Cli.Run one =
        Cli.run(
            "duplicates", in.toString(), "--out", tmp.resolve("t1").toString(), "--threads", "1");
    Cli.Run four =
        Cli.run(
            "duplicates", in.toString(), "--out", tmp.resolve("t4").toString(), "--threads", "4");
    assertThat(one.exitCode()).isZero();
    assertThat(four.exitCode()).isZero();
    assertThat(Reference.json(tmp.resolve("t4/result.json")).get("groups"))
        .isEqualTo(Reference.json(tmp.resolve("t1/result.json")).get("groups"));
  }

  @Test
  void theClusterCommandsOutputGivesTheSameGroupsAsClusteringAgain() throws IOException {
    Path in = Cli.write(tmp.resolve("x.npy"), blobsWithCopies(), N, D);
    Path clustered = tmp.resolve("clustered");
    Cli.Run c = Cli.run("cluster", in.toString(), "--out", clustered.toString(), "--quiet");
    assertThat(c.exitCode()).as(c.err()).isZero();
    for (String rule : new String[] {"per-sample", "mst-edge"}) {
      Path direct = tmp.resolve("direct-" + rule);
      Path reused = tmp.resolve("reused-" + rule);
      Cli.Run a =
          Cli.run(
              "duplicates", in.toString(), "--out", direct.toString(), "--rule", rule, "--quiet");
      Cli.Run b =
          Cli.run(
              "duplicates",
              in.toString(),
              "--out",
              reused.toString(),
              "--rule",
              rule,
              "--cluster-result",
              clustered.toString(),
              "--quiet");
      assertThat(a.exitCode()).as(a.err()).isZero();
      assertThat(b.exitCode()).as(b.err()).isZero();
      JsonNode groups = Reference.json(reused.resolve("result.json")).get("groups");
      assertThat(groups).isEqualTo(Reference.json(direct.resolve("result.json")).get("groups"));
      assertThat(groups.size()).isGreaterThan(1);
    }
  }

  @Test
  void badOptionsExitTwoWithOneLine() {
    String in = Reference.digits().toString();
    String[][] cases = {
      {"--rule", "hash"},
      {"--sensitivity", "-1"},
      {"--sensitivity", "NaN"},
      {"--algorithm", "dbscan"},
      {"--n-clusters", "0"},
      {"--cluster-result", Reference.dataEval("hdbscan").toString(), "--algorithm", "kmeans"},
    };
    for (String[] c : cases) {
      Path out = tmp.resolve("bad");
      List<String> args = new ArrayList<>(List.of("duplicates", in, "--out", out.toString()));
      args.addAll(List.of(c));
      Cli.Run run = Cli.run(args.toArray(new String[0]));
      assertThat(run.exitCode()).as(String.join(" ", c)).isEqualTo(2);
      assertThat(run.errLines()).as(run.err()).hasSize(1);
      assertThat(out).doesNotExist();
    }
  }

  /** Three blobs; rows 3 and 6 copy row 0 (blob 0), row 120 copies row 0 too. */
  private static float[] blobsWithCopies() {
    float[] x = Cli.blobs(N, D, 3, 42);
    for (int copy : new int[] {3, 6, 120}) {
      System.arraycopy(x, 0, x, copy * D, D);
    }
    return x;
  }

  private static List<List<Integer>> nearGroups(JsonNode result) {
    List<List<Integer>> out = new ArrayList<>();
    for (JsonNode g : result.get("groups")) {
      if (g.get("kind").asText().equals("near")) {
        assertThat(g.get("rule").asText()).isEqualTo("mst-edge");
        out.add(asList(g.get("indices")));
      }
    }
    return out;
  }

  private static List<List<Integer>> dataEvalNearGroups(JsonNode variant) {
    List<List<Integer>> out = new ArrayList<>();
    for (JsonNode row : variant.get("rows")) {
      if (row.get("dup_type").asText().equals("near")) {
        out.add(asList(row.get("item_indices")));
      }
    }
    return out;
  }

  private static List<Integer> asList(JsonNode array) {
    List<Integer> out = new ArrayList<>();
    for (JsonNode v : array) {
      out.add(v.asInt());
    }
    return out;
  }
}
