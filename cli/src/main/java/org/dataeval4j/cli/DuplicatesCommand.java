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
import org.dataeval4j.evaluate.ClusterDuplicateRule;
import org.dataeval4j.evaluate.DuplicateGroup;
import org.dataeval4j.evaluate.Duplicates;
import org.dataeval4j.evaluate.DuplicatesOptions;
import org.dataeval4j.evaluate.DuplicatesResult;
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
 * {@code dataeval4j duplicates IN [MORE ...] --out DIR}: cluster-mode duplicates ({@code
 * evaluators.md} §2, {@link Duplicates}) written to {@code DIR/result.json} (see {@link #result}).
 */
@Command(
    name = "duplicates",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    sortOptions = false,
    description = {
      "Finds groups of exact and near duplicates from a clustering of the embeddings and writes"
          + " them to DIR/result.json. Several inputs are stacked in order and clustered once;"
          + " each group member is then also reported as (dataset, index).",
      "IN is a .npy file, FILE.npz[:ARRAY], or a .csv/.tsv file with one sample per line."
    },
    exitCodeListHeading = "Exit codes:%n",
    exitCodeList = {"0:success", "2:bad usage or bad input", "1:internal failure"})
final class DuplicatesCommand implements Callable<Integer>, HasCommonOptions {

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
      names = "--rule",
      paramLabel = "R",
      defaultValue = "per-sample",
      description =
          "per-sample: sample i is a near duplicate of its nearest neighbour (same cluster) when"
              + " its distance is below mean - S * std of its cluster's nearest-neighbour"
              + " distances (larger S is stricter); mst-edge: DataEval's rule, a spanning-tree edge"
              + " inside a cluster links its ends when its weight is below S * std of the"
              + " cluster's edge weights (larger S flags more). Default: ${DEFAULT-VALUE}.")
  String rule = "per-sample";

  @Option(
      names = "--sensitivity",
      paramLabel = "S",
      defaultValue = "1.0",
      description = "The multiplier S of the rule, finite and >= 0. Default: ${DEFAULT-VALUE}.")
  double sensitivity = 1.0;

  @Mixin ClusterSource source = new ClusterSource();

  @Mixin CommonOptions common = new CommonOptions();

  @Override
  public CommonOptions common() {
    return common;
  }

  @Override
  public Integer call() throws Exception {
    ClusterDuplicateRule r = rule(rule);
    if (!(Double.isFinite(sensitivity) && sensitivity >= 0)) {
      throw usage("--sensitivity must be finite and >= 0, got " + sensitivity);
    }
    Evaluation.checkThreads(spec.commandLine(), common.threads);
    ClusterOptions clusterOptions = source.options(spec.commandLine(), common.seed);
    DuplicatesOptions options = new DuplicatesOptions(clusterOptions, sensitivity, r);
    OutputDirectory dir =
        OutputDirectory.prepare(spec.commandLine(), outDir.path, common.force, FILES);
    Map<String, Double> seconds = new LinkedHashMap<>();

    long t = System.nanoTime();
    Inputs in = Inputs.read(inputs);
    seconds.put("read", Evaluation.since(t));

    PrintWriter err = spec.commandLine().getErr();
    Progress progress = CliProgress.create(common.quiet, err);
    ClusterSource.Obtained clustering;
    DuplicatesResult result;
    try (Exec exec = Exec.create(common.threads, progress)) {
      t = System.nanoTime();
      clustering = source.obtain(in.all(), clusterOptions, true, exec);
      seconds.put(
          source.clusterResult == null ? "cluster" : "load_cluster_result", Evaluation.since(t));
      t = System.nanoTime();
      result = Duplicates.fromClusters(clustering.result(), options, in.index());
      seconds.put("duplicates", Evaluation.since(t));
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
              "duplicates: %d exact and %d near groups among %d samples; wrote %s",
              result.exact().size(),
              result.near().size(),
              in.all().size(),
              outDir.path));
      stdout.flush();
    }
    return 0;
  }

  /** The rule named on the command line. */
  ClusterDuplicateRule rule(String name) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "per-sample" -> ClusterDuplicateRule.PER_SAMPLE_MEAN_MINUS_STD;
      case "mst-edge" -> ClusterDuplicateRule.MST_EDGE_SCALED_STD;
      default -> throw usage("--rule must be per-sample or mst-edge, got " + name);
    };
  }

  static String ruleName(ClusterDuplicateRule r) {
    return r == ClusterDuplicateRule.MST_EDGE_SCALED_STD ? "mst-edge" : "per-sample";
  }

  /**
   * The content of {@code result.json}: {@code n}, {@code d}, {@code inputs} (each file with its
   * dataset number and n), {@code params} ({@code rule}, {@code sensitivity} and the clustering's:
   * {@code algorithm}, {@code n_clusters}, {@code min_cluster_size}, {@code n_clusters_used},
   * {@code seed}, or {@code cluster_result} and the files read), {@code n_groups}, {@code n_exact},
   * {@code n_near}, {@code groups} (each {@code indices}: ascending global indices; {@code kind}:
   * exact or near; {@code rule}: the rule of a near group, {@code zero-distance} for an exact
   * group; with several inputs {@code members}: {@code {dataset, index}} per member), {@code
   * seconds}, {@code version}.
   */
  static Map<String, Object> result(
      Inputs in,
      DuplicatesOptions options,
      Map<String, @Nullable Object> clusterParams,
      DuplicatesResult result,
      Map<String, Double> seconds) {
    Map<String, @Nullable Object> params = new LinkedHashMap<>();
    params.put("rule", ruleName(options.rule()));
    params.put("sensitivity", options.sensitivity());
    params.putAll(clusterParams);
    List<Map<String, Object>> groups = new ArrayList<>(result.size());
    for (DuplicateGroup g : result.groups()) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("indices", g.items());
      boolean exact = g.kind() == DuplicateGroup.Kind.EXACT;
      row.put("kind", exact ? "exact" : "near");
      row.put("rule", exact ? "zero-distance" : ruleName(options.rule()));
      if (in.several()) {
        row.put("members", Evaluation.members(g.datasets(), g.localItems()));
      }
      groups.add(row);
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("n", in.all().size());
    json.put("d", in.all().dim());
    json.put("inputs", in.describe());
    json.put("params", params);
    json.put("n_groups", result.size());
    json.put("n_exact", result.exact().size());
    json.put("n_near", result.near().size());
    json.put("groups", groups);
    json.put("seconds", seconds);
    json.put("version", Version.get());
    return json;
  }

  private ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }
}
