package org.dataeval4j.cli.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.dataeval4j.evaluate.DuplicateGroup;
import org.dataeval4j.evaluate.LabelError;
import org.dataeval4j.evaluate.Outlier;
import org.dataeval4j.tree.CondensedTree;
import org.jspecify.annotations.Nullable;

/**
 * Renders a {@link ReportData} as one self-contained HTML page: a summary, the 2-D projection
 * coloured by cluster with flagged samples marked, cluster sizes, the membership-strength
 * histogram, the condensed tree as an icicle plot, the outlier z-score distribution with its
 * threshold, and tables of duplicate groups, outliers and label errors with thumbnails.
 *
 * <p>No script, no external resource: the page carries a Content-Security-Policy ({@code
 * default-src 'none'}) so that a browser refuses anything else. Every text from input is escaped.
 * Size: the scatter draws at most {@link ScatterSample#DEFAULT_CAP} points plus the flagged ones,
 * tables show at most {@link #MAX_ROWS} rows and duplicate rows at most {@link
 * #MAX_GROUP_THUMBNAILS} thumbnails, thumbnails are at most {@link Images#MAX_THUMBNAIL_SIDE}
 * pixels a side, so the page stays well under 20 MB.
 */
public final class HtmlReport {
  /** Rows shown per table; the full lists are in the result files. */
  static final int MAX_ROWS = 100;

  /** Thumbnails shown per duplicate group. */
  static final int MAX_GROUP_THUMBNAILS = 6;

  /** Members listed per duplicate group. */
  static final int MAX_GROUP_MEMBERS = 20;

  private static final int PALETTE = 10;

  private final ReportData data;
  private final int scatterCap;
  private final StringBuilder out = new StringBuilder(1 << 16);

  private HtmlReport(ReportData data, int scatterCap) {
    this.data = data;
    this.scatterCap = scatterCap;
  }

  /** The page for {@code data}. */
  public static String render(ReportData data) {
    return render(data, ScatterSample.DEFAULT_CAP);
  }

  /** The page with another scatter cap (tests). */
  static String render(ReportData data, int scatterCap) {
    return new HtmlReport(data, scatterCap).page();
  }

  /** Writes the page to {@code file} in UTF-8. */
  public static void write(Path file, ReportData data) throws IOException {
    Files.writeString(file, render(data), StandardCharsets.UTF_8);
  }

  private String page() {
    ReportData.Summary s = data.summary();
    out.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';")
        .append(" img-src data:; style-src 'unsafe-inline'\">")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        .append("<title>dataeval4j audit: ")
        .append(Html.escape(s.input()))
        .append("</title><style>")
        .append(CSS)
        .append("</style></head><body>\n<header><h1>Audit of <code>")
        .append(Html.escape(s.input()))
        .append("</code></h1><p class=\"sub\">dataeval4j: clusters, duplicates, outliers and")
        .append(" label errors, with the parameters below.</p></header>\n");
    summary();
    scatter();
    out.append("<section class=\"charts\">");
    clusterSizes();
    membershipHistogram();
    icicle();
    outlierHistogram();
    out.append("</section>\n");
    duplicatesTable();
    outliersTable();
    labelErrorsTable();
    out.append("<footer>Written by dataeval4j. Indices are 0-based rows of the input.</footer>")
        .append("</body></html>\n");
    return out.toString();
  }

  // ---------------------------------------------------------------- summary

