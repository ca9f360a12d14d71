package org.dataeval4j.cluster;

import java.util.SplittableRandom;
import org.dataeval4j.data.Embeddings;
import org.dataeval4j.exec.Exec;
import org.jspecify.annotations.Nullable;

/**
 * k-means clustering as DataEval's {@code cluster(algorithm="kmeans")} runs it through
 * scikit-learn's {@code KMeans(init="k-means++", algorithm="lloyd", max_iter=300, tol=1e-4)}
 * ({@code cluster.md} §10.2): the data are mean-centred, each of {@code nInit} runs seeds with
 * greedy k-means++ ({@link KMeansInit}) and iterates Lloyd ({@link KMeansLloyd}, accelerated by
 * Elkan's or Yinyang's bounds but exact), and the run with the lowest inertia is kept.
 *
 * <p>Randomness (divergences.md, Decision 5): every draw comes from {@code new
 * SplittableRandom(options.seed())}, split once per restart, and never depends on the thread count;
 * the same input and options give identical arrays on any number of threads. The random stream is
 * not numpy's, so labels agree with DataEval's only up to the quality of the partition.
 *
 * <p>Cost: k-means++ at most {@code O(k (2 + ln k) n d)} (pruned by the triangle inequality, or
 * screened in float32 beyond 32 clusters); each Lloyd iteration {@code O(n k + k^2 d)} plus {@code
 * O(d)} per distance the bounds do not rule out and per changed label. Memory: one centred copy of
 * the data ({@code n d}), {@code (2 + ln k) n} for the seeding (and an {@code n d} float copy for
 * its screen and Lloyd's first pass), and Elkan's {@code n k} 16-bit bounds (up to 128 MiB;
 * Yinyang's {@code n k / 10} doubles beyond).
 */
public final class KMeans {
  private KMeans() {}

  /** scikit-learn's {@code tol}: relative to the mean per-feature variance. */
  private static final double TOL = 1e-4;

  /**
   * Clusters the rows of {@code x} into {@code options.nClusters()} clusters.
   *
   * @return labels (n), centres (k x d row-major, data space), inertia and iterations of the kept
   *     run
   * @throws IllegalArgumentException if {@code nClusters >= n} ("n_clusters=K should be less than
   *     dataset size (N)") or the embeddings have no feature
   */
  public static KMeansResult fit(Embeddings x, KMeansOptions options, Exec exec) {
    int n = x.size();
    int d = x.dim();
    int k = options.nClusters();
    if (k >= n) {
      throw new IllegalArgumentException(
          "n_clusters=" + k + " should be less than dataset size (" + n + ")");
    }
    checkFeatures(d);
    double[] mean = columnMeans(x, exec);
    double[] xc = centred(x, mean, exec);
    double tolAbs = meanVariance(xc, n, d, exec) * TOL;
    SplittableRandom root = new SplittableRandom(options.seed());
    FloatSamples floats = KMeansInit.screenSamples(xc, n, d, k, DistanceKernel.best());
    KMeansLloyd.Run best = singleRun(xc, n, d, k, tolAbs, root.split(), exec, floats);
    for (int r = 1; r < options.restarts(); r++) {
      KMeansLloyd.Run run = singleRun(xc, n, d, k, tolAbs, root.split(), exec, floats);
      // Strictly lower, as scikit-learn: the earliest run wins ties.
      if (run.inertia() < best.inertia()) {
        best = run;
      }
    }
    return toDataSpace(best, mean, k, d);
  }

  private static KMeansLloyd.Run singleRun(
      double[] xc,
      int n,
      int d,
      int k,
      double tolAbs,
      SplittableRandom rng,
      Exec exec,
      @Nullable FloatSamples floats) {
    double[] init = KMeansInit.plusPlus(xc, n, d, k, rng, exec, DistanceKernel.best(), floats);
    return KMeansLloyd.run(xc, n, d, init, k, tolAbs, KMeansLloyd.MAX_ITER, exec, floats);
  }

  /**
   * Lloyd iterations (as in {@link #fit}, without k-means++) from given starting centres; for tests
   * and for reuse with another initialisation. The data are mean-centred internally as in {@link
   * #fit}.
   *
   * @param initialCenters k x d row-major starting centres in data space (read only)
   * @throws IllegalArgumentException if the shapes disagree, k is not in {@code [1, n]} or a centre
   *     is not finite
   */
  public static KMeansResult lloyd(Embeddings x, double[] initialCenters, int k, Exec exec) {
    int n = x.size();
    int d = x.dim();
    if (k < 1) {
      throw new IllegalArgumentException("n_clusters must be >= 1, got " + k);
    }
    if (k > n) {
      throw new IllegalArgumentException(
          "n_clusters must be <= the number of samples (" + n + "), got " + k);
    }
    checkFeatures(d);
    if (initialCenters.length != (long) k * d) {
      throw new IllegalArgumentException(
          "initial centers must have k * d = "
              + ((long) k * d)
              + " entries, got "
              + initialCenters.length);
    }
    double[] mean = columnMeans(x, exec);
    double[] xc = centred(x, mean, exec);
    double[] init = new double[k * d];
    for (int c = 0; c < k; c++) {
      for (int j = 0; j < d; j++) {
        double v = initialCenters[c * d + j];
        if (!Double.isFinite(v)) {
          throw new IllegalArgumentException(
              "initial centers must be finite, got " + v + " at row " + c + ", column " + j);
        }
        init[c * d + j] = v - mean[j];
      }
    }
    double tolAbs = meanVariance(xc, n, d, exec) * TOL;
    FloatSamples floats = KMeansInit.screenSamples(xc, n, d, k, DistanceKernel.best());
    KMeansLloyd.Run run =
        KMeansLloyd.run(xc, n, d, init, k, tolAbs, KMeansLloyd.MAX_ITER, exec, floats);
    return toDataSpace(run, mean, k, d);
  }

