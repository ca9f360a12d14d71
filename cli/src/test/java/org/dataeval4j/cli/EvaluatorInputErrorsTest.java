package org.dataeval4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dataeval4j.data.Npy;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input to the evaluator commands: one line on stderr, exit code 2, no output directory (and an
 * existing one left untouched).
 */
class EvaluatorInputErrorsTest {
  private static final int N = 40;
  private static final int D = 3;

  @SuppressWarnings("NullAway.Init")
  @TempDir
  Path tmp;

  @SuppressWarnings("NullAway.Init")
  private Path good;

  @BeforeEach
  void writeInput() throws IOException {
    good = Cli.write(tmp.resolve("good.npy"), Cli.blobs(N, D, 2, 3), N, D);
  }

  @Test
  void nanInAnyInputIsRejected() throws IOException {
    float[] x = Cli.blobs(N, D, 2, 3);
    x[5 * D + 1] = Float.NaN;
    Path nan = Cli.write(tmp.resolve("nan.npy"), x, N, D);
    Path y = labels(N);
    assertBadInput("duplicates", nan.toString());
    assertBadInput("outliers", good.toString(), nan.toString());
    assertBadInput("label-errors", nan.toString(), "--labels", y.toString());
    assertBadInput("prioritize", nan.toString(), "--method", "knn");
    assertBadInput("prioritize", good.toString(), "--method", "knn", "--reference", nan.toString());
  }

  @Test
  void inputsOfDifferentDimensionsAreRejected() throws IOException {
    Path wide = Cli.write(tmp.resolve("wide.npy"), Cli.blobs(N, D + 1, 2, 3), N, D + 1);
    String err = assertBadInput("duplicates", good.toString(), wide.toString());
    assertThat(err).contains("good.npy").contains("wide.npy");
    assertBadInput("outliers", good.toString(), wide.toString());
  }

  @Test
  void inconsistentClusterResultsAreRejected() throws IOException {
    // A consistent directory from the cluster command, then one broken file at a time.
    Path dir = tmp.resolve("clustered");
    Cli.Run run = Cli.run("cluster", good.toString(), "--out", dir.toString(), "--quiet");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(
            Cli.run(
                    "duplicates",
                    good.toString(),
                    "--out",
                    tmp.resolve("ok").toString(),
                    "--cluster-result",
                    dir.toString(),
                    "--quiet")
                .exitCode())
        .isZero();

    List<Runnable> breakers = new ArrayList<>();
    long[] badLabels = new long[N];
    badLabels[2] = -2;
    breakers.add(() -> write(() -> Npy.writeInt64(dir.resolve("raw_labels.npy"), badLabels, N)));
    breakers.add(
        () -> write(() -> Npy.writeInt64(dir.resolve("clusters.npy"), new long[N + 1], N + 1)));
    breakers.add(
        () -> write(() -> Npy.writeFloat32(dir.resolve("mst.npy"), new float[3 * N], N, 3)));
    breakers.add(
        () ->
            write(() -> Npy.writeFloat32(dir.resolve("k_distances.npy"), new float[N * 2], N, 2)));
    long[] farNeighbours = new long[N * 25];
    farNeighbours[0] = N;
    breakers.add(
        () ->
            write(
                () ->
                    Npy.writeInt64(
                        dir.resolve("k_neighbors.npy"),
                        farNeighbours,
                        N,
                        farNeighbours.length / N)));
    breakers.add(() -> write(() -> Files.delete(dir.resolve("k_distances.npy"))));
    for (Runnable breaker : breakers) {
      Path backup = tmp.resolve("backup");
      copyDir(dir, backup);
      breaker.run();
      String err =
          assertBadInput("duplicates", good.toString(), "--cluster-result", dir.toString());
      assertThat(err).contains(dir.toString());
      copyDir(backup, dir);
      deleteDir(backup);
    }
    // Outliers read the labels only, and check them the same way.
    write(() -> Npy.writeInt64(dir.resolve("raw_labels.npy"), badLabels, N));
    assertBadInput("outliers", good.toString(), "--cluster-result", dir.toString());
    assertBadInput("outliers", good.toString(), "--cluster-result", tmp.resolve("none").toString());
  }

  @Test
  void anExistingOutputIsRefusedAndLeftAloneWithoutForce() throws IOException {
    Path out = tmp.resolve("out");
    Files.createDirectories(out);
    Files.writeString(out.resolve("keep.txt"), "mine");
    Cli.Run run = Cli.run("outliers", good.toString(), "--out", out.toString(), "--quiet");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.errLines()).hasSize(1);
    assertThat(Reference.names(out)).containsExactly("keep.txt");
    run = Cli.run("outliers", good.toString(), "--out", out.toString(), "--quiet", "--force");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(Reference.names(out)).containsExactlyInAnyOrder("keep.txt", "result.json");
  }

  @Test
  void theNewCommandsAreListedInTheHelp() {
    Cli.Run run = Cli.run("--help");
    assertThat(run.out()).contains("duplicates", "outliers", "label-errors", "prioritize");
  }

  /** Runs a command into a fresh --out and checks exit 2, one line, no output; returns stderr. */
  private String assertBadInput(String command, String... args) {
    Path out = tmp.resolve("bad-out");
    List<String> all = new ArrayList<>(List.of(command));
    all.addAll(List.of(args));
    all.addAll(List.of("--out", out.toString()));
    Cli.Run run = Cli.run(all.toArray(new String[0]));
    assertThat(run.exitCode()).as(all + ": " + run.err()).isEqualTo(2);
    assertThat(run.errLines()).as(run.err()).hasSize(1);
    assertThat(run.err()).startsWith("dataeval4j: ");
    assertThat(out).doesNotExist();
    return run.err();
  }

  private Path labels(int n) throws IOException {
    long[] y = new long[n];
    for (int i = 0; i < n; i++) {
      y[i] = i % 2;
    }
    Path file = tmp.resolve("labels.npy");
    Npy.writeInt64(file, y, n);
    return file;
  }

  private interface IoAction {
    void run() throws IOException;
  }

  private static void write(IoAction action) {
    try {
      action.run();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static void copyDir(Path from, Path to) throws IOException {
    Files.createDirectories(to);
    for (String name : Reference.names(from)) {
      Files.copy(
          from.resolve(name), to.resolve(name), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static void deleteDir(Path dir) throws IOException {
    for (String name : Reference.names(dir)) {
      Files.delete(dir.resolve(name));
    }
    Files.delete(dir);
  }
}
