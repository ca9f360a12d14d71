package org.dataeval4j.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.dataeval4j.cluster.ClusterOptions;
import org.dataeval4j.evaluate.ClusterStats;
import org.dataeval4j.evaluate.Outlier;
import org.dataeval4j.evaluate.Outliers;
import org.dataeval4j.evaluate.OutliersOptions;
import org.dataeval4j.evaluate.OutliersResult;
import org.dataeval4j.exec.Exec;
import org.dataeval4j.exec.Progress;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code dataeval4j outliers IN [MORE ...] --out DIR}: cluster-mode outliers ({@code evaluators.md}
 * §3, {@link Outliers}) written to {@code DIR/result.json} (see {@link #result}).
 */
@Command(
    name = "outliers",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    sortOptions = false,
    description = {
      "Flags samples far from their cluster centre (distance above mean + N * std of that"
          + " centre's distances) and writes them to DIR/result.json. Several inputs are stacked"
          + " in order and clustered once; each row then also names its dataset.",
      "IN is a .npy file, FILE.npz[:ARRAY], or a .csv/.tsv file with one sample per line."
    },
    exitCodeListHeading = "Exit codes:%n",
    exitCodeList = {"0:success", "2:bad usage or bad input", "1:internal failure"})
final class OutliersCommand implements Callable<Integer>, HasCommonOptions {

  /** Every file this command can write into DIR. */
  static final Set<String> FILES = Set.of("result.json");

  @SuppressWarnings("NullAway.Init")
  @Spec
  CommandSpec spec;

  @Parameters(
      index = "0..*",
      arity = "1..*",
      paramLabel = "IN",
      description = "Input embeddings (n x d each, same d): .npy, FILE.npz[:ARRAY], .csv or .tsv.")
  List<String> inputs = new ArrayList<>();

  @Mixin OutDir outDir = new OutDir();

  @Option(
      names = "--threshold",
      paramLabel = "N",
      defaultValue = "3.0",
      description =
          "z-score multiplier: a sample is an outlier when its distance exceeds mean + N * std of"
              + " its centre's distances; finite and >= 0 (DataEval's default is 2.5). Default:"
              + " ${DEFAULT-VALUE}.")
  double threshold = 3.0;

  @Option(
      names = "--centre",
      paramLabel = "C",
      defaultValue = "nearest",
      description =
          "nearest: measure every sample to its nearest cluster centre; own-unless-noise:"
              + " DataEval's behaviour, its own cluster's centre unless the clustering has noise"
              + " (then the nearest). Default: ${DEFAULT-VALUE}.")
  String centre = "nearest";

  @Mixin ClusterSource source = new ClusterSource();

  @Mixin CommonOptions common = new CommonOptions();

  @Override
  public CommonOptions common() {
    return common;
  }

  @Override
  public Integer call() throws Exception {
    if (!(Double.isFinite(threshold) && threshold >= 0)) {
      throw usage("--threshold must be finite and >= 0, got " + threshold);
    }
    OutliersOptions.Centre c = centre(centre);
    Evaluation.checkThreads(spec.commandLine(), common.threads);
    ClusterOptions clusterOptions = source.options(spec.commandLine(), common.seed);
    OutliersOptions options = new OutliersOptions(clusterOptions, threshold, c);
    OutputDirectory dir =
        OutputDirectory.prepare(spec.commandLine(), outDir.path, common.force, FILES);
    Map<String, Double> seconds = new LinkedHashMap<>();

    long t = System.nanoTime();
    Inputs in = Inputs.read(inputs);
    seconds.put("read", Evaluation.since(t));

    PrintWriter err = spec.commandLine().getErr();
    Progress progress = CliProgress.create(common.quiet, err);
    ClusterSource.Obtained clustering;
    OutliersResult result;
    try (Exec exec = Exec.create(common.threads, progress)) {
      t = System.nanoTime();
      clustering = source.obtain(in.all(), clusterOptions, false, exec);
      seconds.put(
          source.clusterResult == null ? "cluster" : "load_cluster_result", Evaluation.since(t));
      t = System.nanoTime();
      result = Outliers.fromClusters(in.all(), clustering.result(), options, in.index());
      seconds.put("outliers", Evaluation.since(t));
    }

    Map<String, Object> json = result(in, options, clustering.params(), result, seconds);
    try (dir) {
      dir.stage("result.json", f -> Json.write(f, json));
      dir.commit();
    }
    if (!common.quiet) {
      PrintWriter stdout = spec.commandLine().getOut();
      stdout.println(
          String.format(
              Locale.ROOT,
              "outliers: %d of %d samples beyond mean + %s * std; wrote %s",
              result.size(),
              in.all().size(),
              threshold,
              outDir.path));
      stdout.flush();
    }
    return 0;
  }

  OutliersOptions.Centre centre(String name) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "nearest" -> OutliersOptions.Centre.NEAREST;
      case "own-unless-noise" -> OutliersOptions.Centre.OWN_UNLESS_NOISE;
      default -> throw usage("--centre must be nearest or own-unless-noise, got " + name);
    };
  }

  static String centreName(OutliersOptions.Centre c) {
    return c == OutliersOptions.Centre.NEAREST ? "nearest" : "own-unless-noise";
  }

  /**
   * The content of {@code result.json}: {@code n}, {@code d}, {@code inputs}, {@code params}
   * ({@code threshold}, {@code centre} and the clustering's, as for duplicates), {@code
   * n_outliers}, {@code n_centres}, {@code outliers} (ascending; each {@code index}, {@code
   * cluster}: the label of the centre it was measured to, {@code distance} (float32), {@code
   * zscore}: {@code (distance - mean) / std} of that centre's distances; with several inputs also
   * {@code dataset}, {@code index} being the index inside that dataset and {@code global_index} its
   * position in the concatenation), {@code seconds}, {@code version}.
   */
  static Map<String, Object> result(
      Inputs in,
      OutliersOptions options,
      Map<String, @Nullable Object> clusterParams,
      OutliersResult result,
      Map<String, Double> seconds) {
    Map<String, @Nullable Object> params = new LinkedHashMap<>();
    params.put("threshold", options.threshold());
    params.put("centre", centreName(options.centre()));
    params.putAll(clusterParams);
    ClusterStats stats = result.stats();
    List<Map<String, Object>> rows = new ArrayList<>(result.size());
    for (Outlier o : result.outliers()) {
      Map<String, Object> row = new LinkedHashMap<>();
      if (in.several()) {
        row.put("dataset", o.dataset());
        row.put("index", o.localIndex());
        row.put("global_index", o.index());
      } else {
        row.put("index", o.index());
      }
      row.put("cluster", stats.clusterIds()[stats.nearestClusterIdx()[o.index()]]);
      row.put("distance", stats.distances()[o.index()]);
      row.put("zscore", o.zScore());
      rows.add(row);
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("n", in.all().size());
    json.put("d", in.all().dim());
    json.put("inputs", in.describe());
    json.put("params", params);
    json.put("n_outliers", result.size());
    json.put("n_centres", stats.clusterCount());
    json.put("outliers", rows);
    json.put("seconds", seconds);
    json.put("version", Version.get());
    return json;
  }

  private ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }
}