  private void summary() {
    ReportData.Summary s = data.summary();
    out.append("<section id=\"summary\"><h2>Summary</h2><div class=\"cards\">");
    card("samples", "n", Integer.toString(s.n()));
    card(
        "dimension",
        "d",
        s.d() == s.dInput() ? Integer.toString(s.d()) : s.dInput() + " \u2192 " + s.d() + " (PCA)");
    card("clusters", "clusters found", Integer.toString(s.clustersFound()));
    card("noise", "noise before reassignment", Integer.toString(s.noise()));
    card("duplicates", "duplicate groups", Integer.toString(data.duplicates().size()));
    card("outliers", "outliers", Integer.toString(data.outliers().size()));
    List<LabelError> errors = data.labelErrors();
    card(
        "label-errors",
        "suspected label errors",
        errors == null ? "\u2013 (no labels)" : Integer.toString(errors.size()));
    out.append("</div>");
    if (!s.warnings().isEmpty()) {
      out.append("<ul class=\"warnings\">");
      for (String w : s.warnings()) {
        out.append("<li class=\"warning\">").append(Html.escape(w)).append("</li>");
      }
      out.append("</ul>");
    }
    out.append("<table class=\"params\"><tbody>");
    param("input", s.input());
    param("labels", s.labelsFile() == null ? "none" : s.labelsFile());
    param("images", s.imagesFile() == null ? "none" : s.imagesFile());
    param("algorithm", s.algorithm());
    for (Map.Entry<String, String> e : s.params().entrySet()) {
      param(e.getKey(), e.getValue());
    }
    out.append("</tbody></table></section>\n");
  }

  private void card(String id, String label, String value) {
    out.append("<div class=\"card\" id=\"card-")
        .append(id)
        .append("\"><div class=\"value\">")
        .append(Html.escape(value))
        .append("</div><div class=\"label\">")
        .append(Html.escape(label))
        .append("</div></div>");
  }

  private void param(String name, String value) {
    out.append("<tr><th>")
        .append(Html.escape(name))
        .append("</th><td>")
        .append(Html.escape(value))
        .append("</td></tr>");
  }

  // ---------------------------------------------------------------- scatter

