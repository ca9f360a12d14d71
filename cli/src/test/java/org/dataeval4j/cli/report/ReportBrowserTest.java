package org.dataeval4j.cli.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dataeval4j.cli.Main;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.TestAbortedException;
import picocli.CommandLine;

/**
 * Opens the report of the example audit (examples/digits_audit, the README's command) in a real
 * headless browser: no console message at all (the page has no script, and its
 * Content-Security-Policy turns any attempt to load something into one), every chart present, table
 * rows and scatter points as many as the result files say, the planted near-duplicates and flipped
 * labels listed with their thumbnails. Saves the screenshot to {@code target/report.png}. Skipped
 * without a browser, except when {@code CI=true}, where it fails.
 */
class ReportBrowserTest {
  private static final Path EXAMPLE = Path.of("..", "examples", "digits_audit");
  private static final ObjectMapper JSON = new ObjectMapper();

  @SuppressWarnings("NullAway.Init")
  @TempDir
  static Path tmp;

  @SuppressWarnings("NullAway.Init")
  private static Chromium chromium;

  @BeforeAll
  static void findBrowser() {
    Chromium c = Chromium.find();
    if (c == null) {
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        throw new AssertionError(
            "CI=true but no chromium found: install Debian's chromium (./test.sh does)");
      }
      throw new TestAbortedException(
          "no chromium on the PATH (set DATAEVAL4J_CHROMIUM or install chromium)");
    }
    chromium = c;
  }

  @Test
  void consoleMessagesAreDetected() throws Exception {
    // The negative control: the same detection must see a script's error on a page.
    Path page = tmp.resolve("bad.html");
    Files.writeString(
        page, "<!DOCTYPE html><html><body><script>console.error('boom')</script></body></html>");
    Chromium.Page p = chromium.open(page, tmp.resolve("bad.png"), tmp, 400, 300);
    assertThat(p.consoleMessages()).as(p.stderr()).anyMatch(l -> l.contains("boom"));
  }

  @Test
  void markupInFileNamesStaysText() throws Exception {
    Path report = tmp.resolve("evil.html");
    Files.writeString(
        report, HtmlReport.render(HtmlReportTest.blobsReport(HtmlReportTest.EVIL + ".npy", null)));
    Chromium.Page page = chromium.open(report, tmp.resolve("evil.png"), tmp, 1000, 800);
    assertThat(page.consoleMessages()).as("console messages").isEmpty();
    assertThat(page.dom()).doesNotContain("<script").contains("&lt;script&gt;alert(");
  }

  @Test
  void exampleReportRendersWithEverythingPlantedVisible() throws Exception {
    Path out = tmp.resolve("audit");
    StringWriter err = new StringWriter();
    CommandLine cl = Main.commandLine();
    cl.setErr(new PrintWriter(err, true));
    cl.setOut(new PrintWriter(new StringWriter(), true));
    int code =
        cl.execute(
            "audit",
            EXAMPLE.resolve("embeddings.npy").toString(),
            "--labels",
            EXAMPLE.resolve("labels.npy").toString(),
            "--images",
            EXAMPLE.resolve("images.npy").toString(),
            "--algorithm",
            "kmeans",
            "--n-clusters",
            "10",
            "--out",
            out.toString(),
            "--quiet");
    assertThat(code).as(err.toString()).isZero();
    Path report = out.resolve("report.html");

    Path screenshot = Path.of("target", "report.png");
    Files.createDirectories(screenshot.getParent());
    Chromium.Page page = chromium.open(report, screenshot, tmp, 1280, 4200);
    assertThat(page.exitCode()).as(page.stderr()).isZero();
    assertThat(page.consoleMessages()).as("console messages").isEmpty();
    assertThat(Files.size(screenshot)).isGreaterThan(50_000);
    String dom = page.dom();

    JsonNode planted = JSON.readTree(EXAMPLE.resolve("PLANTED.json").toFile());
    int n = planted.get("n").asInt();
    for (String id :
        new String[] {"scatter", "cluster-sizes", "membership", "condensed-tree", "outlier-z"}) {
      assertThat(dom).as(id).contains("id=\"" + id + "\"");
    }
    assertThat(count(dom, "<circle class=\"pt ")).isEqualTo(n);
    assertThat(count(section(dom, "chart-sizes"), "<rect class=\"bar k")).isEqualTo(10);
    assertThat(count(section(dom, "chart-tree"), "<rect class=\"ice")).isPositive();
    assertThat(section(dom, "chart-outliers")).contains("class=\"threshold\"");

    JsonNode dups = JSON.readTree(out.resolve("duplicates/result.json").toFile()).get("groups");
    JsonNode outliers = JSON.readTree(out.resolve("outliers/result.json").toFile()).get("outliers");
    JsonNode errors = JSON.readTree(out.resolve("label-errors/result.json").toFile()).get("errors");
    assertThat(rows(dom, "duplicates")).isEqualTo(Math.min(HtmlReport.MAX_ROWS, dups.size()));
    assertThat(rows(dom, "outliers")).isEqualTo(Math.min(HtmlReport.MAX_ROWS, outliers.size()));
    assertThat(rows(dom, "label-errors")).isEqualTo(Math.min(HtmlReport.MAX_ROWS, errors.size()));
    assertThat(count(dom, "class=\"mk mk-outlier\"")).isEqualTo(outliers.size());
    assertThat(dom).contains("id=\"card-duplicates\"><div class=\"value\">" + dups.size() + "<");

    String dupTable = section(dom, "table-duplicates");
    for (JsonNode pair : planted.get("near_duplicates")) {
      String row = rowContaining(dupTable, "alt=\"sample " + pair.get(1).asInt() + "\"");
      assertThat(row)
          .as("planted copy %s", pair)
          .contains("alt=\"sample " + pair.get(0).asInt() + "\"");
      assertThat(row).contains("src=\"data:image/png;base64,");
    }
    String errTable = section(dom, "table-label-errors");
    for (JsonNode flip : planted.get("flipped_labels")) {
      String row = rowContaining(errTable, "alt=\"sample " + flip.get("index").asInt() + "\"");
      assertThat(row)
          .as("flipped %s", flip)
          .contains("<td class=\"suggested\">" + flip.get("true_label").asInt());
    }
  }

  private static int count(String s, String what) {
    int c = 0;
    for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + what.length())) {
      c++;
    }
    return c;
  }

  /** The element with {@code id}, up to the end of its section or figure. */
  private static String section(String dom, String id) {
    int start = dom.indexOf("id=\"" + id + "\"");
    assertThat(start).as(id).isNotNegative();
    int end = dom.indexOf("</section>", start);
    int fig = dom.indexOf("</figure>", start);
    if (id.startsWith("chart-") && fig >= 0) {
      end = fig;
    }
    return dom.substring(start, end < 0 ? dom.length() : end);
  }

  private static int rows(String dom, String table) {
    return count(section(dom, "table-" + table), "<tr class=\"r\">");
  }

  private static String rowContaining(String table, String what) {
    Matcher m = Pattern.compile("<tr class=\"r\">.*?</tr>", Pattern.DOTALL).matcher(table);
    while (m.find()) {
      if (m.group().contains(what)) {
        return m.group();
      }
    }
    throw new AssertionError("no row with " + what);
  }
}
