package org.dataeval4j.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.dataeval4j.data.Embeddings;
import org.dataeval4j.data.EmbeddingsReader;
import org.dataeval4j.data.Npy;
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
 * {@code dataeval4j prioritize IN --out DIR --method METHOD}: {@link Prioritize} ({@code
 * evaluators.md} §5) written to {@code DIR/order.npy}, {@code scores.npy} (methods with scores) and
 * {@code result.json} (see {@link #result}).
 */
@Command(
    name = "prioritize",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    sortOptions = false,
    description = {
      "Orders the samples from most typical to least (or the reverse) and writes DIR/order.npy"
          + " (int64, n: a permutation of the sample indices in the requested order),"
          + " scores.npy (float32, n, in sample order; knn and *_distance methods only) and"
          + " result.json.",
      "IN, REF and L are .npy files, FILE.npz[:ARRAY], or .csv/.tsv files with one sample per"
          + " line."
    },
    exitCodeListHeading = "Exit codes:%n",
    exitCodeList = {"0:success", "2:bad usage or bad input", "1:internal failure"})
final class PrioritizeCommand implements Callable<Integer>, HasCommonOptions {

  /** Every file this command can write into DIR. */
  static final Set<String> FILES = Set.of("order.npy", "scores.npy", "result.json");

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
      names = "--method",
      required = true,
      paramLabel = "METHOD",
      description =
          "knn (distance to the (k+1)-th nearest neighbour), kmeans_distance, kmeans_complexity,"
              + " hdbscan_distance or hdbscan_complexity (hyphens accepted: kmeans-distance)."
              + " Required, no default.")
  String method = "";

  @Option(
      names = "--k",
      paramLabel = "K",
      description = "knn only: the neighbour rank, 1 <= K < n. Default: floor(sqrt(n)).")
  @Nullable Integer k;

  @Option(
      names = "--c",
      paramLabel = "C",
      description =
          "kmeans_*: the number of clusters (default floor(sqrt(n))); hdbscan_*: the expected"
              + " number of clusters (default: HDBSCAN's 5% rule). >= 1.")
  @Nullable Integer c;

  @Option(
      names = "--order",
      paramLabel = "O",
      defaultValue = "easy",
      description = "easy (most typical first) or hard (the reverse). Default: ${DEFAULT-VALUE}.")
  String order = "easy";

  @Option(
      names = "--policy",
      paramLabel = "P",
      defaultValue = "difficulty",
      description =
          "difficulty (the ranking as scored), stratified (round robin over score bins; methods"
              + " with scores only) or class-balanced (round robin over classes; needs --labels)."
              + " Default: ${DEFAULT-VALUE}.")
  String policy = "difficulty";

  @Option(
      names = "--bins",
      paramLabel = "B",
      description = "stratified only: the number of score bins, >= 1. Default: 50.")
  @Nullable Integer bins;

  @Option(
      names = "--labels",
      paramLabel = "L",
      description =
          "class-balanced only: one integer class label per sample (any integer dtype)."
              + " Default: none.")
  @Nullable String labels;

  @Option(
      names = "--reference",
      paramLabel = "REF",
      description =
          "Reference embeddings (m x d): knn measures to the reference rows, the cluster methods"
              + " fit on the reference and assign each sample to its nearest reference centre."
              + " Default: none (the input itself).")
  @Nullable String reference;

  @Mixin CommonOptions common = new CommonOptions();

  @Override
  public CommonOptions common() {
    return common;
  }

  @Override
  public Integer call() throws Exception {
    PrioritizeOptions options = options();
    Evaluation.checkThreads(spec.commandLine(), common.threads);
    OutputDirectory dir =
        OutputDirectory.prepare(spec.commandLine(), outDir.path, common.force, FILES);
    Map<String, Double> seconds = new LinkedHashMap<>();

    long t = System.nanoTime();
    Embeddings x = EmbeddingsReader.readEmbeddings(input);
    @Nullable Embeddings ref = null;
    String refSpec = reference;
    if (refSpec != null) {
      ref = EmbeddingsReader.readEmbeddings(refSpec);
      if (ref.dim() != x.dim()) {
        throw new IllegalArgumentException(
            "--reference must have the input's dimension: "
                + input
                + " has d = "
                + x.dim()
                + ", "
                + refSpec
                + " has d = "
                + ref.dim());
      }
    }
    long @Nullable [] classLabels = null;
    String labelSpec = labels;
    if (labelSpec != null) {
      int[] y = EmbeddingsReader.readLabels(labelSpec);
      if (y.length != x.size()) {
        throw new IllegalArgumentException(
            "--labels must have one label per sample: "
                + input
                + " has "
                + x.size()
                + " samples, "
                + labelSpec
                + " has "
                + y.length
                + " labels");
      }
      classLabels = new long[y.length];
      for (int i = 0; i < y.length; i++) {
        classLabels[i] = y[i];
      }
    }
    seconds.put("read", Evaluation.since(t));

    PrintWriter err = spec.commandLine().getErr();
    Progress progress = CliProgress.create(common.quiet, err);
    PrioritizeResult result;
    int[] indices;
    try (Exec exec = Exec.create(common.threads, progress)) {
      t = System.nanoTime();
      result = Prioritize.evaluate(x, ref, options, classLabels, exec);
      indices = result.indices();
      seconds.put("prioritize", Evaluation.since(t));
    }

    int n = x.size();
    float @Nullable [] scores = result.rank().scores();
    Map<String, @Nullable Object> json =
        result(x, ref, options, labels, reference, scores != null, seconds);
    try (dir) {
      dir.stage("order.npy", f -> Npy.writeInt64(f, indices, n));
      if (scores != null) {
        dir.stage("scores.npy", f -> Npy.writeFloat32(f, scores, n));
      }
      dir.stage("result.json", f -> Json.write(f, json));
      dir.commit();
    }
    if (!common.quiet) {
      PrintWriter stdout = spec.commandLine().getOut();
      stdout.println(
          String.format(
              Locale.ROOT,
              "prioritize: %d samples ordered by %s, %s first, %s policy; wrote %s",
              n,
              options.method().id(),
              order,
              policyName(options.policy()),
              outDir.path));
      stdout.flush();
    }
    return 0;
  }

  /** The options record; usage errors name the option. */
  PrioritizeOptions options() {
    PrioritizeMethod m;
    try {
      m = PrioritizeMethod.of(method.toLowerCase(Locale.ROOT).replace('-', '_'));
    } catch (IllegalArgumentException e) {
      throw usage(
          "--method must be knn, kmeans_distance, kmeans_complexity, hdbscan_distance or"
              + " hdbscan_complexity, got "
              + method);
    }
    PrioritizeOptions.Order o =
        switch (order.toLowerCase(Locale.ROOT)) {
          case "easy" -> PrioritizeOptions.Order.EASY_FIRST;
          case "hard" -> PrioritizeOptions.Order.HARD_FIRST;
          default -> throw usage("--order must be easy or hard, got " + order);
        };
    PrioritizeOptions.Policy p =
        switch (policy.toLowerCase(Locale.ROOT).replace('_', '-')) {
          case "difficulty" -> PrioritizeOptions.Policy.DIFFICULTY;
          case "stratified" -> PrioritizeOptions.Policy.STRATIFIED;
          case "class-balanced" -> PrioritizeOptions.Policy.CLASS_BALANCED;
          default ->
              throw usage(
                  "--policy must be difficulty, stratified or class-balanced, got " + policy);
        };
    if (k != null && m != PrioritizeMethod.KNN) {
      throw usage("--k applies to --method knn only");
    }
    if (c != null && m == PrioritizeMethod.KNN) {
      throw usage("--c applies to the kmeans_* and hdbscan_* methods only");
    }
    Evaluation.requirePositive(spec.commandLine(), "--k", k);
    Evaluation.requirePositive(spec.commandLine(), "--c", c);
    Evaluation.requirePositive(spec.commandLine(), "--bins", bins);
    if (bins != null && p != PrioritizeOptions.Policy.STRATIFIED) {
      throw usage("--bins applies to --policy stratified only");
    }
    if (p == PrioritizeOptions.Policy.STRATIFIED && !m.hasScores()) {
      throw usage(
          "--policy stratified needs scores, which --method " + m.id() + " does not produce");
    }
    if (p == PrioritizeOptions.Policy.CLASS_BALANCED && labels == null) {
      throw usage("--policy class-balanced needs --labels");
    }
    if (labels != null && p != PrioritizeOptions.Policy.CLASS_BALANCED) {
      throw usage("--labels applies to --policy class-balanced only");
    }
    Integer b = bins;
    return PrioritizeOptions.of(m)
        .withK(k)
        .withC(c)
        .withOrder(o)
        .withPolicy(p)
        .withNumBins(b == null ? PrioritizeOptions.DEFAULT_BINS : b)
        .withSeed(common.seed);
  }

  static String policyName(PrioritizeOptions.Policy p) {
    return p.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /**
   * The content of {@code result.json}: {@code n}, {@code d}, {@code n_reference} (null without a
   * reference), {@code params} ({@code method}, {@code k}: knn's neighbour rank (default
   * floor(sqrt(n)); null for the other methods), {@code c}: the clusters of kmeans_* (default
   * floor(sqrt(n))) or the expected clusters of hdbscan_* (null = HDBSCAN's 5% rule), null for knn,
   * {@code order}: easy or hard, {@code policy}, {@code bins} (stratified only, else null), {@code
   * seed}, {@code labels} and {@code reference}: the files, or null), {@code files} (the arrays
   * written), {@code seconds}, {@code version}.
   */
  static Map<String, @Nullable Object> result(
      Embeddings x,
      @Nullable Embeddings ref,
      PrioritizeOptions options,
      @Nullable String labels,
      @Nullable String reference,
      boolean hasScores,
      Map<String, Double> seconds) {
    Map<String, @Nullable Object> params = new LinkedHashMap<>();
    params.put("method", options.method().id());
    // The effective counts: knn's k and kmeans_*' c default to floor(sqrt(n)); hdbscan_*' c stays
    // null for HDBSCAN's 5% rule.
    int sqrtN = (int) Math.floor(Math.sqrt(x.size()));
    PrioritizeMethod m = options.method();
    Integer kk = options.k();
    Integer cc = options.c();
    boolean kmeans =
        m == PrioritizeMethod.KMEANS_DISTANCE || m == PrioritizeMethod.KMEANS_COMPLEXITY;
    params.put("k", m == PrioritizeMethod.KNN ? Integer.valueOf(kk == null ? sqrtN : kk) : null);
    params.put("c", kmeans && cc == null ? Integer.valueOf(sqrtN) : cc);
    params.put("order", options.order() == PrioritizeOptions.Order.EASY_FIRST ? "easy" : "hard");
    params.put("policy", policyName(options.policy()));
    params.put(
        "bins", options.policy() == PrioritizeOptions.Policy.STRATIFIED ? options.numBins() : null);
    params.put("seed", options.seed());
    params.put("labels", labels);
    params.put("reference", reference);
    Map<String, @Nullable Object> json = new LinkedHashMap<>();
    json.put("n", x.size());
    json.put("d", x.dim());
    json.put("n_reference", ref == null ? null : ref.size());
    json.put("params", params);
    json.put("files", hasScores ? List.of("order.npy", "scores.npy") : List.of("order.npy"));
    json.put("seconds", seconds);
    json.put("version", Version.get());
    return json;
  }

  private ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }
}
