package org.dataeval4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dataeval4j.data.Npy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dataeval4j prioritize}: DataEval's knn ranking, orders, policies, files, bad options. */
class PrioritizeCommandTest {
  private static final int N = 120;
  private static final int D = 5;

  @SuppressWarnings("NullAway.Init")
  @TempDir
  Path tmp;

  @Test
  void knnReproducesDataEvalsRankingUpToTies() throws IOException {
    Path out = tmp.resolve("out");
    Cli.Run run =
        Cli.run(
            "prioritize",
            Reference.digits().toString(),
            "--out",
            out.toString(),
            "--method",
            "knn",
            "--quiet");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(Reference.names(out))
        .containsExactlyInAnyOrder("order.npy", "scores.npy", "result.json");
    assertThat(Npy.read(out.resolve("order.npy")).descr()).isEqualTo("<i8");
    assertThat(Npy.read(out.resolve("scores.npy")).descr()).isEqualTo("<f4");
    int[] order = Npy.read(out.resolve("order.npy")).toInts();
    float[] scores = Reference.floats(out.resolve("scores.npy"));
    Path ref = Reference.dataEval("hdbscan").resolve("prioritize");
    int[] expected = Npy.read(ref.resolve("knn_indices.npy")).toInts();
    float[] expectedScores = Reference.floats(ref.resolve("knn_scores.npy"));
    assertThat(order).hasSize(1797);
    // DataEval normalises in float32, we in double: scores agree to float32 rounding.
    for (int i = 0; i < scores.length; i++) {
      assertThat(scores[i]).isCloseTo(expectedScores[i], within(1e-6f));
    }
    // Up to ties: position by position, the two orders rank samples of the same score.
    for (int t = 0; t < order.length; t++) {
      assertThat(scores[order[t]]).isCloseTo(scores[expected[t]], within(1e-6f));
      if (t > 0) {
        assertThat(scores[order[t]]).isGreaterThanOrEqualTo(scores[order[t - 1]]);
      }
    }
    JsonNode params = Reference.json(out.resolve("result.json")).get("params");
    assertThat(params.get("method").asText()).isEqualTo("knn");
    assertThat(params.get("k").asInt()).isEqualTo(42);
    assertThat(params.get("order").asText()).isEqualTo("easy");
    assertThat(params.get("policy").asText()).isEqualTo("difficulty");
  }

  @Test
  void hardIsTheReverseOfEasyAndHyphensAreAccepted() throws IOException {
    Path in = input();
    int[] easy = order(in, "easy", "--method", "kmeans_distance", "--c", "4", "--seed", "9");
    int[] hard = order(in, "hard", "--method", "kmeans-distance", "--c", "4", "--seed", "9");
    assertPermutation(easy);
    for (int t = 0; t < N; t++) {
      assertThat(hard[t]).isEqualTo(easy[N - 1 - t]);
    }
    // Scores stay in sample order whatever the order: the easy order sorts them ascending.
    float[] scores = Reference.floats(tmp.resolve("hard/scores.npy"));
    assertThat(Reference.floats(tmp.resolve("easy/scores.npy"))).isEqualTo(scores);
    for (int t = 1; t < N; t++) {
      assertThat(scores[easy[t]]).isGreaterThanOrEqualTo(scores[easy[t - 1]]);
    }
  }

  @Test
  void complexityMethodsWriteNoScores() throws IOException {
    Path in = input();
    for (String m : new String[] {"kmeans_complexity", "hdbscan-complexity"}) {
      Path out = tmp.resolve(m);
      Cli.Run run =
          Cli.run("prioritize", in.toString(), "--out", out.toString(), "--method", m, "--quiet");
      assertThat(run.exitCode()).as(run.err()).isZero();
      assertThat(Reference.names(out)).containsExactlyInAnyOrder("order.npy", "result.json");
      assertPermutation(Npy.read(out.resolve("order.npy")).toInts());
      assertThat(Reference.json(out.resolve("result.json")).get("files")).hasSize(1);
    }
  }

