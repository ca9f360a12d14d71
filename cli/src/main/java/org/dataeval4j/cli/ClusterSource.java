package org.dataeval4j.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.dataeval4j.cluster.Algorithm;
import org.dataeval4j.cluster.ClusterOptions;
import org.dataeval4j.cluster.ClusterResult;
import org.dataeval4j.cluster.Clustering;
import org.dataeval4j.data.Embeddings;
import org.dataeval4j.exec.Exec;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * Where the duplicates and outliers commands get their clustering (a picocli mixin): {@code
 * cluster()} with {@code --algorithm} and {@code --n-clusters} (and the common {@code --seed}), as
 * the {@code cluster} command runs it, or {@code --cluster-result DIR} to reuse a directory in the
 * {@code cluster} output layout ({@link ClusterResultDir}).
 */
final class ClusterSource {

  @Option(
      names = "--algorithm",
      paramLabel = "A",
      description =
          "hdbscan or kmeans, as for the cluster command. Default: hdbscan. Not with"
              + " --cluster-result.")
  @Nullable String algorithm;

  @Option(
      names = "--n-clusters",
      paramLabel = "K",
      description =
          "HDBSCAN: the expected number of clusters (sets min_cluster_size = max(5, floor(n / (3"
              + " K)))); KMeans: the number of clusters. Default: none (HDBSCAN's 5% rule; KMeans:"
              + " floor(sqrt(n))). Not with --cluster-result.")
  @Nullable Integer nClusters;

  @Option(
      names = "--cluster-result",
      paramLabel = "DIR",
      description =
          "Reuse a clustering instead of clustering again: a directory in the cluster output"
              + " layout (clusters.npy, optional raw_labels.npy, mst.npy, k_neighbors.npy,"
              + " k_distances.npy), e.g. the output of the cluster command or one of DataEval's"
              + " output folders. Its n must match the input. Default: none (cluster the input).")
  @Nullable Path clusterResult;

  /** The clustering obtained by {@link #obtain} and where it came from. */
  record Obtained(ClusterResult result, Map<String, @Nullable Object> params) {}

  /**
   * The options of {@code cluster()}; usage errors name the option.
   *
   * @throws ParameterException for a bad value or an option that does not apply
   */
  ClusterOptions options(CommandLine commandLine, long seed) {
    if (clusterResult != null) {
      if (algorithm != null) {
        throw new ParameterException(
            commandLine, "--algorithm does not apply with --cluster-result");
      }
      if (nClusters != null) {
        throw new ParameterException(
            commandLine, "--n-clusters does not apply with --cluster-result");
      }
    }
    String name = algorithm == null ? "hdbscan" : algorithm;
    Algorithm algo = Evaluation.algorithm(commandLine, name);
    if (nClusters != null && nClusters <= 0) {
      throw new ParameterException(commandLine, "--n-clusters must be >= 1, got " + nClusters);
    }
    return new ClusterOptions(algo, nClusters, null, null, seed);
  }

  /**
   * Clusters {@code x} with {@code options}, or loads {@code --cluster-result} for its n samples.
   *
   * @param graph whether the spanning tree and k-NN graph are needed from a loaded directory
   */
  Obtained obtain(Embeddings x, ClusterOptions options, boolean graph, Exec exec)
      throws IOException {
    Map<String, @Nullable Object> params = new LinkedHashMap<>();
    Path dir = clusterResult;
    if (dir != null) {
      ClusterResultDir.Loaded loaded = ClusterResultDir.load(dir, x.size(), graph);
      params.put("cluster_result", dir.toString());
      params.put("cluster_result_files", loaded.files());
      return new Obtained(loaded.result(), params);
    }
    ClusterResult r = Clustering.cluster(x, options, exec);
    return new Obtained(r, clusteredParams(options, r));
  }

  /** The {@code params} entries that describe a clustering computed with {@code options}. */
  static Map<String, @Nullable Object> clusteredParams(ClusterOptions options, ClusterResult r) {
    Map<String, @Nullable Object> params = new LinkedHashMap<>();
    params.put("algorithm", ClusterCommand.algorithmName(options.algorithm()));
    params.put("n_clusters", options.nClusters());
    params.put("min_cluster_size", r.algorithm() == Algorithm.HDBSCAN ? r.minClusterSize() : null);
    params.put("n_clusters_used", r.algorithm() == Algorithm.KMEANS ? r.nClusters() : null);
    params.put("seed", options.seed());
    params.put("cluster_result", null);
    return params;
  }
}
