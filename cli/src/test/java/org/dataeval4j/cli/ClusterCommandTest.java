package org.dataeval4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.dataeval4j.cluster.Algorithm;
import org.dataeval4j.cluster.ClusterOptions;
import org.dataeval4j.cluster.ClusterResult;
import org.dataeval4j.cluster.Clustering;
import org.dataeval4j.data.Embeddings;
import org.dataeval4j.data.Npy;
import org.dataeval4j.data.NpyArray;
import org.dataeval4j.neighbors.KnnGraph;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dataeval4j cluster}: files, layouts, summary.json, output-directory rules. */
class ClusterCommandTest {
  private static final int N = 150;
  private static final int D = 4;

  @SuppressWarnings("NullAway.Init")
  @TempDir
  Path tmp;

  @SuppressWarnings("NullAway.Init")
  private Path input;

  @BeforeEach
  void writeInput() throws IOException {
    input = Cli.write(tmp.resolve("blobs.npy"), Cli.blobs(N, D, 3, 42), N, D);
  }

  @Test
  void writesDataEvalsFilesAndLayouts() throws IOException {
    Path out = tmp.resolve("out");
    Cli.Run run = Cli.run("cluster", input.toString(), "--out", out.toString(), "--quiet");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.err()).isEmpty();

    int k = 25;
    assertLayout(out.resolve("clusters.npy"), "<i8", N);
    assertLayout(out.resolve("raw_labels.npy"), "<i8", N);
    assertLayout(out.resolve("mst.npy"), "<f4", N - 1, 3);
    assertLayout(out.resolve("linkage_tree.npy"), "<f4", N - 1, 4);
    assertLayout(out.resolve("membership_strengths.npy"), "<f4", N);
    assertLayout(out.resolve("k_neighbors.npy"), "<i8", N, k);
    assertLayout(out.resolve("k_distances.npy"), "<f4", N, k);
    assertThat(names(out))
        .containsExactlyInAnyOrder(
            "clusters.npy",
            "raw_labels.npy",
            "mst.npy",
            "linkage_tree.npy",
            "membership_strengths.npy",
            "k_neighbors.npy",
            "k_distances.npy",
            "summary.json");

    // The files hold what the library returns for the same input.
    ClusterResult expected = Clustering.cluster(Npy.readEmbeddings(input));
    assertThat(Npy.readLabels(out.resolve("clusters.npy"))).isEqualTo(expected.clusters());
    assertThat(Npy.readLabels(out.resolve("raw_labels.npy"))).isEqualTo(expected.rawLabels());
    assertThat(Npy.read(out.resolve("k_neighbors.npy")).toInts())
        .isEqualTo(expected.knn().indices());
    assertThat(floats(out.resolve("mst.npy"))).isEqualTo(expected.mst());
    assertThat(floats(out.resolve("linkage_tree.npy"))).isEqualTo(expected.linkageTree());
    assertThat(floats(out.resolve("membership_strengths.npy")))
        .isEqualTo(expected.membershipStrengths());
    assertThat(floats(out.resolve("k_distances.npy"))).isEqualTo(expected.knn().distances());
    // Three blobs 30 standard deviations apart: three clusters.
    assertThat(expected.clusterCount()).isEqualTo(3);

