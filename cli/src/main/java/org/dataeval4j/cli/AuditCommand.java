package org.dataeval4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.dataeval4j.cli.report.HtmlReport;
import org.dataeval4j.cli.report.Images;
import org.dataeval4j.cli.report.ReportData;
import org.dataeval4j.cluster.Algorithm;
import org.dataeval4j.cluster.ClusterOptions;
import org.dataeval4j.cluster.ClusterResult;
import org.dataeval4j.cluster.Clustering;
import org.dataeval4j.data.Embeddings;
import org.dataeval4j.data.EmbeddingsReader;
import org.dataeval4j.data.Npy;
import org.dataeval4j.evaluate.Duplicates;
import org.dataeval4j.evaluate.DuplicatesOptions;
import org.dataeval4j.evaluate.DuplicatesResult;
import org.dataeval4j.evaluate.LabelErrors;
import org.dataeval4j.evaluate.LabelErrorsOptions;
import org.dataeval4j.evaluate.LabelErrorsResult;
import org.dataeval4j.evaluate.Outliers;
import org.dataeval4j.evaluate.OutliersOptions;
import org.dataeval4j.evaluate.OutliersResult;
import org.dataeval4j.evaluate.Prioritize;
import org.dataeval4j.evaluate.PrioritizeMethod;
import org.dataeval4j.evaluate.PrioritizeOptions;
import org.dataeval4j.evaluate.PrioritizeResult;
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
 * {@code dataeval4j audit IN --out DIR}: {@code cluster()} once, then Duplicates, Outliers, label
 * errors (with {@code --labels}) and Prioritize on that clustering, each written into its own
 * subdirectory of DIR, and {@code DIR/report.html} (see {@link HtmlReport}).
 *
 * <p>Every input (embeddings, labels, images) is read and checked before any computation, and every
 * file is staged under a temporary name and moved into place only when all are written, so bad
 * input or a failure leaves no partial report.
 */
@Command(
    name = "audit",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    sortOptions = false,
    description = {
      "Clusters embeddings and finds duplicates, outliers, label errors (with --labels) and a"
          + " priority order; writes each result into DIR/cluster, DIR/duplicates, DIR/outliers,"
          + " DIR/label-errors, DIR/prioritize and a self-contained HTML report DIR/report.html.",
      "IN is a .npy file, FILE.npz[:ARRAY], or a .csv/.tsv file with one sample per line."
    },
    exitCodeListHeading = "Exit codes:%n",
    exitCodeList = {"0:success", "2:bad usage or bad input", "1:internal failure"})
final class AuditCommand implements Callable<Integer>, HasCommonOptions {

  /** The report's file name inside DIR. */
  static final String REPORT = "report.html";

  /** The subdirectories, in the order they are written. */
  static final List<String> SUBDIRS =
      List.of("cluster", "duplicates", "outliers", "label-errors", "prioritize");

  static final String RESULT = "result.json";