  private void scatter() {
    int n = data.summary().n();
    boolean[] outlier = new boolean[n];
    for (Outlier o : data.outliers()) {
      outlier[o.index()] = true;
    }
    boolean[] duplicate = new boolean[n];
    for (DuplicateGroup g : data.duplicates()) {
      for (int i : g.items()) {
        duplicate[i] = true;
      }
    }
    boolean[] labelError = new boolean[n];
    List<LabelError> errors = data.labelErrors();
    if (errors != null) {
      for (LabelError e : errors) {
        labelError[e.index()] = true;
      }
    }
    byte[] tier = new byte[n];
    int nFlagged = 0;
    for (int i = 0; i < n; i++) {
      boolean f = outlier[i] || duplicate[i] || labelError[i];
      tier[i] = f ? ScatterSample.FLAGGED : ScatterSample.OTHER;
      nFlagged += f ? 1 : 0;
    }
    for (int i : tableRows()) {
      tier[i] = ScatterSample.ALWAYS;
    }
    int[] shown = ScatterSample.choose(tier, scatterCap);
    int flaggedShown = 0;
    for (int i : shown) {
      flaggedShown += tier[i] != ScatterSample.OTHER ? 1 : 0;
    }

    double w = 900;
    double h = 620;
    double pad = 20;
    double[] p = data.projection();
    double minX = Double.POSITIVE_INFINITY;
    double maxX = Double.NEGATIVE_INFINITY;
    double minY = Double.POSITIVE_INFINITY;
    double maxY = Double.NEGATIVE_INFINITY;
    for (int i : shown) {
      minX = Math.min(minX, p[2 * i]);
      maxX = Math.max(maxX, p[2 * i]);
      minY = Math.min(minY, p[2 * i + 1]);
      maxY = Math.max(maxY, p[2 * i + 1]);
    }
    double sx = maxX > minX ? (w - 2 * pad) / (maxX - minX) : 0;
    double sy = maxY > minY ? (h - 2 * pad) / (maxY - minY) : 0;
    double[] xs = new double[n];
    double[] ys = new double[n];
    for (int i : shown) {
      xs[i] = sx == 0 ? w / 2 : pad + (p[2 * i] - minX) * sx;
      ys[i] = sy == 0 ? h / 2 : h - pad - (p[2 * i + 1] - minY) * sy;
    }

    Svg svg = new Svg(w, h, "scatter", "2-D projection of the embeddings coloured by cluster");
    svg.rect(0, 0, w, h, "frame");
    int[] raw = data.rawLabels();
    for (int i : shown) {
      svg.circle(xs[i], ys[i], 2.2, raw[i] < 0 ? "pt noise" : "pt k" + (raw[i] % PALETTE));
    }
    for (int i : shown) {
      if (duplicate[i]) {
        svg.group("mk mk-dup", "sample " + i + ": duplicate")
            .rect(xs[i] - 4.5, ys[i] - 4.5, 9, 9, "dup")
            .end();
      }
    }
    for (int i : shown) {
      if (outlier[i]) {
        svg.group(
                "mk mk-outlier",
                "sample " + i + ": outlier, z = " + Html.num(data.outlierZ()[i], 2))
            .circle(xs[i], ys[i], 6, "out")
            .end();
      }
    }
    for (int i : shown) {
      if (labelError[i]) {
        double x = xs[i];
        double y = ys[i];
        String d =
            "M"
                + Html.px(x - 5)
                + " "
                + Html.px(y - 5)
                + "L"
                + Html.px(x + 5)
                + " "
                + Html.px(y + 5)
                + "M"
                + Html.px(x - 5)
                + " "
                + Html.px(y + 5)
                + "L"
                + Html.px(x + 5)
                + " "
                + Html.px(y - 5);
        svg.group("mk mk-label", "sample " + i + ": suspected label error").path(d, "lab").end();
      }
    }
    out.append("<section id=\"projection\"><h2>Embeddings in two dimensions</h2>")
        .append("<p class=\"note\">First two principal components of the clustered embeddings,")
        .append(" coloured by cluster (grey: noise before reassignment). ");
    if (shown.length < n) {
      out.append("A deterministic sample of ")
          .append(shown.length)
          .append(" of ")
          .append(n)
          .append(" points is drawn: ")
          .append(
              flaggedShown == nFlagged
                  ? "every flagged sample is included. "
                  : "every sample listed below and "
                      + flaggedShown
                      + " of the "
                      + nFlagged
                      + " flagged samples. ");
    } else {
      out.append("All ").append(n).append(" points are drawn. ");
    }
    out.append("Hover a marker for its index.</p>")
        .append("<div class=\"legend\"><span><i class=\"sw dup\"></i>duplicate</span>")
        .append("<span><i class=\"sw out\"></i>outlier</span>")
        .append("<span><i class=\"sw lab\"></i>suspected label error</span>")
        .append("<span><i class=\"sw noise\"></i>noise</span></div>")
        .append(svg.close())
        .append("</section>\n");
  }

  /** The samples the tables list (with at most {@link #MAX_ROWS} rows each). */
  private int[] tableRows() {
    IntList rows = new IntList();
    List<DuplicateGroup> groups = data.duplicates();
    for (int r = 0; r < Math.min(MAX_ROWS, groups.size()); r++) {
      int[] items = groups.get(r).items();
      for (int t = 0; t < Math.min(MAX_GROUP_MEMBERS, items.length); t++) {
        rows.add(items[t]);
      }
    }
    for (Outlier o : sortedOutliers().subList(0, Math.min(MAX_ROWS, data.outliers().size()))) {
      rows.add(o.index());
    }
    List<LabelError> errors = sortedLabelErrors();
    for (LabelError e : errors.subList(0, Math.min(MAX_ROWS, errors.size()))) {
      rows.add(e.index());
    }
    return rows.build();
  }

  /** A growable int list. */
  private static final class IntList {
    private int[] a = new int[64];
    private int size;

    void add(int v) {
      if (size == a.length) {
        a = Arrays.copyOf(a, 2 * size);
      }
      a[size++] = v;
    }

    int[] build() {
      return Arrays.copyOf(a, size);
    }
  }

  /** Outliers by z-score descending, ties by index ascending. */
  private List<Outlier> sortedOutliers() {
    List<Outlier> rows = new ArrayList<>(data.outliers());
    rows.sort(
        Comparator.comparingDouble((Outlier o) -> -o.zScore()).thenComparingInt(Outlier::index));
    return rows;
  }

