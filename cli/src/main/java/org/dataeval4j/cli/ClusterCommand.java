package org.dataeval4j.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.dataeval4j.cluster.Algorithm;
import org.dataeval4j.cluster.ClusterOptions;
import org.dataeval4j.cluster.ClusterResult;
import org.dataeval4j.cluster.Clustering;
import org.dataeval4j.data.Embeddings;
import org.dataeval4j.data.EmbeddingsReader;
import org.dataeval4j.data.Npy;
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
 * {@code dataeval4j cluster IN --out DIR}: {@code cluster()} on embeddings, writing DataEval's
 * output arrays and {@code summary.json} into DIR (see {@link #FILES} and {@link #summary}).
 */
@Command(
    name = "cluster",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    sortOptions = false,
    description = {
      "Clusters embeddings with HDBSCAN (default) or KMeans and writes into DIR: clusters.npy,"
          + " raw_labels.npy, mst.npy, linkage_tree.npy, membership_strengths.npy,"
          + " k_neighbors.npy, k_distances.npy (DataEval's names and layouts), centers.npy"
          + " (KMeans) and summary.json.",
      "IN is a .npy file, FILE.npz[:ARRAY], or a .csv/.tsv file with one sample per line."
    },
    exitCodeListHeading = "Exit codes:%n",
    exitCodeList = {"0:success", "2:bad usage or bad input", "1:internal failure"})
final class ClusterCommand implements Callable<Integer>, HasCommonOptions {

  /** Every file this command can write into DIR. */
  static final Set<String> FILES =
      Set.of(
          "clusters.npy",
          "raw_labels.npy",
          "mst.npy",
          "linkage_tree.npy",
          "membership_strengths.npy",
          "k_neighbors.npy",
          "k_distances.npy",
          "centers.npy",
          "summary.json");

  /** Above this dimension without --pca, a warning recommends reducing (the seed's advice). */
  static final int HIGH_DIMENSION = 500;

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
      names = "--algorithm",
      paramLabel = "A",
      defaultValue = "hdbscan",
      description = "hdbscan or kmeans. Default: ${DEFAULT-VALUE}.")
  String algorithm = "hdbscan";

  @Option(
      names = "--n-clusters",
      paramLabel = "K",
      description =
          "HDBSCAN: the expected number of clusters, which sets min_cluster_size = max(5,"
              + " floor(n / (3 K))); KMeans: the number of clusters. Default: none (HDBSCAN:"
              + " min_cluster_size = min(100, max(5, floor(0.05 n))); KMeans: floor(sqrt(n))).")
  @Nullable Integer nClusters;

  @Option(
      names = "--max-cluster-size",
      paramLabel = "M",
      description =
          "HDBSCAN only: clusters larger than M samples are split (M <= min_cluster_size means"
              + " unbounded). Default: none (unbounded).")
  @Nullable Integer maxClusterSize;

  @Option(
      names = "--n-init",
      paramLabel = "N|auto",
      defaultValue = "auto",
      description =
          "KMeans only: number of k-means++ restarts, keeping the lowest inertia; auto = 1."
              + " Default: ${DEFAULT-VALUE}.")
  String nInit = "auto";

  @Option(
      names = "--pca",
      paramLabel = "D",
      description =
          "Reduce to D principal components before clustering (both algorithms); recommended"
              + " when d > "
              + HIGH_DIMENSION
              + ". Default: none (cluster the input as is).")
  @Nullable Integer pca;

  @Mixin CommonOptions common = new CommonOptions();

  private final Reducer reducer;

  ClusterCommand(Reducer reducer) {
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
    OutputDirectory dir =
        OutputDirectory.prepare(spec.commandLine(), outDir.path, common.force, FILES);
    Map<String, Double> seconds = new LinkedHashMap<>();

    long t = System.nanoTime();
    Embeddings x = EmbeddingsReader.readEmbeddings(input);
    seconds.put("read", Evaluation.since(t));
    int dInput = x.dim();
    @Nullable Integer components = pca;
    if (components != null && components > dInput) {
      throw usage("--pca must be <= d = " + dInput + " (the input dimension), got " + components);
    }
    if (components == null && dInput > HIGH_DIMENSION) {
      err.println(
          "dataeval4j: warning: d = "
              + dInput
              + " > "
              + HIGH_DIMENSION
              + ": distances become uniform in high dimensions; consider --pca D (e.g. --pca 50)");
      err.flush();
    }

    Progress progress = CliProgress.create(common.quiet, err);
    ClusterResult result;
    double @Nullable [] explained = null;
    try (Exec exec = Exec.create(common.threads, progress)) {
      if (components != null) {
        t = System.nanoTime();
        progress.start("PCA", 1);
        Reducer.Reduction r = reducer.reduce(x, components);
        progress.finish();
        x = r.reduced();
        explained = r.explainedVarianceRatio();
        seconds.put("pca", Evaluation.since(t));
      }
      result = Clustering.cluster(x, options, exec);
    }
    seconds.putAll(result.stageSeconds());

    try (dir) {
      t = System.nanoTime();
      writeArrays(dir, result, x.dim());
      seconds.put("write", Evaluation.since(t));
      Map<String, Object> summary = summary(x, dInput, options, result, explained, seconds);
      dir.stage("summary.json", f -> Json.write(f, summary));
      dir.commit();
    }

    int found = clustersFound(result);
    if (!common.quiet) {
      PrintWriter stdout = spec.commandLine().getOut();
      stdout.println(
          String.format(
              Locale.ROOT,
              "%s: %d clusters, %d noise samples before reassignment; wrote %s",
              algorithmName(result.algorithm()),
              found,
              result.noiseCount(),
              outDir.path));
      stdout.flush();
    }
    if (result.algorithm() == Algorithm.HDBSCAN && found <= 1) {
      err.println(found == 1 ? singleClusterMessage() : noClusterMessage());
      err.flush();
    }
    return 0;
  }

  /** The advice printed when HDBSCAN finds a single cluster (the seed's advice). */
  static String singleClusterMessage() {
    return "dataeval4j: HDBSCAN found a single cluster: the density of the embeddings may be too"
        + " uniform (common in high dimensions). Try fewer dimensions (--pca D) or KMeans with an"
        + " explicit number of clusters (--algorithm kmeans --n-clusters K).";
  }

  /** The advice printed when HDBSCAN calls every sample noise. */
  static String noClusterMessage() {
    return "dataeval4j: HDBSCAN found no cluster (every sample is noise, all were assigned to"
        + " cluster 0). Try fewer dimensions (--pca D) or KMeans with an explicit number of"
        + " clusters (--algorithm kmeans --n-clusters K).";
  }

  /**
   * The number of clusters the algorithm found: distinct labels >= 0 among the raw labels (so an
   * all-noise HDBSCAN result, which the reassignment turns into one label, counts 0).
   */
  static int clustersFound(ClusterResult result) {
    int[] raw = result.rawLabels();
    int max = -1;
    for (int c : raw) {
      max = Math.max(max, c);
    }
    boolean[] seen = new boolean[max + 1];
    int count = 0;
    for (int c : raw) {
      if (c >= 0 && !seen[c]) {
        seen[c] = true;
        count++;
      }
    }
    return count;
  }

  /** The options record, with usage errors naming the command-line option. */
  ClusterOptions options() {
    Algorithm algo = Evaluation.algorithm(spec.commandLine(), algorithm);
    Evaluation.requirePositive(spec.commandLine(), "--n-clusters", nClusters);
    Evaluation.requirePositive(spec.commandLine(), "--max-cluster-size", maxClusterSize);
    Evaluation.requirePositive(spec.commandLine(), "--pca", pca);
    Evaluation.checkThreads(spec.commandLine(), common.threads);
    @Nullable Integer runs = null;
    if (!nInit.equalsIgnoreCase("auto")) {
      try {
        runs = Integer.valueOf(nInit);
      } catch (NumberFormatException e) {
        throw usage("--n-init must be a positive integer or auto, got " + nInit);
      }
      Evaluation.requirePositive(spec.commandLine(), "--n-init", runs);
    }
    if (algo == Algorithm.HDBSCAN && matched("--n-init")) {
      throw usage("--n-init applies to --algorithm kmeans only");
    }
    if (algo == Algorithm.KMEANS && maxClusterSize != null) {
      throw usage("--max-cluster-size applies to --algorithm hdbscan only");
    }
    return new ClusterOptions(algo, nClusters, maxClusterSize, runs, common.seed);
  }

  /**
   * The content of {@code summary.json}: {@code n}, {@code d} (clustered), {@code d_input}, {@code
   * algorithm}, {@code params} ({@code n_clusters}: the hint for HDBSCAN (null if none) or the
   * number used by KMeans; {@code min_cluster_size}, {@code max_cluster_size} (null when unbounded;
   * both null for KMeans); {@code n_init} (the number of runs, auto = 1; null for HDBSCAN); {@code
   * seed}; {@code pca} (null if none)), {@code n_clusters_found} (distinct raw labels >= 0), {@code
   * n_noise} (before reassignment), KMeans' {@code inertia}, with --pca {@code
   * explained_variance_ratio}, {@code seconds} per stage and {@code version}.
   */
  static Map<String, Object> summary(
      Embeddings clustered,
      int dInput,
      ClusterOptions options,
      ClusterResult result,
      double @Nullable [] explainedVarianceRatio,
      Map<String, Double> seconds) {
    boolean kmeans = result.algorithm() == Algorithm.KMEANS;
    Map<String, @Nullable Object> params = new LinkedHashMap<>();
    params.put("n_clusters", kmeans ? Integer.valueOf(result.nClusters()) : options.nClusters());
    params.put("min_cluster_size", kmeans ? null : result.minClusterSize());
    double max = result.maxClusterSize();
    params.put("max_cluster_size", kmeans || Double.isInfinite(max) ? null : (long) max);
    Integer runs = options.nInit();
    params.put("n_init", kmeans ? Integer.valueOf(runs == null ? 1 : runs) : null);
    params.put("seed", options.seed());
    params.put("pca", explainedVarianceRatio == null ? null : clustered.dim());

    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("n", clustered.size());
    summary.put("d", clustered.dim());
    summary.put("d_input", dInput);
    summary.put("algorithm", algorithmName(result.algorithm()));
    summary.put("params", params);
    summary.put("n_clusters_found", clustersFound(result));
    summary.put("n_noise", result.noiseCount());
    if (kmeans) {
      summary.put("inertia", result.inertia());
    }
    if (explainedVarianceRatio != null) {
      summary.put("explained_variance_ratio", explainedVarianceRatio);
    }
    summary.put("seconds", seconds);
    summary.put("version", Version.get());
    return summary;
  }

  static void writeArrays(OutputDirectory dir, ClusterResult r, int d) throws java.io.IOException {
    int n = r.size();
    int k = r.knn().k();
    dir.stage("clusters.npy", f -> Npy.writeInt64(f, r.clusters(), n));
    dir.stage("raw_labels.npy", f -> Npy.writeInt64(f, r.rawLabels(), n));
    dir.stage("mst.npy", f -> Npy.writeFloat32(f, r.mst(), n - 1, 3));
    dir.stage("linkage_tree.npy", f -> Npy.writeFloat32(f, r.linkageTree(), n - 1, 4));
    dir.stage("membership_strengths.npy", f -> Npy.writeFloat32(f, r.membershipStrengths(), n));
    dir.stage("k_neighbors.npy", f -> Npy.writeInt64(f, r.knn().indices(), n, k));
    dir.stage("k_distances.npy", f -> Npy.writeFloat32(f, r.knn().distances(), n, k));
    double[] centers = r.centers();
    if (centers != null) {
      dir.stage("centers.npy", f -> Npy.writeFloat64(f, centers, centers.length / d, d));
    }
  }

  static String algorithmName(Algorithm a) {
    return a.name().toLowerCase(Locale.ROOT);
  }

  private boolean matched(String option) {
    return spec.commandLine().getParseResult().hasMatchedOption(option);
  }

  private ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }
}