  @Test
  void classBalancedAlternatesClasses() throws IOException {
    Path in = input();
    long[] labels = new long[N];
    for (int i = 0; i < N; i++) {
      labels[i] = i % 3;
    }
    Path y = tmp.resolve("y.npy");
    Npy.writeInt64(y, labels, N);
    Path out = tmp.resolve("out");
    Cli.Run run =
        Cli.run(
            "prioritize",
            in.toString(),
            "--out",
            out.toString(),
            "--method",
            "knn",
            "--policy",
            "class-balanced",
            "--labels",
            y.toString(),
            "--quiet");
    assertThat(run.exitCode()).as(run.err()).isZero();
    int[] order = Npy.read(out.resolve("order.npy")).toInts();
    assertPermutation(order);
    // Three classes of 40: every window of three consecutive positions holds each class once.
    for (int t = 0; t < N; t += 3) {
      assertThat(new long[] {labels[order[t]], labels[order[t + 1]], labels[order[t + 2]]})
          .containsExactlyInAnyOrder(0L, 1L, 2L);
    }
    assertThat(Reference.json(out.resolve("result.json")).get("params").get("labels").asText())
        .isEqualTo(y.toString());
  }

  @Test
  void badOptionsExitTwoWithOneLineAndNoOutput() throws IOException {
    Path in = input();
    Path y = tmp.resolve("y.npy");
    Npy.writeInt64(y, new long[N - 1], N - 1);
    Path other = Cli.write(tmp.resolve("other.npy"), Cli.blobs(N, D + 1, 3, 1), N, D + 1);
    String[][] cases = {
      {"--method", "random"},
      {"--method", "knn", "--k", "0"},
      {"--method", "knn", "--k", String.valueOf(N)},
      {"--method", "knn", "--c", "3"},
      {"--method", "kmeans_distance", "--k", "3"},
      {"--method", "knn", "--order", "sideways"},
      {"--method", "knn", "--policy", "random"},
      {"--method", "kmeans_complexity", "--policy", "stratified"},
      {"--method", "knn", "--policy", "class-balanced"},
      {"--method", "knn", "--policy", "class-balanced", "--labels", y.toString()},
      {"--method", "knn", "--reference", other.toString()},
      {"--method", "knn", "--bins", "5"},
    };
    for (String[] c : cases) {
      Path out = tmp.resolve("bad");
      List<String> args = new ArrayList<>(List.of("prioritize", in.toString(), "--out"));
      args.add(out.toString());
      args.addAll(List.of(c));
      Cli.Run run = Cli.run(args.toArray(new String[0]));
      assertThat(run.exitCode()).as(String.join(" ", c) + ": " + run.err()).isEqualTo(2);
      assertThat(run.errLines()).as(run.err()).hasSize(1);
      assertThat(out).doesNotExist();
    }
  }

  private Path input() throws IOException {
    return Cli.write(tmp.resolve("x.npy"), Cli.blobs(N, D, 3, 21), N, D);
  }

  private int[] order(Path in, String order, String... more) throws IOException {
    Path out = tmp.resolve(order);
    List<String> args =
        new ArrayList<>(List.of("prioritize", in.toString(), "--out", out.toString()));
    args.addAll(List.of("--order", order, "--quiet"));
    args.addAll(List.of(more));
    Cli.Run run = Cli.run(args.toArray(new String[0]));
    assertThat(run.exitCode()).as(run.err()).isZero();
    return Npy.read(out.resolve("order.npy")).toInts();
  }

  private static void assertPermutation(int[] order) {
    int[] sorted = order.clone();
    java.util.Arrays.sort(sorted);
    for (int i = 0; i < sorted.length; i++) {
      assertThat(sorted[i]).isEqualTo(i);
    }
  }
}