  /** Label errors by score descending, ties by index ascending (empty without labels). */
  private List<LabelError> sortedLabelErrors() {
    List<LabelError> errors = data.labelErrors();
    float @Nullable [] scores = data.labelScores();
    if (errors == null || scores == null) {
      return List.of();
    }
    List<LabelError> rows = new ArrayList<>(errors);
    rows.sort(
        Comparator.comparingDouble((LabelError e) -> -scores[e.index()])
            .thenComparingInt(LabelError::index));
    return rows;
  }

  // ---------------------------------------------------------------- charts

  private void chart(String id, String title, String note, String svg) {
    out.append("<figure id=\"")
        .append(id)
        .append("\"><figcaption><b>")
        .append(Html.escape(title))
        .append("</b> ")
        .append(Html.escape(note))
        .append("</figcaption>")
        .append(svg)
        .append("</figure>");
  }

  private void clusterSizes() {
    int[] c = data.clusters();
    int max = -1;
    for (int v : c) {
      max = Math.max(max, v);
    }
    long[] sizes = new long[max + 1];
    for (int v : c) {
      sizes[v]++;
    }
    int[] raw = data.rawLabels();
    long[] noise = new long[max + 1];
    for (int i = 0; i < c.length; i++) {
      if (raw[i] < 0) {
        noise[c[i]]++;
      }
    }
    double w = 440;
    double h = 260;
    double left = 44;
    double bottom = 26;
    Svg svg = new Svg(w, h, "cluster-sizes", "cluster sizes");
    long top = 1;
    for (long s : sizes) {
      top = Math.max(top, s);
    }
    axes(svg, w, h, left, bottom, top);
    int k = sizes.length;
    double bw = k == 0 ? 0 : (w - left - 8) / k;
    for (int j = 0; j < k; j++) {
      double bh = (h - bottom - 10) * sizes[j] / top;
      double nh = (h - bottom - 10) * noise[j] / top;
      double x = left + j * bw + bw * 0.1;
      svg.rect(
          x,
          h - bottom - bh,
          bw * 0.8,
          bh,
          "bar k" + (j % PALETTE),
          "cluster " + j + ": " + sizes[j] + " samples (" + noise[j] + " reassigned noise)");
      if (nh > 0) {
        svg.rect(x, h - bottom - nh, bw * 0.8, nh, "bar noisepart");
      }
      if (k <= 30 || j % ((k + 29) / 30) == 0) {
        svg.text(x + bw * 0.4, h - bottom + 14, Integer.toString(j), "tick", "middle");
      }
    }
    chart(
        "chart-sizes",
        "Cluster sizes",
        "(final labels; the grey part was noise before reassignment)",
        svg.close());
  }

  private void membershipHistogram() {
    float[] m = data.membership();
    double[] v = new double[m.length];
    for (int i = 0; i < m.length; i++) {
      v[i] = m[i];
    }
    chart(
        "chart-membership",
        "Membership strength",
        "(how firmly each sample belongs to its cluster; 0 = noise)",
        histogram("membership", v, 0, 1, 20, Double.NaN));
  }

  private void outlierHistogram() {
    float[] z = data.outlierZ();
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    double[] v = new double[z.length];
    int count = 0;
    for (float f : z) {
      if (Float.isFinite(f)) {
        v[count++] = f;
        lo = Math.min(lo, f);
        hi = Math.max(hi, f);
      }
    }
    double t = data.outlierThreshold();
    if (count == 0) {
      lo = 0;
      hi = 1;
    }
    hi = Math.max(hi, t + 0.5);
    chart(
        "chart-outliers",
        "Distance to the cluster centre",
        "(z-score of each sample's distance to its centre; samples right of the line at z = "
            + Html.num(t, 2)
            + " are outliers)",
        histogram("outlier-z", Arrays.copyOf(v, count), Math.min(lo, 0), hi, 40, t));
  }

