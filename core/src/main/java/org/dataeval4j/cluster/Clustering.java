package org.dataeval4j.cluster;

import java.util.LinkedHashMap;
import java.util.Map;
import org.dataeval4j.data.Embeddings;
import org.dataeval4j.exec.Exec;
import org.dataeval4j.exec.Progress;
import org.dataeval4j.neighbors.KnnGraph;
import org.dataeval4j.neighbors.Neighbors;
import org.dataeval4j.tree.CondensedTree;
import org.dataeval4j.tree.LinkageTree;
import org.dataeval4j.tree.SpanningTree;

/**
 * {@code cluster()}: HDBSCAN (default) or KMeans on embeddings, with the k-NN graph, spanning tree
 * and single-linkage tree that the evaluators build on ({@code cluster.md}; DataEval's {@code
 * dataeval.core.cluster}).
 *
 * <p>Stages and their cost for n samples of dimension d: exact k-NN with k = min(25, n - 1), O(n^2
 * d) spread over the threads (§3); spanning tree from the k-NN graph, O(n k log(n k)) (§4); linkage
 * tree, O(n) (§5); then HDBSCAN's condensed tree, excess-of-mass selection, labels and membership,
 * O(n) each (§6–§8), and the seed's reassignment of noise to the nearest centre (§9); or KMeans
 * (§10).
 */
public final class Clustering {
  private Clustering() {}

  /** HDBSCAN with every default, on the calling thread. */
  public static ClusterResult cluster(Embeddings embeddings) {
    return cluster(embeddings, ClusterOptions.defaults(), Exec.serial());
  }

  /** {@code cluster()} with the given options, on the calling thread. */
  public static ClusterResult cluster(Embeddings embeddings, ClusterOptions options) {
    return cluster(embeddings, options, Exec.serial());
  }

  /**
   * {@code cluster()} with the given options, running on {@code exec}'s threads. The result does
   * not depend on the number of threads.
   *
   * @throws IllegalArgumentException if there are fewer than 2 samples or no feature, or a count is
   *     out of range (KMeans: n_clusters must be less than n)
   */
  public static ClusterResult cluster(Embeddings embeddings, ClusterOptions options, Exec exec) {
    int n = embeddings.size();
    if (n < 2) {
      throw new IllegalArgumentException("Data should have at least 2 samples; got " + n);
    }
    if (embeddings.dim() < 1) {
      throw new IllegalArgumentException(
          "Samples should have at least 1 feature; got " + embeddings.dim());
    }
    int kmeansClusters = 0;
    if (options.algorithm() == Algorithm.KMEANS) {
      Integer given = options.nClusters();
      kmeansClusters = given == null ? KMeansOptions.defaultClusters(n) : given;
      if (kmeansClusters >= n) {
        // DataEval checks this after the k-NN step; we fail before any work.
        throw new IllegalArgumentException(
            "n_expected_clusters="
                + kmeansClusters
                + " should be less than dataset size ("
                + n
                + ")");
      }
    }
    Map<String, Double> seconds = new LinkedHashMap<>();
    Progress progress = exec.progress();

    long t0 = System.nanoTime();
    int k = Math.min(25, n - 1);
    progress.start("k-NN", n);
    KnnGraph knn = Neighbors.selfKnn(embeddings, k, exec);
    progress.finish();
    long t1 = System.nanoTime();
    seconds.put("knn", (t1 - t0) / 1e9);

    progress.start("MST", 1);
    float[] mst = SpanningTree.sortByWeight(SpanningTree.fromKnn(embeddings, knn, exec));
    float[] linkage = LinkageTree.fromSortedMst(mst, n);
    progress.advance(1);
    progress.finish();
    long t2 = System.nanoTime();
    seconds.put("mst", (t2 - t1) / 1e9);

    if (options.algorithm() == Algorithm.KMEANS) {
      progress.start("KMeans", 1);
      KMeansResult km =
          KMeans.fit(
              embeddings, new KMeansOptions(kmeansClusters, options.nInit(), options.seed()), exec);
      float[] membership = KMeans.membership(embeddings, km.labels(), km.centers());
      progress.advance(1);
      progress.finish();
      seconds.put("kmeans", (System.nanoTime() - t2) / 1e9);
      return new ClusterResult(
          Algorithm.KMEANS,
          km.labels(),
          km.labels(),
          mst,
          linkage,
          membership,
          knn,
          0,
          Double.POSITIVE_INFINITY,
          km.centers(),
          km.inertia(),
          kmeansClusters,
          seconds);
    }
    int mcs = Hdbscan.minClusterSize(n, options.nClusters());
    double max = Hdbscan.maxClusterSize(options.maxClusterSize(), mcs);
    progress.start("HDBSCAN", 1);
    CondensedTree condensed = CondensedTree.condense(linkage, n, mcs, max);
    Hdbscan.Labels labels = Hdbscan.extract(condensed, max);
    int[] clusters = Hdbscan.reassignNoise(embeddings, labels.raw(), exec);
    progress.advance(1);
    progress.finish();
    long t3 = System.nanoTime();
    seconds.put("hdbscan", (t3 - t2) / 1e9);
    Integer hint = options.nClusters();
    return new ClusterResult(
        Algorithm.HDBSCAN,
        clusters,
        labels.raw(),
        mst,
        linkage,
        labels.membership(),
        knn,
        mcs,
        max,
        null,
        Double.NaN,
        hint == null ? 0 : hint,
        seconds);
  }
}
