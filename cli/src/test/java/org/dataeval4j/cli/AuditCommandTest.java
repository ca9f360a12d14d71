package org.dataeval4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.dataeval4j.data.Npy;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dataeval4j audit}: the files it writes, the report, and bad input rejected cleanly. */
class AuditCommandTest {
  private static final int N = 150;
  private static final int D = 4;

  @SuppressWarnings("NullAway.Init")
  @TempDir
  Path tmp;

  @SuppressWarnings("NullAway.Init")
  private Path input;

  @SuppressWarnings("NullAway.Init")
  private Path labels;

  @SuppressWarnings("NullAway.Init")
  private Path images;

  @BeforeEach
  void writeInputs() throws IOException {
    input = Cli.write(tmp.resolve("blobs.npy"), Cli.blobs(N, D, 3, 42), N, D);
    int[] y = new int[N];
    for (int i = 0; i < N; i++) {
      y[i] = i % 3;
    }
    y[4] = 0; // sample 4 is in blob 1: a flipped label
    labels = tmp.resolve("labels.npy");
    Npy.writeInt64(labels, y, N);
    float[] px = new float[N * 3 * 2];
    for (int i = 0; i < px.length; i++) {
      px[i] = i % 7;
    }
    images = tmp.resolve("images.npy");
    Npy.writeFloat32(images, px, N, 3, 2);
  }

  private Cli.Run audit(Path out, String... extra) {
    String[] args = new String[4 + extra.length];
    args[0] = "audit";
    args[1] = input.toString();
    args[2] = "--out";
    args[3] = out.toString();
    System.arraycopy(extra, 0, args, 4, extra.length);
    return Cli.run(args);
  }

  @Test
  void writesEveryResultAndTheReport() throws IOException {
    Path out = tmp.resolve("out");
    Cli.Run run =
        audit(out, "--labels", labels.toString(), "--images", images.toString(), "--quiet");
    assertThat(run.exitCode()).as(run.err()).isZero();
    for (String f : new String[] {"clusters.npy", "raw_labels.npy", "summary.json"}) {
      assertThat(out.resolve("cluster").resolve(f)).isRegularFile();
    }
    for (String dir : new String[] {"duplicates", "outliers", "label-errors", "prioritize"}) {
      assertThat(out.resolve(dir).resolve("result.json")).isRegularFile();
    }
    JsonNode errors = Json.mapper().readTree(out.resolve("label-errors/result.json").toFile());
    assertThat(errors.get("errors").findValuesAsText("index")).contains("4");
    // Each evaluator's files are those its own command writes.
    assertThat(out.resolve("label-errors/scores.npy")).isRegularFile();
    assertThat(out.resolve("label-errors/error_rank.npy")).isRegularFile();
    JsonNode prio = Json.mapper().readTree(out.resolve("prioritize/result.json").toFile());
    assertThat(prio.get("params").get("method").asText()).isEqualTo("hdbscan_distance");
    assertThat(org.dataeval4j.data.Npy.read(out.resolve("prioritize/order.npy")).shape())
        .containsExactly(N);
    JsonNode dups = Json.mapper().readTree(out.resolve("duplicates/result.json").toFile());
    for (JsonNode g : dups.get("groups")) {
      assertThat(g.get("indices").isArray()).isTrue();
      assertThat(g.get("kind").asText()).isIn("exact", "near");
    }
    JsonNode outl = Json.mapper().readTree(out.resolve("outliers/result.json").toFile());
    assertThat(outl.get("outliers").isArray()).isTrue();
    String html = Files.readString(out.resolve("report.html"), StandardCharsets.UTF_8);
    assertThat(html).contains("<img alt=\"sample 4\"");
    assertThat(out).isDirectoryNotContaining("glob:**/.*.tmp");
  }

  @Test
  void withoutLabelsThereIsNoLabelErrorResult() {
    Path out = tmp.resolve("out");
    Cli.Run run = audit(out, "--algorithm", "kmeans", "--n-clusters", "3", "--quiet");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(out.resolve("label-errors")).doesNotExist();
    assertThat(out.resolve("report.html")).isRegularFile();
  }