  /** A histogram of {@code values} over [lo, hi] with a vertical line at {@code marker}. */
  private static String histogram(
      String id, double[] values, double lo, double hi, int bins, double marker) {
    long[] counts = new long[bins];
    double span = hi > lo ? hi - lo : 1;
    for (double v : values) {
      int b = (int) Math.floor((v - lo) / span * bins);
      counts[Math.max(0, Math.min(bins - 1, b))]++;
    }
    long top = 1;
    for (long c : counts) {
      top = Math.max(top, c);
    }
    double w = 440;
    double h = 260;
    double left = 44;
    double bottom = 26;
    Svg svg = new Svg(w, h, id, id + " histogram");
    axes(svg, w, h, left, bottom, top);
    double bw = (w - left - 8) / bins;
    for (int b = 0; b < bins; b++) {
      double bh = (h - bottom - 10) * counts[b] / top;
      double from = lo + span * b / bins;
      double to = lo + span * (b + 1) / bins;
      svg.rect(
          left + b * bw,
          h - bottom - bh,
          bw * 0.92,
          bh,
          "bar hist",
          "[" + Html.num(from, 2) + ", " + Html.num(to, 2) + "): " + counts[b]);
    }
    svg.text(left, h - 6, Html.num(lo, 2), "tick", "start");
    svg.text(w - 8, h - 6, Html.num(hi, 2), "tick", "end");
    if (Double.isFinite(marker)) {
      double x = left + (marker - lo) / span * (w - left - 8);
      svg.line(x, 6, x, h - bottom, "threshold");
      boolean right = x > w * 0.7;
      svg.text(
          right ? x - 4 : x + 4,
          16,
          "threshold " + Html.num(marker, 2),
          "tick thr",
          right ? "end" : "start");
    }
    return svg.close();
  }

  private static void axes(Svg svg, double w, double h, double left, double bottom, long top) {
    svg.line(left, h - bottom, w - 4, h - bottom, "axis");
    svg.line(left, 6, left, h - bottom, "axis");
    svg.text(left - 4, 14, Long.toString(top), "tick", "end");
    svg.text(left - 4, h - bottom, "0", "tick", "end");
  }

  /**
   * The condensed tree as an icicle plot: a rectangle per condensed cluster, its width the
   * cluster's size at birth (children laid out left to right inside their parent), its top the
   * lambda of its birth and its bottom the largest lambda at which its points or children leave.
   * Infinite lambdas (distance 0) are drawn at the largest finite one. O(rows).
   */
  private void icicle() {
    int n = data.summary().n();
    double w = 440;
    double h = 260;
    Svg svg = new Svg(w, h, "condensed-tree", "condensed tree (icicle plot)");
    int rendered = 0;
    if (n >= 2) {
      CondensedTree t =
          CondensedTree.condense(
              data.linkageTree(),
              n,
              Math.max(2, data.treeMinClusterSize()),
              Double.POSITIVE_INFINITY);
      int rows = t.rows();
      int m = t.clusterCount();
      double[] birth = new double[m];
      double[] death = new double[m];
      double[] size = new double[m];
      double[] childSum = new double[m];
      int[] parent = new int[m];
      Arrays.fill(parent, -1);
      size[0] = n;
      double maxFinite = 0;
      for (int r = 0; r < rows; r++) {
        float l = t.lambda(r);
        if (Float.isFinite(l)) {
          maxFinite = Math.max(maxFinite, l);
        }
      }
      if (maxFinite <= 0) {
        maxFinite = 1;
      }
      for (int r = 0; r < rows; r++) {
        int p = t.parent(r) - n;
        double l = Math.min(t.lambda(r), maxFinite);
        death[p] = Math.max(death[p], l);
        int c = t.child(r);
        if (c >= n) {
          int ci = c - n;
          birth[ci] = l;
          size[ci] = t.childSize(r);
          parent[ci] = p;
          childSum[p] += size[ci];
        }
      }
      double[] x0 = new double[m];
      double[] cursor = new double[m];
      boolean[] started = new boolean[m];
      double scale = (w - 2) / n;
      x0[0] = 1;
      // Rows come breadth first, so every parent is placed before its children.
      for (int r = 0; r < rows; r++) {
        int c = t.child(r);
        if (c < n) {
          continue;
        }
        int ci = c - n;
        int p = parent[ci];
        if (!started[p]) {
          // Centre the children: the parent's points that fall out are split evenly on both sides.
          started[p] = true;
          cursor[p] = x0[p] + (size[p] - childSum[p]) * scale / 2;
        }
        x0[ci] = cursor[p];
        cursor[p] += size[ci] * scale;
      }
      double top = 20;
      double ys = (h - top - 6) / maxFinite;
      for (int ci = 0; ci < m; ci++) {
        double bw = size[ci] * scale;
        if (bw < 0.3) {
          continue;
        }
        boolean leaf = childSum[ci] == 0;
        svg.rect(
            x0[ci],
            top + birth[ci] * ys,
            bw,
            Math.max(1, (death[ci] - birth[ci]) * ys),
            leaf ? "ice leaf" : "ice",
            "condensed cluster "
                + ci
                + ": "
                + (long) size[ci]
                + " samples, lambda "
                + Html.num(birth[ci], 4)
                + " to "
                + Html.num(death[ci], 4));
        rendered++;
      }
      svg.text(2, 12, "lambda = 1 / distance \u2193", "tick", "start");
    }
    chart(
        "chart-tree",
        "Condensed tree",
        "(icicle plot: width = cluster size, depth = density lambda; "
            + rendered
            + " condensed clusters, min cluster size "
            + data.treeMinClusterSize()
            + "; darker = leaf)",
        svg.close());
  }