    JsonNode s = summary(out);
    assertThat(fieldNames(s))
        .containsExactly(
            "n",
            "d",
            "d_input",
            "algorithm",
            "params",
            "n_clusters_found",
            "n_noise",
            "seconds",
            "version");
    assertThat(s.get("n").isInt()).isTrue();
    assertThat(s.get("n").intValue()).isEqualTo(N);
    assertThat(s.get("d").intValue()).isEqualTo(D);
    assertThat(s.get("d_input").intValue()).isEqualTo(D);
    assertThat(s.get("algorithm").textValue()).isEqualTo("hdbscan");
    JsonNode p = s.get("params");
    assertThat(fieldNames(p))
        .containsExactly(
            "n_clusters", "min_cluster_size", "max_cluster_size", "n_init", "seed", "pca");
    assertThat(p.get("n_clusters").isNull()).isTrue();
    assertThat(p.get("min_cluster_size").isInt()).isTrue();
    assertThat(p.get("min_cluster_size").intValue()).isEqualTo(expected.minClusterSize());
    assertThat(p.get("max_cluster_size").isNull()).as("unbounded").isTrue();
    assertThat(p.get("n_init").isNull()).isTrue();
    assertThat(p.get("seed").isIntegralNumber()).isTrue();
    assertThat(p.get("seed").longValue()).isZero();
    assertThat(p.get("pca").isNull()).isTrue();
    assertThat(s.get("n_clusters_found").intValue()).isEqualTo(expected.clusterCount());
    assertThat(s.get("n_noise").intValue()).isEqualTo(expected.noiseCount());
    assertThat(fieldNames(s.get("seconds"))).contains("read", "knn", "mst", "hdbscan", "write");
    s.get("seconds").forEach(v -> assertThat(v.isNumber()).isTrue());
    assertThat(s.get("version").isTextual()).isTrue();
    assertThat(s.get("version").textValue()).isNotBlank();
  }

  @Test
  void boundedMaxClusterSizeAndHintAreRecorded() throws IOException {
    Path out = tmp.resolve("out");
    Cli.Run run =
        Cli.run(
            "cluster",
            input.toString(),
            "--out",
            out.toString(),
            "--n-clusters",
            "3",
            "--max-cluster-size",
            "40",
            "--seed",
            "7",
            "--quiet");
    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode p = summary(out).get("params");
    assertThat(p.get("n_clusters").intValue()).isEqualTo(3);
    assertThat(p.get("min_cluster_size").intValue()).isEqualTo(Math.max(5, N / 9));
    assertThat(p.get("max_cluster_size").isInt()).isTrue();
    assertThat(p.get("max_cluster_size").intValue()).isEqualTo(40);
    assertThat(p.get("seed").longValue()).isEqualTo(7);
    ClusterResult expected =
        Clustering.cluster(
            Npy.readEmbeddings(input),
            ClusterOptions.defaults().withNClusters(3).withMaxClusterSize(40).withSeed(7));
    assertThat(Npy.readLabels(out.resolve("clusters.npy"))).isEqualTo(expected.clusters());
  }

  @Test
  void sameBytesForOneAndFourThreads() throws IOException {
    Path one = tmp.resolve("one");
    Path four = tmp.resolve("four");
    assertThat(Cli.run("cluster", input.toString(), "--out", one.toString(), "--threads", "1"))
        .extracting(Cli.Run::exitCode)
        .isEqualTo(0);
    assertThat(Cli.run("cluster", input.toString(), "--out", four.toString(), "--threads", "4"))
        .extracting(Cli.Run::exitCode)
        .isEqualTo(0);
    for (String name : names(one)) {
      if (name.endsWith(".npy")) {
        assertThat(Files.readAllBytes(four.resolve(name)))
            .as(name)
            .isEqualTo(Files.readAllBytes(one.resolve(name)));
      }
    }
  }

  @Test
  void progressGoesToStderrAndResultLineToStdout() {
    Cli.Run run = Cli.run("cluster", input.toString(), "--out", tmp.resolve("o").toString());
    assertThat(run.exitCode()).isZero();
    // Tests do not run on a terminal: plain lines.
    assertThat(run.err()).contains("k-NN ...", "k-NN: done in", "MST: done in");
    assertThat(run.out()).contains("hdbscan: 3 clusters");
  }

  @Test
  void refusesNonEmptyDirectoryWithoutForce() throws IOException {
    Path out = Files.createDirectory(tmp.resolve("out"));
    Files.writeString(out.resolve("notes.txt"), "mine");
    Cli.Run run = Cli.run("cluster", input.toString(), "--out", out.toString());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.errLines()).hasSize(1);
    assertThat(run.err()).startsWith("dataeval4j: ").contains("not empty", "--force");
    assertThat(names(out)).containsExactly("notes.txt");
  }

  @Test
  void forceReplacesOurFilesAndLeavesOthers() throws IOException {
    Path out = tmp.resolve("out");
    assertThat(Cli.run("cluster", input.toString(), "--out", out.toString()).exitCode()).isZero();
    Files.writeString(out.resolve("notes.txt"), "mine");
    Files.writeString(out.resolve("centers.npy"), "stale, from an earlier KMeans run");
    Files.writeString(out.resolve("clusters.npy"), "old");

    Cli.Run run =
        Cli.run(
            "cluster",
            input.toString(),
            "--out",
            out.toString(),
            "--force",
            "--n-clusters",
            "2",
            "--quiet");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(Files.readString(out.resolve("notes.txt"))).isEqualTo("mine");
    assertThat(out.resolve("centers.npy")).doesNotExist();
    assertThat(summary(out).get("params").get("n_clusters").intValue()).isEqualTo(2);
    assertThat(Npy.readLabels(out.resolve("clusters.npy")))
        .isEqualTo(
            Clustering.cluster(
                    Npy.readEmbeddings(input), ClusterOptions.defaults().withNClusters(2))
                .clusters());
    assertThat(names(out)).noneMatch(n -> n.contains(".tmp"));
  }

  @Test
  void readsNpzMembersAndCsvLikeNpy() throws IOException {
    Path reference = tmp.resolve("ref");
    assertThat(Cli.run("cluster", input.toString(), "--out", reference.toString()).exitCode())
        .isZero();
    byte[] expected = Files.readAllBytes(reference.resolve("clusters.npy"));

    // An .npz with two arrays, the embeddings picked by name.
    Path npz = tmp.resolve("x.npz");
    try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(npz))) {
      zip.putNextEntry(new ZipEntry("other.npy"));
      zip.write(Files.readAllBytes(Cli.write(tmp.resolve("o.npy"), new float[] {1, 2}, 2, 1)));
      zip.putNextEntry(new ZipEntry("emb.npy"));
      zip.write(Files.readAllBytes(input));
    }
    Path fromNpz = tmp.resolve("npz");
    Cli.Run run = Cli.run("cluster", npz + ":emb", "--out", fromNpz.toString(), "--quiet");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(Files.readAllBytes(fromNpz.resolve("clusters.npy"))).isEqualTo(expected);

    // A CSV with a header; float32 values printed exactly (Float.toString round-trips).
    Embeddings x = Npy.readEmbeddings(input);
    StringBuilder csv = new StringBuilder("a,b,c,d\n");
    for (int i = 0; i < N; i++) {
      for (int j = 0; j < D; j++) {
        csv.append(j == 0 ? "" : ",").append((float) x.get(i, j));
      }
      csv.append('\n');
    }
    Path csvFile = Files.writeString(tmp.resolve("x.csv"), csv);
    Path fromCsv = tmp.resolve("csv");
    run = Cli.run("cluster", csvFile.toString(), "--out", fromCsv.toString(), "--quiet");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(Files.readAllBytes(fromCsv.resolve("clusters.npy"))).isEqualTo(expected);
  }

  @Test
  void missingInputIsExit2WithOneLineAndNoOutput() {
    Path out = tmp.resolve("out");
    Cli.Run run =
        Cli.run("cluster", tmp.resolve("missing.npy").toString(), "--out", out.toString());
    assertBadInput(run, out, "missing.npy");
  }

  @Test
  void malformedNpyIsExit2() throws IOException {
    Path bad = Files.write(tmp.resolve("bad.npy"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10});
    Path out = tmp.resolve("out");
    assertBadInput(Cli.run("cluster", bad.toString(), "--out", out.toString()), out, "bad.npy");
  }

  @Test
  void nanIsExit2NamingRowAndColumn() throws IOException {
    float[] x = Cli.blobs(N, D, 3, 1);
    x[7 * D + 2] = Float.NaN;
    Path nan = Cli.write(tmp.resolve("nan.npy"), x, N, D);
    Path out = tmp.resolve("nested/out");
    Cli.Run run = Cli.run("cluster", nan.toString(), "--out", out.toString());
    assertBadInput(run, out, "row 7");
    assertThat(run.err()).contains("column 2");
    assertThat(tmp.resolve("nested")).doesNotExist();
  }

  @Test
  void nonPositiveCountsAreUsageErrors() {
    for (String[] bad :
        List.of(
            new String[] {"--n-clusters", "0"},
            new String[] {"--n-clusters", "-3"},
            new String[] {"--max-cluster-size", "0"},
            new String[] {"--pca", "0"},
            new String[] {"--algorithm", "kmeans", "--n-init", "0"},
            new String[] {"--algorithm", "kmeans", "--n-init", "many"},
            new String[] {"--n-init", "3"},
            new String[] {"--algorithm", "dbscan"},
            new String[] {"--threads", "-1"},
            new String[] {"--n-clusters", "x"})) {
      Path out = tmp.resolve("out");
      List<String> args =
          new ArrayList<>(List.of("cluster", input.toString(), "--out", out.toString()));
      args.addAll(List.of(bad));
      Cli.Run run = Cli.run(args.toArray(String[]::new));
      assertThat(run.exitCode()).as(String.join(" ", bad)).isEqualTo(2);
      assertThat(run.errLines()).as(run.err()).hasSize(1);
      assertThat(run.err()).startsWith("dataeval4j: ").doesNotContain("\tat ");
      assertThat(out).doesNotExist();
    }
  }

  @Test
  void missingOutOptionIsUsageError() {
    Cli.Run run = Cli.run("cluster", input.toString());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.errLines()).hasSize(1);
    assertThat(run.err()).contains("--out");
  }

  @Test
  void unwritableOutputIsExit2() throws IOException {
    // A regular file where a directory is needed: unwritable even for root.
    Path file = Files.writeString(tmp.resolve("file"), "x");
    for (Path out : List.of(file, file.resolve("out"), file.resolve("a/b"))) {
      Cli.Run run = Cli.run("cluster", input.toString(), "--out", out.toString());
      assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
      assertThat(run.errLines()).hasSize(1);
      assertThat(run.err()).startsWith("dataeval4j: ").contains("file").doesNotContain("\tat ");
    }
    assertThat(Files.readString(file)).isEqualTo("x");
  }

  @Test
  void singleClusterIsReportedWithAdvice() throws IOException {
    // Uniform data has no density structure: HDBSCAN selects the root, one cluster.
    Path uniform = Cli.write(tmp.resolve("uniform.npy"), Cli.uniform(200, 32, 3), 200, 32);
    Path out = tmp.resolve("out");
    Cli.Run run = Cli.run("cluster", uniform.toString(), "--out", out.toString(), "--quiet");
    assertThat(run.exitCode()).isZero();
    assertThat(summary(out).get("n_clusters_found").intValue()).isEqualTo(1);
    assertThat(run.err()).contains("single cluster", "--pca", "--algorithm kmeans --n-clusters");

    Cli.Run blobs = Cli.run("cluster", input.toString(), "--out", tmp.resolve("b").toString());
    assertThat(blobs.err()).doesNotContain("single cluster");
  }

  @Test
  void clustersFoundCountsRawLabelsSoAllNoiseIsZero() {
    KnnGraph knn = new KnnGraph(3, 1, new int[] {1, 0, 1}, new float[] {1, 1, 1});
    float[] mst = {0, 1, 1, 1, 2, 1};
    ClusterResult allNoise =
        ClusterResult.precomputed(
            Algorithm.HDBSCAN, new int[] {-1, -1, -1}, new int[] {0, 0, 0}, mst, null, knn);
    assertThat(ClusterCommand.clustersFound(allNoise)).isZero();
    ClusterResult two =
        ClusterResult.precomputed(
            Algorithm.HDBSCAN, new int[] {1, -1, 0}, new int[] {1, 1, 0}, mst, null, knn);
    assertThat(ClusterCommand.clustersFound(two)).isEqualTo(2);
  }

  @Test
  void highDimensionWithoutPcaWarns() throws IOException {
    int d = ClusterCommand.HIGH_DIMENSION + 1;
    Path wide = Cli.write(tmp.resolve("wide.npy"), Cli.blobs(30, d, 2, 5), 30, d);
    Cli.Run run =
        Cli.run("cluster", wide.toString(), "--out", tmp.resolve("o").toString(), "--quiet");
    assertThat(run.exitCode()).isZero();
    assertThat(run.err()).contains("warning: d = " + d + " > 500", "--pca");

    Cli.Run reduced =
        Cli.run(
            "cluster",
            wide.toString(),
            "--out",
            tmp.resolve("p").toString(),
            "--quiet",
            "--pca",
            "3");
    assertThat(reduced.exitCode()).isZero();
    assertThat(reduced.err()).doesNotContain("warning");
  }

  @Test
  void pcaReducesBeforeClusteringAndRecordsTheRatios() throws IOException {
    Path out = tmp.resolve("out");
    Cli.Run run =
        Cli.run("cluster", input.toString(), "--out", out.toString(), "--pca", "2", "--quiet");
    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode s = summary(out);
    assertThat(s.get("d").intValue()).isEqualTo(2);
    assertThat(s.get("d_input").intValue()).isEqualTo(D);
    assertThat(s.get("params").get("pca").intValue()).isEqualTo(2);
    assertThat(s.get("explained_variance_ratio").toString()).isEqualTo("[0.5,0.25]");
    assertThat(fieldNames(s.get("seconds"))).contains("pca");
    Embeddings reduced = Cli.FIRST_COLUMNS.reduce(Npy.readEmbeddings(input), 2).reduced();
    assertThat(Npy.readLabels(out.resolve("clusters.npy")))
        .isEqualTo(Clustering.cluster(reduced).clusters());

    Cli.Run tooMany =
        Cli.run("cluster", input.toString(), "--out", tmp.resolve("x").toString(), "--pca", "5");
    assertThat(tooMany.exitCode()).isEqualTo(2);
    assertThat(tooMany.err()).contains("--pca must be <= d = 4");
  }

  @Test
  void internalFailureIsExit1WithStackTraceOnlyWithDebug() {
    Reducer broken =
        (x, c) -> {
          throw new IllegalStateException("boom");
        };
    Path out = tmp.resolve("out");
    Cli.Run run =
        Cli.run(
            broken, "cluster", input.toString(), "--out", out.toString(), "--pca", "2", "--quiet");
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.errLines()).hasSize(1);
    assertThat(run.err()).contains("internal error", "boom", "--debug").doesNotContain("\tat ");
    assertThat(out).doesNotExist();

    Cli.Run debug =
        Cli.run(
            broken,
            "cluster",
            input.toString(),
            "--out",
            out.toString(),
            "--pca",
            "2",
            "--quiet",
            "--debug");
    assertThat(debug.exitCode()).isEqualTo(1);
    assertThat(debug.err()).contains("\tat ", "boom");
  }

  @Test
  void kmeansWritesCentersAndInertia() throws IOException {
    Embeddings x = Npy.readEmbeddings(input);
    ClusterOptions options = ClusterOptions.kmeans().withNClusters(3);
    ClusterResult expected;
    try {
      expected = Clustering.cluster(x, options);
    } catch (UnsupportedOperationException e) {
      Assumptions.abort("KMeans is not merged into this build yet: " + e.getMessage());
      return;
    }
    Path out = tmp.resolve("out");
    Cli.Run run =
        Cli.run(
            "cluster",
            input.toString(),
            "--out",
            out.toString(),
            "--algorithm",
            "kmeans",
            "--n-clusters",
            "3",
            "--quiet");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertLayout(out.resolve("centers.npy"), "<f8", 3, D);
    assertThat(Npy.read(out.resolve("centers.npy")).toDoubles()).isEqualTo(expected.centers());
    assertThat(Npy.readLabels(out.resolve("clusters.npy"))).isEqualTo(expected.clusters());
    JsonNode s = summary(out);
    assertThat(s.get("algorithm").textValue()).isEqualTo("kmeans");
    assertThat(s.get("inertia").doubleValue()).isEqualTo(expected.inertia());
    assertThat(s.get("params").get("n_clusters").intValue()).isEqualTo(3);
    assertThat(s.get("params").get("n_init").intValue()).isEqualTo(1);
    assertThat(s.get("params").get("max_cluster_size").isNull()).isTrue();
    assertThat(s.get("n_noise").intValue()).isZero();
  }

  @Test
  void helpListsEveryOptionWithItsDefault() {
    for (String command : List.of("cluster", "pca")) {
      Cli.Run run = Cli.run(command, "--help");
      assertThat(run.exitCode()).isZero();
      picocli.CommandLine cl =
          java.util.Objects.requireNonNull(Main.commandLine().getSubcommands().get(command));
      for (picocli.CommandLine.Model.OptionSpec o : cl.getCommandSpec().options()) {
        if (o.usageHelp() || o.versionHelp()) {
          continue;
        }
        assertThat(run.out()).as(command).contains(o.longestName());
        assertThat(String.join(" ", o.description()))
            .as(command + " " + o.longestName())
            .containsPattern("(Default|default): |Required, no default");
      }
      // Defaults are rendered, not left as ${DEFAULT-VALUE}.
      assertThat(run.out()).doesNotContain("${").contains("Default: 0.");
    }
    assertThat(Cli.run("cluster", "--help").out())
        .contains("--n-clusters", "--max-cluster-size", "--pca", "--n-init", "--algorithm")
        .contains("Default: hdbscan.", "Default: auto.", "Default: none (unbounded)");
  }

  private static void assertBadInput(Cli.Run run, Path out, String mentions) {
    assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
    assertThat(run.errLines()).as(run.err()).hasSize(1);
    assertThat(run.err()).startsWith("dataeval4j: ").contains(mentions).doesNotContain("\tat ");
    assertThat(run.out()).isEmpty();
    assertThat(out).doesNotExist();
  }

  private static void assertLayout(Path file, String descr, int... shape) throws IOException {
    NpyArray a = Npy.read(file);
    assertThat(a.descr()).as(file.toString()).isEqualTo(descr);
    assertThat(a.shape()).as(file.toString()).containsExactly(shape);
    assertThat(a.fortranOrder()).isFalse();
  }

  private static float[] floats(Path file) throws IOException {
    double[] d = Npy.read(file).toDoubles();
    float[] f = new float[d.length];
    for (int i = 0; i < d.length; i++) {
      f[i] = (float) d[i];
    }
    return f;
  }

  static JsonNode summary(Path out) throws IOException {
    return Json.mapper().readTree(out.resolve("summary.json").toFile());
  }

  static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  static List<String> names(Path dir) throws IOException {
    Map<String, Boolean> sorted = new TreeMap<>();
    try (Stream<Path> s = Files.list(dir)) {
      s.forEach(p -> sorted.put(String.valueOf(p.getFileName()), true));
    }
    return new ArrayList<>(sorted.keySet());
  }
}
