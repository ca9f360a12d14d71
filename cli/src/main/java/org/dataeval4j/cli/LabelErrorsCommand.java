package org.dataeval4j.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.dataeval4j.data.Embeddings;
import org.dataeval4j.data.EmbeddingsReader;
import org.dataeval4j.data.Npy;
import org.dataeval4j.evaluate.LabelError;
import org.dataeval4j.evaluate.LabelErrors;
import org.dataeval4j.evaluate.LabelErrorsOptions;
import org.dataeval4j.evaluate.LabelErrorsResult;
import org.dataeval4j.exec.Exec;
import org.dataeval4j.exec.Progress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code dataeval4j label-errors IN --labels L --out DIR}: {@link LabelErrors} ({@code
 * evaluators.md} §4) written to {@code DIR/result.json}, {@code scores.npy} and {@code
 * error_rank.npy} (see {@link #result}).
 */
@Command(
    name = "label-errors",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    sortOptions = false,
    description = {
      "Scores each sample by the mean distance to its K nearest samples of its own class over the"
          + " mean distance to its K nearest samples of other classes; a score >= 1 flags a likely"
          + " label error, with suggested labels. Writes DIR/result.json, scores.npy (float32, n)"
          + " and error_rank.npy (int64, n: samples by descending score).",
      "IN and L are .npy files, FILE.npz[:ARRAY], or .csv/.tsv files with one sample per line."
    },
    exitCodeListHeading = "Exit codes:%n",
    exitCodeList = {"0:success", "2:bad usage or bad input", "1:internal failure"})
final class LabelErrorsCommand implements Callable<Integer>, HasCommonOptions {

  /** Every file this command can write into DIR. */
  static final Set<String> FILES = Set.of("result.json", "scores.npy", "error_rank.npy");

  @SuppressWarnings("NullAway.Init")
  @Spec
  CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "IN",
      description = "Input embeddings (n x d): .npy, FILE.npz[:ARRAY], .csv or .tsv.")
  String input = "";

  @Option(
      names = "--labels",
      required = true,
      paramLabel = "L",
      description =
          "Class labels, one non-negative integer per sample (any integer dtype; FILE.npz[:ARRAY],"
              + " .csv and .tsv too). Required, no default.")
  String labels = "";

  @Mixin OutDir outDir = new OutDir();

  @Option(
      names = "--k",
      paramLabel = "K",
      defaultValue = "50",
      description =
          "Neighbours within and outside each class, >= 1; capped at the smallest class size - 1."
              + " Default: ${DEFAULT-VALUE}.")
  int k = LabelErrorsOptions.DEFAULT_K;

  @Mixin CommonOptions common = new CommonOptions();

  @Override
  public CommonOptions common() {
    return common;
  }

  @Override
  public Integer call() throws Exception {
    if (k < 1) {
      throw usage("--k must be >= 1, got " + k);
    }
    Evaluation.checkThreads(spec.commandLine(), common.threads);
    LabelErrorsOptions options = new LabelErrorsOptions(k);
    OutputDirectory dir =
        OutputDirectory.prepare(spec.commandLine(), outDir.path, common.force, FILES);
    Map<String, Double> seconds = new LinkedHashMap<>();

    long t = System.nanoTime();
    Embeddings x = EmbeddingsReader.readEmbeddings(input);
    int[] y = EmbeddingsReader.readLabels(labels);
    if (y.length != x.size()) {
      throw new IllegalArgumentException(
          "--labels must have one label per sample: "
              + input
              + " has "
              + x.size()
              + " samples, "
              + labels
              + " has "
              + y.length
              + " labels");
    }
    for (int i = 0; i < y.length; i++) {
      if (y[i] < 0) {
        throw new IllegalArgumentException(
            labels + ": labels must be >= 0, got " + y[i] + " at index " + i);
      }
    }
    checkClassSizes(y);
    seconds.put("read", Evaluation.since(t));

    PrintWriter err = spec.commandLine().getErr();
    Progress progress = CliProgress.create(common.quiet, err);
    LabelErrorsResult result;
    try (Exec exec = Exec.create(common.threads, progress)) {
      t = System.nanoTime();
      progress.start("label errors", 1);
      result = LabelErrors.evaluate(x, y, options, exec);
      progress.finish();
      seconds.put("label_errors", Evaluation.since(t));
    }

    int n = x.size();
    Map<String, Object> json = result(x, y, options, result, seconds);
    try (dir) {
      dir.stage("scores.npy", f -> Npy.writeFloat32(f, result.scores(), n));
      dir.stage("error_rank.npy", f -> Npy.writeInt64(f, result.errorRank(), n));
      dir.stage("result.json", f -> Json.write(f, json));
      dir.commit();
    }
    if (!common.quiet) {
      PrintWriter stdout = spec.commandLine().getOut();
      stdout.println(
          String.format(
              Locale.ROOT,
              "label-errors: %d of %d samples look mislabelled (k = %d); wrote %s",
              result.errors().size(),
              n,
              result.k(),
              outDir.path));
      stdout.flush();
    }
    return 0;
  }

  /**
   * Rejects, before any work, a class of a single sample when there are two or more classes (k is
   * capped at the smallest class size - 1, so it would be 0); {@link LabelErrors} checks it too.
   */
  private void checkClassSizes(int[] y) {
    Map<Integer, Integer> counts = new java.util.TreeMap<>();
    for (int v : y) {
      counts.merge(v, 1, Integer::sum);
    }
    if (counts.size() < 2) {
      return;
    }
    for (Map.Entry<Integer, Integer> e : counts.entrySet()) {
      if (e.getValue() < 2) {
        throw new IllegalArgumentException(
            labels
                + ": every class must have at least 2 samples, got class "
                + e.getKey()
                + " with "
                + e.getValue());
      }
    }
  }

  /**
   * The content of {@code result.json}: {@code n}, {@code d}, {@code n_classes}, {@code params}
   * ({@code k} as given, {@code k_used} after the cap), {@code n_errors}, {@code errors} (ascending
   * index; each {@code index}, {@code label}, {@code suggested}: 0, 1 or 2 labels, most likely
   * first, {@code score}: the float32 ratio, {@code >= 1}), {@code seconds}, {@code version}.
   */
  static Map<String, Object> result(
      Embeddings x,
      int[] labels,
      LabelErrorsOptions options,
      LabelErrorsResult result,
      Map<String, Double> seconds) {
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("k", options.k());
    params.put("k_used", result.k());
    float[] scores = result.scores();
    List<Map<String, Object>> rows = new ArrayList<>(result.errors().size());
    for (LabelError e : result.errors()) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("index", e.index());
      row.put("label", e.label());
      row.put("suggested", e.suggested());
      row.put("score", scores[e.index()]);
      rows.add(row);
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("n", x.size());
    json.put("d", x.dim());
    json.put("n_classes", Arrays.stream(labels).distinct().count());
    json.put("params", params);
    json.put("n_errors", rows.size());
    json.put("errors", rows);
    json.put("seconds", seconds);
    json.put("version", Version.get());
    return json;
  }

  private ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }
}