  // ---------------------------------------------------------------- tables

  private void tableStart(String id, String title, int total, String note, String... headers) {
    out.append("<section id=\"")
        .append(id)
        .append("\"><h2>")
        .append(Html.escape(title))
        .append(" <span class=\"count\">")
        .append(total)
        .append("</span></h2><p class=\"note\">")
        .append(Html.escape(note));
    if (total > MAX_ROWS) {
      out.append(" Showing the first ").append(MAX_ROWS).append(" of ").append(total).append('.');
    }
    out.append("</p>");
    if (total == 0) {
      out.append("<p class=\"none\">None found.</p></section>\n");
      return;
    }
    out.append("<table class=\"rows\" id=\"table-").append(id).append("\"><thead><tr>");
    for (String header : headers) {
      out.append("<th>").append(Html.escape(header)).append("</th>");
    }
    out.append("</tr></thead><tbody>");
  }

  private void tableEnd(int total) {
    if (total > 0) {
      out.append("</tbody></table></section>\n");
    }
  }

  private void thumb(int i) {
    Images images = data.images();
    if (images == null) {
      return;
    }
    out.append("<figure class=\"thumb\"><img alt=\"sample ")
        .append(i)
        .append("\" src=\"")
        .append(images.pngDataUri(i))
        .append("\"><figcaption>")
        .append(i);
    int[] labels = data.labels();
    if (labels != null) {
      out.append(" \u00b7 ").append(labels[i]);
    }
    out.append("</figcaption></figure>");
  }

  private String labelOf(int i) {
    int[] labels = data.labels();
    return labels == null ? "" : Integer.toString(labels[i]);
  }

