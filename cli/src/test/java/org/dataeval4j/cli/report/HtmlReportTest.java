package org.dataeval4j.cli.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import org.dataeval4j.cluster.ClusterOptions;
import org.dataeval4j.cluster.ClusterResult;
import org.dataeval4j.cluster.Clustering;
import org.dataeval4j.data.Embeddings;
import org.dataeval4j.evaluate.DuplicateGroup;
import org.dataeval4j.evaluate.Duplicates;
import org.dataeval4j.evaluate.DuplicatesOptions;
import org.dataeval4j.evaluate.DuplicatesResult;
import org.dataeval4j.evaluate.LabelError;
import org.dataeval4j.evaluate.LabelErrors;
import org.dataeval4j.evaluate.LabelErrorsOptions;
import org.dataeval4j.evaluate.LabelErrorsResult;
import org.dataeval4j.evaluate.Outlier;
import org.dataeval4j.evaluate.Outliers;
import org.dataeval4j.evaluate.OutliersOptions;
import org.dataeval4j.evaluate.OutliersResult;
import org.dataeval4j.exec.Exec;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** The report's structure, escaping, sampling and size cap, without a browser. */
class HtmlReportTest {
  static final String EVIL = "<script>alert('x')</script>&\"";

  /** Three Gaussian blobs in 4-D, labels = blob with two flipped, a planted copy. */
  static ReportData blobsReport(String input, @Nullable Images images) {
    int n = 150;
    int d = 4;
    SplittableRandom r = new SplittableRandom(7);
    double[] x = new double[n * d];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      labels[i] = i % 3;
      for (int j = 0; j < d; j++) {
        x[i * d + j] = 30.0 * (i % 3) + 2 * r.nextDouble() - 1;
      }
    }
    System.arraycopy(x, 0, x, (n - 1) * d, d);
    labels[n - 1] = 0;
    x[(n - 1) * d] += 1e-3;
    labels[5] = 0;
    labels[7] = 2;
    Embeddings e = Embeddings.wrap(x, n, d);
    try (Exec exec = Exec.serial()) {
      ClusterResult c = Clustering.cluster(e, ClusterOptions.defaults(), exec);
      DuplicatesResult dup = Duplicates.fromClusters(c, DuplicatesOptions.defaults());
      OutliersResult out =
          Outliers.fromClusters(e, c, OutliersOptions.defaults().withThreshold(1.5));
      LabelErrorsResult le = LabelErrors.evaluate(e, labels, LabelErrorsOptions.defaults(), exec);
      Map<String, String> params = new LinkedHashMap<>();
      params.put("seed", "0");
      ReportData.Summary s =
          new ReportData.Summary(
              input,
              EVIL + ".npy",
              null,
              n,
              d,
              d,
              "hdbscan",
              params,
              3,
              c.noiseCount(),
              List.of("warning " + EVIL));
      return ReportData.of(s, e, c, dup, out, labels, le, images);
    }
  }

  private static int count(String s, String what) {
    int c = 0;
    for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + what.length())) {
      c++;
    }
    return c;
  }

  @Test
  void everyPointRowAndChartIsThere() {
    ReportData data = blobsReport("blobs.npy", null);
    String html = HtmlReport.render(data);
    assertThat(count(html, "<circle class=\"pt ")).isEqualTo(150);
    assertThat(count(html, "class=\"mk mk-outlier\"")).isEqualTo(data.outliers().size());
    int dupMembers = 0;
    for (DuplicateGroup g : data.duplicates()) {
      dupMembers += g.items().length;
    }
    assertThat(data.duplicates()).isNotEmpty();
    assertThat(count(html, "class=\"mk mk-dup\"")).isEqualTo(dupMembers);
    List<LabelError> errors = Objects.requireNonNull(data.labelErrors());
    assertThat(errors.stream().map(LabelError::index)).contains(5, 7);
    assertThat(count(html, "class=\"mk mk-label\"")).isEqualTo(errors.size());
    assertThat(count(html, "<tr class=\"r\">"))
        .isEqualTo(data.duplicates().size() + data.outliers().size() + errors.size());
    for (String id :
        List.of("scatter", "cluster-sizes", "membership", "condensed-tree", "outlier-z")) {
      assertThat(html).contains("<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"" + id + "\"");
    }
    assertThat(html).doesNotContain("<img");
  }

  @Test
  void textFromInputIsEscaped() {
    String html = HtmlReport.render(blobsReport("dir/" + EVIL + ".npy", null));
    assertThat(html).doesNotContain("<script").doesNotContain("alert('x')");
    assertThat(html).contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;&quot;.npy");
    assertThat(html).contains("warning &lt;script&gt;");
  }

  @Test
  void thumbnailsPerRowAndDeterministicOutput() {
    int n = 150;
    byte[] px = new byte[n * 5 * 4 * 3];
    new SplittableRandom(3).nextBytes(px);
    Images images = Images.ofBytes(px, n, 5, 4, 3);
    ReportData data = blobsReport("blobs.npy", images);
    String html = HtmlReport.render(data);
    int expected = data.outliers().size() + Objects.requireNonNull(data.labelErrors()).size();
    for (DuplicateGroup g : data.duplicates()) {
      expected += Math.min(HtmlReport.MAX_GROUP_THUMBNAILS, g.items().length);
    }
    assertThat(count(html, "<img alt=\"sample ")).isEqualTo(expected);
    assertThat(HtmlReport.render(blobsReport("blobs.npy", images))).isEqualTo(html);
  }

  /**
   * A large synthetic report (n = 120,000 with 6,000 outliers, 4,000 label errors and 3,000
   * duplicate groups): the scatter is capped at 20,000 points and every table row is drawn.
   */
  @Test
  void largeInputCapsTheScatter() {
    String html = HtmlReport.render(synthetic(120_000, null));
    assertThat(count(html, "<circle class=\"pt ")).isEqualTo(ScatterSample.DEFAULT_CAP);
    assertThat(count(html, "<tr class=\"r\">")).isEqualTo(3 * HtmlReport.MAX_ROWS);
    assertThat(html).contains("points is drawn: every sample listed below and");
    assertThat(utf8Length(html)).isLessThan(20_000_000);
  }

  /**
   * The worst case for thumbnails: RGBA noise (incompressible) of the largest size kept as is, for
   * every row of full tables: the page stays under 20 MB.
   */
  @Test
  void fullTablesOfLargeImagesStayUnderTheSizeCap() {
    int n = 4_000;
    int side = Images.MAX_THUMBNAIL_SIDE;
    byte[] px = new byte[n * side * side * 4];
    new SplittableRandom(5).nextBytes(px);
    String html = HtmlReport.render(synthetic(n, Images.ofBytes(px, n, side, side, 4)));
    assertThat(count(html, "<tr class=\"r\">")).isEqualTo(3 * HtmlReport.MAX_ROWS);
    assertThat(count(html, "<img alt=")).isEqualTo(HtmlReport.MAX_ROWS * (6 + 1 + 1));
    assertThat(utf8Length(html)).isBetween(2_000_000L, 20_000_000L);
  }

  private static long utf8Length(String s) {
    return s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
  }

  /** n samples with every 20th an outlier, every 30th a label error, groups of 7 every 40. */
  private static ReportData synthetic(int n, @Nullable Images images) {
    SplittableRandom r = new SplittableRandom(11);
    double[] proj = new double[2 * n];
    for (int i = 0; i < proj.length; i++) {
      proj[i] = r.nextDouble();
    }
    int[] raw = new int[n];
    int[] clusters = new int[n];
    float[] member = new float[n];
    float[] z = new float[n];
    int[] labels = new int[n];
    float[] scores = new float[n];
    for (int i = 0; i < n; i++) {
      raw[i] = i % 50 == 0 ? -1 : i % 12;
      clusters[i] = i % 12;
      member[i] = (float) r.nextDouble();
      z[i] = (float) (3 * r.nextDouble() - 1);
      labels[i] = i % 10;
      scores[i] = (float) (2 * r.nextDouble());
    }
    // A chain linkage: point t+1 joins the cluster of 0..t at height t+1.
    float[] linkage = new float[4 * (n - 1)];
    for (int t = 0; t < n - 1; t++) {
      linkage[4 * t] = t == 0 ? 1 : n + t - 1;
      linkage[4 * t + 1] = t == 0 ? 0 : t + 1;
      linkage[4 * t + 2] = t + 1;
      linkage[4 * t + 3] = t + 2;
    }
    List<Outlier> outliers = new ArrayList<>();
    for (int i = 1; i < n; i += 20) {
      outliers.add(new Outlier(i, 0, i, z[i] + 5));
    }
    List<LabelError> errors = new ArrayList<>();
    for (int i = 2; i < n; i += 30) {
      errors.add(new LabelError(i, labels[i], new long[] {3}));
    }
    List<DuplicateGroup> groups = new ArrayList<>();
    for (int s = 3; s + 7 < n; s += 40) {
      int[] items = new int[7];
      for (int t = 0; t < 7; t++) {
        items[t] = s + t;
      }
      groups.add(
          new DuplicateGroup(
              groups.size(), DuplicateGroup.Kind.NEAR, items, new int[7], items.clone()));
    }
    return new ReportData(
        new ReportData.Summary(
            "big.npy",
            "labels.npy",
            "images.npy",
            n,
            512,
            512,
            "hdbscan",
            Map.of(),
            12,
            n / 50,
            List.of()),
        raw,
        clusters,
        member,
        proj,
        linkage,
        100,
        z,
        3.0,
        groups,
        outliers,
        labels,
        errors,
        scores,
        images);
  }
}