  @Test
  void sameReportForOneAndFourThreads() throws IOException {
    Path a = tmp.resolve("a");
    Path b = tmp.resolve("b");
    assertThat(audit(a, "--labels", labels.toString(), "--threads", "1", "--quiet").exitCode())
        .isZero();
    assertThat(audit(b, "--labels", labels.toString(), "--threads", "4", "--quiet").exitCode())
        .isZero();
    assertThat(Files.readString(b.resolve("report.html")))
        .isEqualTo(Files.readString(a.resolve("report.html")));
  }

  @Test
  void fileNamesWithMarkupAppearAsText() throws IOException {
    Path evil = tmp.resolve("<script>alert(1)</script>.npy");
    Files.createDirectories(evil.getParent());
    Files.copy(labels, evil);
    Path out = tmp.resolve("out");
    Cli.Run run = audit(out, "--labels", evil.toString(), "--quiet");
    assertThat(run.exitCode()).as(run.err()).isZero();
    String html = Files.readString(out.resolve("report.html"), StandardCharsets.UTF_8);
    assertThat(html)
        .doesNotContain("<script")
        .contains("&lt;script&gt;alert(1)&lt;/script&gt;.npy");
  }

  @Test
  void warningsReachTheReport() throws IOException {
    int d = 501;
    Path wide = Cli.write(tmp.resolve("wide.npy"), Cli.uniform(120, d, 3), 120, d);
    Path out = tmp.resolve("out");
    Cli.Run run = Cli.run("audit", wide.toString(), "--out", out.toString(), "--quiet");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.err()).contains("d = 501 > 500").contains("HDBSCAN found");
    String html = Files.readString(out.resolve("report.html"), StandardCharsets.UTF_8);
    assertThat(html).contains("<li class=\"warning\">d = 501 &gt; 500 without --pca");
    assertThat(html).contains("<li class=\"warning\">HDBSCAN found");
  }

  @Test
  void unknownFileTypeIsABadInput() throws IOException {
    Path txt = Files.writeString(tmp.resolve("x.txt"), "1 2 3\n");
    assertRejected(Cli.run("audit", txt.toString(), "--out", tmp.resolve("o").toString()), "x.txt");
  }

  @Test
  void missingLabelsFileIsABadInput() {
    Path missing = tmp.resolve("nope.npy");
    assertRejected(audit(tmp.resolve("o"), "--labels", missing.toString()), "nope.npy");
  }

  @Test
  void imageCountMustMatch() throws IOException {
    Path few = tmp.resolve("few.npy");
    Npy.writeFloat32(few, new float[10 * 4], 10, 2, 2);
    assertRejected(audit(tmp.resolve("o"), "--images", few.toString()), "--images");
  }

  @Test
  void imagesMustBeImages() throws IOException {
    Path flat = tmp.resolve("flat.npy");
    Npy.writeFloat32(flat, new float[N * 4], N, 4);
    assertRejected(audit(tmp.resolve("o"), "--images", flat.toString()), "flat.npy");
  }

  @Test
  void malformedCsvIsABadInput() throws IOException {
    Path csv = Files.writeString(tmp.resolve("bad.csv"), "1,2\n3,x\n5,6\n");
    assertRejected(
        Cli.run("audit", csv.toString(), "--out", tmp.resolve("o").toString()), "bad.csv");
  }

  @Test
  void npzWithoutTheNamedArrayIsABadInput() throws IOException {
    Path npz = tmp.resolve("e.npz");
    try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(npz))) {
      z.putNextEntry(new ZipEntry("embeddings.npy"));
      z.write(Files.readAllBytes(input));
      z.closeEntry();
    }
    assertRejected(
        Cli.run("audit", npz + ":missing", "--out", tmp.resolve("o").toString()), "missing");
  }

  private void assertRejected(Cli.Run run, String mentioned) {
    assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
    assertThat(run.errLines()).hasSize(1);
    assertThat(run.err()).startsWith("dataeval4j: ").contains(mentioned);
    assertThat(tmp.resolve("o")).doesNotExist();
  }
}