  private void duplicatesTable() {
    List<DuplicateGroup> groups = data.duplicates();
    List<String> headers = new ArrayList<>(List.of("group", "kind", "size", "members"));
    if (data.images() != null) {
      headers.add("images");
    }
    tableStart(
        "duplicates",
        "Duplicate groups",
        groups.size(),
        "Exact: identical embeddings; near: closer than their cluster's typical neighbour"
            + " distance. With labels, each thumbnail reads index \u00b7 label.",
        headers.toArray(new String[0]));
    for (int r = 0; r < Math.min(MAX_ROWS, groups.size()); r++) {
      DuplicateGroup g = groups.get(r);
      int[] items = g.items();
      out.append("<tr class=\"r\"><td>")
          .append(g.groupId())
          .append("</td><td>")
          .append(g.kind() == DuplicateGroup.Kind.EXACT ? "exact" : "near")
          .append("</td><td>")
          .append(items.length)
          .append("</td><td class=\"members\">");
      for (int t = 0; t < Math.min(MAX_GROUP_MEMBERS, items.length); t++) {
        out.append(t == 0 ? "" : ", ").append(items[t]);
        String label = labelOf(items[t]);
        if (!label.isEmpty()) {
          out.append(" (").append(label).append(')');
        }
      }
      if (items.length > MAX_GROUP_MEMBERS) {
        out.append(", \u2026");
      }
      out.append("</td>");
      if (data.images() != null) {
        out.append("<td class=\"thumbs\">");
        for (int t = 0; t < Math.min(MAX_GROUP_THUMBNAILS, items.length); t++) {
          thumb(items[t]);
        }
        out.append("</td>");
      }
      out.append("</tr>");
    }
    tableEnd(groups.size());
  }

  private void outliersTable() {
    List<Outlier> rows = sortedOutliers();
    List<String> headers = new ArrayList<>(List.of("sample", "z-score", "cluster"));
    if (data.labels() != null) {
      headers.add("label");
    }
    if (data.images() != null) {
      headers.add("image");
    }
    tableStart(
        "outliers",
        "Outliers",
        rows.size(),
        "Samples whose distance to their cluster centre is more than "
            + Html.num(data.outlierThreshold(), 2)
            + " standard deviations above the cluster's mean, by z-score.",
        headers.toArray(new String[0]));
    for (int r = 0; r < Math.min(MAX_ROWS, rows.size()); r++) {
      Outlier o = rows.get(r);
      int i = o.index();
      out.append("<tr class=\"r\"><td>")
          .append(i)
          .append("</td><td>")
          .append(Html.num(o.zScore(), 2))
          .append("</td><td>")
          .append(data.clusters()[i])
          .append("</td>");
      if (data.labels() != null) {
        out.append("<td>").append(labelOf(i)).append("</td>");
      }
      if (data.images() != null) {
        out.append("<td class=\"thumbs\">");
        thumb(i);
        out.append("</td>");
      }
      out.append("</tr>");
    }
    tableEnd(rows.size());
  }

  private void labelErrorsTable() {
    List<LabelError> errors = data.labelErrors();
    float @Nullable [] scores = data.labelScores();
    if (errors == null || scores == null) {
      out.append("<section id=\"label-errors\"><h2>Label errors</h2><p class=\"none\">")
          .append("No labels given (--labels L): label errors were not computed.</p></section>\n");
      return;
    }
    List<LabelError> rows = sortedLabelErrors();
    List<String> headers = new ArrayList<>(List.of("sample", "label", "suggested", "score"));
    if (data.images() != null) {
      headers.add("image");
    }
    tableStart(
        "label-errors",
        "Suspected label errors",
        rows.size(),
        "Samples nearer to other classes than to their own (score = mean distance to the own"
            + " class's nearest neighbours / to the other classes'; >= 1 is suspect), by score.",
        headers.toArray(new String[0]));
    for (int r = 0; r < Math.min(MAX_ROWS, rows.size()); r++) {
      LabelError e = rows.get(r);
      int i = e.index();
      StringBuilder suggested = new StringBuilder();
      for (long s : e.suggested()) {
        suggested.append(suggested.length() == 0 ? "" : " or ").append(s);
      }
      out.append("<tr class=\"r\"><td>")
          .append(i)
          .append("</td><td>")
          .append(e.label())
          .append("</td><td class=\"suggested\">")
          .append(suggested.length() == 0 ? "\u2013" : suggested)
          .append("</td><td>")
          .append(Html.num(scores[i], 3))
          .append("</td>");
      if (data.images() != null) {
        out.append("<td class=\"thumbs\">");
        thumb(i);
        out.append("</td>");
      }
      out.append("</tr>");
    }
    tableEnd(rows.size());
  }