  @SuppressWarnings("NullAway.Init")
  @Spec
  CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "IN",
      description = "Input embeddings (n x d): .npy, FILE.npz[:ARRAY], .csv or .tsv.")
  String input = "";

  @Mixin OutDir outDir = new OutDir();

  @Option(
      names = "--labels",
      paramLabel = "L",
      description =
          "Class labels, one integer per sample: .npy, FILE.npz[:ARRAY], .csv or .tsv. Enables"
              + " the label-error search. Default: none.")
  @Nullable String labels;

  @Option(
      names = "--images",
      paramLabel = "IMAGES.npy",
      description =
          "One image per sample for the report's thumbnails: uint8 or float (scaled min-max per"
              + " image), n x H x W or n x H x W x C with C = 1, 3 or 4. Default: none.")
  @Nullable Path images;

  @Option(
      names = "--algorithm",
      paramLabel = "A",
      defaultValue = "hdbscan",
      description = "hdbscan or kmeans. Default: ${DEFAULT-VALUE}.")
  String algorithm = "hdbscan";

  @Option(
      names = "--n-clusters",
      paramLabel = "K",
      description =
          "HDBSCAN: the expected number of clusters (sets min_cluster_size = max(5, floor(n /"
              + " (3 K)))); KMeans: the number of clusters. Default: none.")
  @Nullable Integer nClusters;

  @Option(
      names = "--pca",
      paramLabel = "D",
      description =
          "Reduce to D principal components first; every evaluator then works in that space."
              + " Default: none.")
  @Nullable Integer pca;

  @Mixin CommonOptions common = new CommonOptions();

  private final Reducer reducer;

  AuditCommand(Reducer reducer) {
    this.reducer = reducer;
  }

  @Override
  public CommonOptions common() {
    return common;
  }

  @Override
  public Integer call() throws Exception {
    ClusterOptions options = options();
    PrintWriter err = spec.commandLine().getErr();
    // Checks DIR (non-empty without --force, not a directory, not writable) before any work.
    OutputDirectory.prepare(spec.commandLine(), outDir.path, common.force, Set.of()).close();

    Embeddings x = EmbeddingsReader.readEmbeddings(input);
    int n = x.size();
    int dInput = x.dim();
    int @Nullable [] y = null;
    String labelsFile = labels;
    if (labelsFile != null) {
      y = EmbeddingsReader.readLabels(labelsFile);
      if (y.length != n) {
        throw usage("--labels must have one label per embedding (n = " + n + "), got " + y.length);
      }
    }
    Images img = null;
    Path imagesFile = images;
    if (imagesFile != null) {
      img = Images.read(imagesFile);
      if (img.count() != n) {
        throw usage(
            "--images must have one image per embedding (n = " + n + "), got " + img.count());
      }
    }
    @Nullable Integer components = pca;
    if (components != null && components > dInput) {
      throw usage("--pca must be <= d = " + dInput + " (the input dimension), got " + components);
    }
    List<String> warnings = new ArrayList<>();
    if (components == null && dInput > ClusterCommand.HIGH_DIMENSION) {
      warnings.add(
          "d = "
              + dInput
              + " > "
              + ClusterCommand.HIGH_DIMENSION
              + " without --pca: distances become uniform in high dimensions; consider --pca D"
              + " (e.g. --pca 50).");
    }

    Progress progress = CliProgress.create(common.quiet, err);
    Map<String, Double> seconds = new LinkedHashMap<>();
    double @Nullable [] explained = null;
    ClusterResult cluster;
    DuplicatesResult duplicates;
    OutliersResult outliers;
    LabelErrorsResult labelErrors = null;
    PrioritizeResult priorities;
    PrioritizeMethod method =
        options.algorithm() == Algorithm.KMEANS
            ? PrioritizeMethod.KMEANS_DISTANCE
            : PrioritizeMethod.HDBSCAN_DISTANCE;
    PrioritizeOptions po = PrioritizeOptions.of(method).withC(nClusters).withSeed(common.seed);
    try (Exec exec = Exec.create(common.threads, progress)) {
      if (components != null) {
        long t = System.nanoTime();
        progress.start("PCA", 1);
        Reducer.Reduction r = reducer.reduce(x, components);
        progress.finish();
        x = r.reduced();
        explained = r.explainedVarianceRatio();
        seconds.put("pca", Evaluation.since(t));
      }
      cluster = Clustering.cluster(x, options, exec);
      seconds.putAll(cluster.stageSeconds());
      duplicates = Duplicates.fromClusters(cluster, DuplicatesOptions.defaults());
      outliers = Outliers.fromClusters(x, cluster, OutliersOptions.defaults());
      if (y != null) {
        progress.start("label errors", 1);
        labelErrors = LabelErrors.evaluate(x, y, LabelErrorsOptions.defaults(), exec);
        progress.finish();
      }
      priorities = Prioritize.evaluate(x, null, po, null, exec);
    }

    int found = ClusterCommand.clustersFound(cluster);
    if (options.algorithm() == Algorithm.HDBSCAN && found <= 1) {
      warnings.add(
          found == 1
              ? ClusterCommand.singleClusterMessage().replaceFirst("^dataeval4j: ", "")
              : ClusterCommand.noClusterMessage().replaceFirst("^dataeval4j: ", ""));
    }
    Map<String, Object> summary =
        ClusterCommand.summary(x, dInput, options, cluster, explained, seconds);
    Map<String, String> params = reportParams(summary, method);
    ReportData report =
        ReportData.of(
            new ReportData.Summary(
                input,
                labelsFile,
                imagesFile == null ? null : imagesFile.toString(),
                n,
                dInput,
                x.dim(),
                ClusterCommand.algorithmName(options.algorithm()),
                params,
                found,
                cluster.noiseCount(),
                warnings),
            x,
            cluster,
            duplicates,
            outliers,
            y,
            labelErrors,
            img);

    writeAll(
        summary, x, options, y, po, cluster, duplicates, outliers, labelErrors, priorities, report);

    for (String w : warnings) {
      err.println("dataeval4j: warning: " + w);
    }
    err.flush();
    if (!common.quiet) {
      PrintWriter stdout = spec.commandLine().getOut();
      stdout.println(
          String.format(
              Locale.ROOT,
              "audit: %d clusters, %d noise before reassignment, %d duplicate groups, %d"
                  + " outliers, %s label errors; wrote %s",
              found,
              cluster.noiseCount(),
              duplicates.size(),
              outliers.size(),
              labelErrors == null ? "no labels, no" : Integer.toString(labelErrors.errors().size()),
              outDir.path.resolve(REPORT)));
      stdout.flush();
    }
    return 0;
  }

  /** The summary's parameters as the report lists them (null shown as "default"/"none"). */
  @SuppressWarnings("unchecked")
  private Map<String, String> reportParams(Map<String, Object> summary, PrioritizeMethod method) {
    Map<String, String> params = new LinkedHashMap<>();
    Map<String, @Nullable Object> p = (Map<String, @Nullable Object>) summary.get("params");
    if (p != null) {
      for (Map.Entry<String, @Nullable Object> e : p.entrySet()) {
        Object v = e.getValue();
        params.put(e.getKey(), v == null ? "none" : v.toString());
      }
    }
    params.put("duplicates", "per-sample rule, sensitivity 1.0");
    params.put("outliers", "z-score threshold " + OutliersOptions.defaults().threshold());
    params.put("prioritize", method.id());
    return params;
  }

  /** Stages every file in every subdirectory, then commits them all (or none). */
  private void writeAll(
      Map<String, Object> summary,
      Embeddings clustered,
      ClusterOptions clusterOptions,
      int @Nullable [] labels,
      PrioritizeOptions prioritizeOptions,
      ClusterResult cluster,
      DuplicatesResult duplicates,
      OutliersResult outliers,
      @Nullable LabelErrorsResult labelErrors,
      PrioritizeResult priorities,
      ReportData report)
      throws IOException {
    List<OutputDirectory> dirs = new ArrayList<>();
    try {
      OutputDirectory c = open(dirs, outDir.path.resolve("cluster"), ClusterCommand.FILES);
      ClusterCommand.writeArrays(c, cluster, clustered.dim());
      c.stage("summary.json", f -> Json.write(f, summary));
      // Each evaluator's files exactly as its own command writes them.
      Inputs in = Inputs.single(input, clustered);
      Map<String, @Nullable Object> clusterParams =
          ClusterSource.clusteredParams(clusterOptions, cluster);
      int n = clustered.size();
      OutputDirectory dup = open(dirs, outDir.path.resolve("duplicates"), DuplicatesCommand.FILES);
      Map<String, Object> dupJson =
          DuplicatesCommand.result(
              in, DuplicatesOptions.defaults(), clusterParams, duplicates, Map.of());
      dup.stage(RESULT, f -> Json.write(f, dupJson));
      OutputDirectory o = open(dirs, outDir.path.resolve("outliers"), OutliersCommand.FILES);
      Map<String, Object> outJson =
          OutliersCommand.result(in, OutliersOptions.defaults(), clusterParams, outliers, Map.of());
      o.stage(RESULT, f -> Json.write(f, outJson));
      if (labelErrors != null && labels != null) {
        OutputDirectory le =
            open(dirs, outDir.path.resolve("label-errors"), LabelErrorsCommand.FILES);
        Map<String, Object> leJson =
            LabelErrorsCommand.result(
                clustered, labels, LabelErrorsOptions.defaults(), labelErrors, Map.of());
        le.stage(RESULT, f -> Json.write(f, leJson));
        le.stage("scores.npy", f -> Npy.writeFloat32(f, labelErrors.scores(), n));
        le.stage("error_rank.npy", f -> Npy.writeInt64(f, labelErrors.errorRank(), n));
      }
      OutputDirectory pr = open(dirs, outDir.path.resolve("prioritize"), PrioritizeCommand.FILES);
      float @Nullable [] scores = priorities.rank().scores();
      Map<String, @Nullable Object> prJson =
          PrioritizeCommand.result(
              clustered, null, prioritizeOptions, null, null, scores != null, Map.of());
      int[] order = priorities.indices();
      pr.stage("order.npy", f -> Npy.writeInt64(f, order, n));
      if (scores != null) {
        pr.stage("scores.npy", f -> Npy.writeFloat32(f, scores, n));
      }
      pr.stage(RESULT, f -> Json.write(f, prJson));
      OutputDirectory root = open(dirs, outDir.path, Set.of(REPORT));
      root.stage(REPORT, f -> HtmlReport.write(f, report));
      for (OutputDirectory dir : dirs) {
        dir.commit();
      }
    } finally {
      // Without a commit, each removes its temporary files and the directories it created;
      // reverse order, so that DIR (created by the first) is removed last.
      for (int i = dirs.size() - 1; i >= 0; i--) {
        dirs.get(i).close();
      }
    }
  }

  private OutputDirectory open(List<OutputDirectory> dirs, Path dir, Set<String> owned)
      throws IOException {
    OutputDirectory o = OutputDirectory.prepare(spec.commandLine(), dir, true, owned);
    dirs.add(o);
    return o;
  }

  /** The clustering options, with usage errors naming the command-line option. */
  ClusterOptions options() {
    Algorithm algo = Evaluation.algorithm(spec.commandLine(), algorithm);
    Evaluation.requirePositive(spec.commandLine(), "--n-clusters", nClusters);
    Evaluation.requirePositive(spec.commandLine(), "--pca", pca);
    Evaluation.checkThreads(spec.commandLine(), common.threads);
    return new ClusterOptions(algo, nClusters, null, null, common.seed);
  }

  private ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }
}
