package org.dataeval4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.dataeval4j.data.Npy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dataeval4j label-errors}: DataEval's error set, the arrays, bad labels. */
class LabelErrorsCommandTest {

  @SuppressWarnings("NullAway.Init")
  @TempDir
  Path tmp;

  @Test
  void digitsReproduceDataEvalsErrorsScoresAndRank() throws IOException {
    Path out = tmp.resolve("out");
    Cli.Run run =
        Cli.run(
            "label-errors",
            Reference.digits().toString(),
            "--labels",
            Reference.digitsLabels().toString(),
            "--out",
            out.toString(),
            "--quiet");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(Reference.names(out))
        .containsExactlyInAnyOrder("result.json", "scores.npy", "error_rank.npy");
    Path ref = Reference.dataEval("hdbscan");

    // scores.npy: float32, n, sample order, equal to DataEval's.
    assertThat(Npy.read(out.resolve("scores.npy")).descr()).isEqualTo("<f4");
    assertThat(Npy.read(out.resolve("scores.npy")).shape()).containsExactly(1797);
    float[] scores = Reference.floats(out.resolve("scores.npy"));
    assertThat(scores).isEqualTo(Reference.floats(ref.resolve("label_scores.npy")));

    // error_rank.npy: int64, by descending score; DataEval's argsort is unstable, so the two
    // ranks agree up to the order among equal scores.
    assertThat(Npy.read(out.resolve("error_rank.npy")).descr()).isEqualTo("<i8");
    int[] rank = Npy.read(out.resolve("error_rank.npy")).toInts();
    int[] expectedRank = Npy.read(ref.resolve("label_error_rank.npy")).toInts();
    assertThat(rank).hasSameSizeAs(expectedRank);
    for (int t = 0; t < rank.length; t++) {
      assertThat(scores[rank[t]]).isEqualTo(scores[expectedRank[t]]);
    }

    JsonNode json = Reference.json(out.resolve("result.json"));
    JsonNode expected = Reference.json(ref.resolve("label_errors.json"));
    List<Integer> expectedIndices = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = expected.get("errors").fields();
        it.hasNext(); ) {
      expectedIndices.add(Integer.valueOf(it.next().getKey()));
    }
    JsonNode errors = json.get("errors");
    List<Integer> indices = new ArrayList<>();
    for (JsonNode e : errors) {
      int i = e.get("index").asInt();
      indices.add(i);
      JsonNode want = expected.get("errors").get(String.valueOf(i));
      assertThat(e.get("label").asInt()).isEqualTo(want.get(0).asInt());
      assertThat(Reference.ints(e.get("suggested"))).isEqualTo(Reference.ints(want.get(1)));
      assertThat((float) e.get("score").asDouble()).isEqualTo(scores[i]).isGreaterThanOrEqualTo(1f);
    }
    assertThat(indices).hasSize(99).isSorted().containsExactlyInAnyOrderElementsOf(expectedIndices);
    assertThat(json.get("n_errors").asInt()).isEqualTo(99);
    assertThat(json.get("n_classes").asInt()).isEqualTo(10);
    assertThat(json.get("params").get("k").asInt()).isEqualTo(50);
    assertThat(json.get("params").get("k_used").asInt()).isEqualTo(50);
  }

  @Test
  void kIsCappedBelowTheSmallestClass() throws IOException {
    int n = 60;
    Path in = Cli.write(tmp.resolve("x.npy"), Cli.blobs(n, 3, 3, 11), n, 3);
    long[] labels = new long[n];
    for (int i = 0; i < n; i++) {
      labels[i] = i % 3;
    }
    Path y = tmp.resolve("y.npy");
    Npy.writeInt64(y, labels, n);
    Path out = tmp.resolve("out");
    Cli.Run run =
        Cli.run("label-errors", in.toString(), "--labels", y.toString(), "--out", out.toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode json = Reference.json(out.resolve("result.json"));
    assertThat(json.get("params").get("k_used").asInt()).isEqualTo(19);
    // Well separated blobs labelled by blob: no errors.
    assertThat(json.get("errors")).isEmpty();
  }

  @Test
  void badLabelsExitTwoWithOneLineAndNoOutput() throws IOException {
    int n = 30;
    Path in = Cli.write(tmp.resolve("x.npy"), Cli.blobs(n, 2, 2, 5), n, 2);
    Path shortLabels = tmp.resolve("short.npy");
    Npy.writeInt64(shortLabels, new long[n - 1], n - 1);
    Path floatLabels = tmp.resolve("float.npy");
    double[] halves = new double[n];
    for (int i = 0; i < n; i++) {
      halves[i] = i % 2 + 0.5;
    }
    Npy.writeFloat64(floatLabels, halves, n);
    Path negative = tmp.resolve("negative.npy");
    long[] neg = new long[n];
    neg[7] = -1;
    Npy.writeInt64(negative, neg, n);
    Path singleton = tmp.resolve("singleton.npy");
    long[] single = new long[n];
    single[3] = 1;
    Npy.writeInt64(singleton, single, n);
    String[][] cases = {
      {"--labels", shortLabels.toString()},
      {"--labels", floatLabels.toString()},
      {"--labels", negative.toString()},
      {"--labels", singleton.toString()},
      {"--labels", tmp.resolve("absent.npy").toString()},
      {"--labels", negative.toString(), "--k", "0"},
    };
    for (String[] c : cases) {
      Path out = tmp.resolve("bad");
      List<String> args = new ArrayList<>(List.of("label-errors", in.toString()));
      args.addAll(List.of(c));
      args.addAll(List.of("--out", out.toString()));
      Cli.Run run = Cli.run(args.toArray(new String[0]));
      assertThat(run.exitCode()).as(String.join(" ", c) + ": " + run.err()).isEqualTo(2);
      assertThat(run.errLines()).as(run.err()).hasSize(1);
      assertThat(out).doesNotExist();
    }
  }
}