  private static final String CSS =
      """
      :root{--fg:#1d2330;--mut:#5b6474;--bg:#f6f7fb;--card:#fff;--line:#d9dde7}
      *{box-sizing:border-box}
      body{margin:0;padding:24px 32px;font:14px/1.45 system-ui,-apple-system,"Segoe UI",\
      Roboto,sans-serif;color:var(--fg);background:var(--bg)}
      h1{font-size:22px;margin:0 0 4px}h1 code{font-size:20px}
      h2{font-size:17px;margin:28px 0 8px}
      .sub,.note,footer{color:var(--mut)}
      .cards{display:flex;flex-wrap:wrap;gap:10px}
      .card{background:var(--card);border:1px solid var(--line);border-radius:8px;\
      padding:10px 16px;min-width:130px}
      .card .value{font-size:24px;font-weight:600}.card .label{color:var(--mut);font-size:12px}
      #card-duplicates .value{color:#222}#card-outliers .value{color:#c62828}
      #card-label-errors .value{color:#e65100}
      .warnings{background:#fff4e5;border:1px solid #f0b429;border-radius:8px;\
      padding:8px 8px 8px 28px}
      .params{margin-top:12px;border-collapse:collapse;background:var(--card)}
      .params th,.params td{border:1px solid var(--line);padding:3px 10px;text-align:left}
      .params th{color:var(--mut);font-weight:500}
      svg{background:var(--card);border:1px solid var(--line);border-radius:8px;\
      width:100%;height:auto}
      #scatter{max-width:900px}
      .charts{display:grid;grid-template-columns:repeat(auto-fill,minmax(420px,1fr));gap:16px;\
      margin-top:16px}
      figure{margin:0}figcaption{margin-bottom:4px}
      .frame{fill:none}
      .pt{stroke:none;opacity:.75}.noise{fill:#9aa0aa}
      .k0{fill:#1f77b4}.k1{fill:#ff7f0e}.k2{fill:#2ca02c}.k3{fill:#d62728}.k4{fill:#9467bd}
      .k5{fill:#8c564b}.k6{fill:#e377c2}.k7{fill:#7f7f7f}.k8{fill:#bcbd22}.k9{fill:#17becf}
      .dup{fill:none;stroke:#111;stroke-width:1.6}
      .out{fill:none;stroke:#c62828;stroke-width:2}
      .lab{fill:none;stroke:#e65100;stroke-width:2.4}
      .legend{display:flex;gap:18px;margin:4px 0 8px;color:var(--mut)}
      .sw{display:inline-block;width:12px;height:12px;margin-right:5px;vertical-align:-1px}
      .sw.dup{border:2px solid #111}.sw.out{border:2px solid #c62828;border-radius:50%}
      .sw.lab{background:#e65100}.sw.noise{background:#9aa0aa;border-radius:50%}
      .axis{stroke:#888}.tick{font-size:11px;fill:var(--mut)}
      .bar.hist{fill:#4e79a7}.bar.noisepart{fill:#9aa0aa;opacity:.8}
      .threshold{stroke:#c62828;stroke-width:2;stroke-dasharray:5 3}.thr{fill:#c62828}
      .ice{fill:#a7c4e2;stroke:#fff;stroke-width:.5}.ice.leaf{fill:#2f6db3}
      table.rows{border-collapse:collapse;background:var(--card);min-width:60%}
      table.rows th,table.rows td{border-bottom:1px solid var(--line);padding:4px 10px;\
      text-align:left;vertical-align:middle}
      table.rows th{background:#eef0f6}
      .members{max-width:360px}
      .thumbs{display:flex;gap:6px;flex-wrap:wrap}
      .thumb{display:inline-block;text-align:center;font-size:11px;color:var(--mut)}
      .thumb img{width:56px;height:56px;object-fit:contain;image-rendering:pixelated;\
      border:1px solid var(--line);background:#000;display:block}
      .thumb figcaption{margin:0}
      .count{background:#e4e7f0;border-radius:10px;padding:0 8px;font-size:13px}
      .none{color:var(--mut);font-style:italic}
      footer{margin-top:32px;font-size:12px}
      """;
}