  /**
   * KMeans membership strengths ({@code cluster.md} §10.4): {@code dist[i]} = the Euclidean
   * distance (double, rounded to float) from sample i to the centre of its cluster; with {@code
   * maxDist} their maximum, {@code 1f - dist[i] / maxDist} in float arithmetic, or all 1 when
   * {@code maxDist} is 0.
   *
   * @param labels (n) cluster of each sample, in {@code [0, k)}
   * @param centers k x d row-major centres in the space of {@code x} (read only)
   * @return (n) strengths in [0, 1] (new array)
   * @throws IllegalArgumentException if the shapes disagree or a label is out of range
   */
  public static float[] membership(Embeddings x, int[] labels, double[] centers) {
    int n = x.size();
    int d = x.dim();
    if (labels.length != n) {
      throw new IllegalArgumentException(
          "labels must have " + n + " entries (one per sample), got " + labels.length);
    }
    if (d == 0 || centers.length % d != 0) {
      throw new IllegalArgumentException(
          "centers must be k x d with d = " + d + ", got " + centers.length + " entries");
    }
    int k = centers.length / d;
    double[] data = x.flat();
    float[] dist = new float[n];
    float maxDist = 0f;
    for (int i = 0; i < n; i++) {
      int c = labels[i];
      if (c < 0 || c >= k) {
        throw new IllegalArgumentException(
            "labels must be in [0, " + k + "), got " + c + " at sample " + i);
      }
      dist[i] = (float) Math.sqrt(KMeansKernel.sqDist(data, i * d, centers, c * d, d));
      maxDist = Math.max(maxDist, dist[i]);
    }
    float[] out = new float[n];
    for (int i = 0; i < n; i++) {
      out[i] = maxDist > 0f ? 1.0f - dist[i] / maxDist : 1.0f;
    }
    return out;
  }

  private static void checkFeatures(int d) {
    if (d < 1) {
      throw new IllegalArgumentException("embeddings must have at least 1 feature, got " + d);
    }
  }

  private static KMeansResult toDataSpace(KMeansLloyd.Run run, double[] mean, int k, int d) {
    double[] centers = run.centers();
    for (int c = 0; c < k; c++) {
      for (int j = 0; j < d; j++) {
        centers[c * d + j] += mean[j];
      }
    }
    return new KMeansResult(run.labels(), centers, run.inertia(), run.iterations());
  }

  /** Per-feature means, summed in fixed blocks combined in block order. */
  static double[] columnMeans(Embeddings x, Exec exec) {
    int n = x.size();
    int d = x.dim();
    double[] data = x.flat();
    int bs = KMeansKernel.blockSize(n);
    int blocks = KMeansKernel.blockCount(n, bs);
    double[] partial = new double[blocks * d];
    exec.forEachBlock(
        n,
        bs,
        (from, to) -> {
          int po = (from / bs) * d;
          for (int i = from; i < to; i++) {
            for (int j = 0; j < d; j++) {
              partial[po + j] += data[i * d + j];
            }
          }
        });
    double[] mean = new double[d];
    for (int b = 0; b < blocks; b++) {
      for (int j = 0; j < d; j++) {
        mean[j] += partial[b * d + j];
      }
    }
    for (int j = 0; j < d; j++) {
      mean[j] /= n;
    }
    return mean;
  }

  private static double[] centred(Embeddings x, double[] mean, Exec exec) {
    int n = x.size();
    int d = x.dim();
    double[] data = x.flat();
    double[] out = new double[n * d];
    exec.forEachBlock(
        n,
        KMeansKernel.blockSize(n),
        (from, to) -> {
          for (int i = from; i < to; i++) {
            for (int j = 0; j < d; j++) {
              out[i * d + j] = data[i * d + j] - mean[j];
            }
          }
        });
    return out;
  }

  /** The mean over features of the population variance of each feature of centred data. */
  private static double meanVariance(double[] xc, int n, int d, Exec exec) {
    int bs = KMeansKernel.blockSize(n);
    double[] partial = new double[KMeansKernel.blockCount(n, bs)];
    exec.forEachBlock(
        n,
        bs,
        (from, to) -> {
          double acc = 0;
          for (int i = from * d; i < to * d; i++) {
            acc += xc[i] * xc[i];
          }
          partial[from / bs] = acc;
        });
    double total = 0;
    for (double p : partial) {
      total += p;
    }
    return total / n / d;
  }
}
