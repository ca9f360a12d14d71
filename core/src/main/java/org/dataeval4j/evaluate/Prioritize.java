package org.dataeval4j.evaluate;

import java.lang.System.Logger.Level;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.dataeval4j.cluster.Algorithm;
import org.dataeval4j.cluster.ClusterOptions;
import org.dataeval4j.cluster.ClusterResult;
import org.dataeval4j.cluster.Clustering;
import org.dataeval4j.cluster.KMeans;
import org.dataeval4j.cluster.KMeansOptions;
import org.dataeval4j.cluster.KMeansResult;
import org.dataeval4j.data.Embeddings;
import org.dataeval4j.exec.Exec;
import org.dataeval4j.exec.Sorts;
import org.dataeval4j.neighbors.KnnGraph;
import org.dataeval4j.neighbors.Neighbors;
import org.jspecify.annotations.Nullable;

/**
 * Prioritize: orders samples from most typical to least ({@code evaluators.md} §5; DataEval's
 * {@code Prioritize} and {@code dataeval.core._rank}).
 *
 * <p>Every method first divides the embeddings, and separately the reference, by their own largest
 * row norm (§5.2). Then:
 *
 * <ul>
 *   <li>knn: score = distance to the (k+1)-th nearest other sample (or reference row), by the exact
 *       k-NN search (no n x n matrix: memory O(n k), time O(n^2 d));
 *   <li>kmeans_distance / hdbscan_distance: score = distance to the assigned centre;
 *   <li>kmeans_complexity / hdbscan_complexity: clusters are drawn with probabilities from their
 *       spread and isolation, hardest member first, from a generator seeded by the options
 *       (divergences.md Decision 5); no scores.
 * </ul>
 *
 * The cluster methods fit on the reference when one is given and then assign every embedding to its
 * nearest reference centre (Decision 4); otherwise they use the fitted labels. Rankings are
 * ascending by score with ties by index.
 */
public final class Prioritize {
  private static final System.Logger LOG = System.getLogger(Prioritize.class.getName());
  private static final double MIN_NORM = 1e-12;

  private Prioritize() {}

  /**
   * Ranks the embeddings and wraps the ranking with the options' order and policy.
   *
   * @param reference reference embeddings, or {@code null}
   * @param classLabels one label per sample for the class-balanced policy, or {@code null}
   * @throws IllegalArgumentException for bad counts, a stratified policy with a method without
   *     scores, a class-balanced policy without labels, or labels of the wrong length
   */
  public static PrioritizeResult evaluate(
      Embeddings x,
      @Nullable Embeddings reference,
      PrioritizeOptions options,
      long @Nullable [] classLabels,
      Exec exec) {
    PrioritizeMethod m = options.method();
    if (options.policy() == PrioritizeOptions.Policy.STRATIFIED && !m.hasScores()) {
      throw new IllegalArgumentException(
          "stratified policy is not available with "
              + m.id()
              + " method ("
              + m.id()
              + " does not produce scores)");
    }
    if (options.policy() == PrioritizeOptions.Policy.CLASS_BALANCED && classLabels == null) {
      throw new IllegalArgumentException(
          "class_balanced policy requires class labels: pass classLabels");
    }
    if (classLabels != null && classLabels.length != x.size()) {
      throw new IllegalArgumentException(
          "classLabels must have one entry per sample ("
              + x.size()
              + "), got "
              + classLabels.length);
    }
    RankResult rank =
        switch (m) {
          case KNN -> rankKnn(x, options.k(), reference, exec);
          case KMEANS_DISTANCE ->
              rankKmeansDistance(x, options.c(), options.nInit(), reference, options.seed(), exec);
          case KMEANS_COMPLEXITY ->
              rankKmeansComplexity(
                  x, options.c(), options.nInit(), reference, options.seed(), exec);
          case HDBSCAN_DISTANCE ->
              rankHdbscanDistance(
                  x, options.c(), options.maxClusterSize(), reference, options.seed(), exec);
          case HDBSCAN_COMPLEXITY ->
              rankHdbscanComplexity(
                  x, options.c(), options.maxClusterSize(), reference, options.seed(), exec);
        };
    return new PrioritizeResult(
        rank, m, options.order(), options.policy(), options.numBins(), classLabels);
  }

  // ---------------------------------------------------------------------------------------------
  // knn (§5.3)

  /**
   * knn scores: the distance of each normalised embedding to its (k+1)-th nearest other embedding,
   * or with a reference to its (k+1)-th nearest normalised reference row (§5.3).
   *
   * @param k {@code null} = floor(sqrt(n)); must be below n (and below the reference size)
   */
  public static RankResult rankKnn(
      Embeddings x, @Nullable Integer k, @Nullable Embeddings reference, Exec exec) {
    return rankKnn(x, k, reference, exec, x.isFloat32Exact());
  }

  /** {@link #rankKnn} with the normalisation precision explicit ({@link #normalise}). */
  static RankResult rankKnn(
      Embeddings x,
      @Nullable Integer k,
      @Nullable Embeddings reference,
      Exec exec,
      boolean float32) {
    int n = x.size();
    checkSamples(x, reference);
    int kk = k == null ? (int) Math.floor(Math.sqrt(n)) : k;
    if (kk <= 0) {
      throw new IllegalArgumentException("k must be >= 1, got " + kk);
    }
    if (kk >= n) {
      throw new IllegalArgumentException(
          "k=" + kk + " should be less than dataset size (" + n + ")");
    }
    if (kk >= n / 10.0 && kk > Math.sqrt(n)) {
      LOG.log(
          Level.WARNING,
          "Variable k="
              + kk
              + " is large with respect to dataset size but valid; a nominal recommendation is k="
              + (int) Math.floor(Math.sqrt(n)));
    }
    Embeddings xn = normalise(x, float32);
    float[] scores = new float[n];
    if (reference == null) {
      if (kk + 1 > n - 1) {
        // Position k of a row whose only other entry is the +Infinity diagonal.
        Arrays.fill(scores, Float.POSITIVE_INFINITY);
      } else {
        // Each row's k + 2 nearest rows, itself included: dropping one distance-0 entry (itself
        // or an identical row) leaves the sorted distances to the others, so position k of those
        // is position k + 1 here. The query-blocked search keeps memory at O(n k) plus small
        // per-block candidate sets, where the self-join would hold candidates for all rows at
        // once (about 0.7 GB at 60,000 x k = 244).
        KnnGraph g = Neighbors.search(xn, xn, kk + 2, exec);
        for (int i = 0; i < n; i++) {
          scores[i] = g.distance(i, kk + 1);
        }
      }
    } else {
      if (kk >= reference.size()) {
        throw new IllegalArgumentException(
            "k must be less than the reference size " + reference.size() + ", got " + kk);
      }
      KnnGraph g = Neighbors.search(normalise(reference, float32), xn, kk + 1, exec);
      for (int i = 0; i < n; i++) {
        scores[i] = g.distance(i, kk);
      }
    }
    return new RankResult(ascending(scores), scores);
  }

  // ---------------------------------------------------------------------------------------------
  // Cluster methods (§5.4–§5.6)

  /** kmeans_distance: distance to the assigned KMeans centre (§5.5). */
  public static RankResult rankKmeansDistance(
      Embeddings x,
      @Nullable Integer c,
      @Nullable Integer nInit,
      @Nullable Embeddings reference,
      long seed,
      Exec exec) {
    Fit fit = kmeansFit(x, c, nInit, reference, seed, exec);
    return rankDistance(fit.xn, fit.centres, fit.m, fit.assign);
  }

  /** kmeans_complexity: complexity-weighted sampling over KMeans clusters (§5.6). */
  public static RankResult rankKmeansComplexity(
      Embeddings x,
      @Nullable Integer c,
      @Nullable Integer nInit,
      @Nullable Embeddings reference,
      long seed,
      Exec exec) {
    Fit fit = kmeansFit(x, c, nInit, reference, seed, exec);
    return rankComplexity(fit.xn, fit.centres, fit.m, fit.assign, seed);
  }

  /** hdbscan_distance: distance to the assigned HDBSCAN centre (§5.5). */
  public static RankResult rankHdbscanDistance(
      Embeddings x,
      @Nullable Integer c,
      @Nullable Integer maxClusterSize,
      @Nullable Embeddings reference,
      long seed,
      Exec exec) {
    Fit fit = hdbscanFit(x, c, maxClusterSize, reference, seed, exec);
    return rankDistance(fit.xn, fit.centres, fit.m, fit.assign);
  }

  /** hdbscan_complexity: complexity-weighted sampling over HDBSCAN clusters (§5.6). */
  public static RankResult rankHdbscanComplexity(
      Embeddings x,
      @Nullable Integer c,
      @Nullable Integer maxClusterSize,
      @Nullable Embeddings reference,
      long seed,
      Exec exec) {
    Fit fit = hdbscanFit(x, c, maxClusterSize, reference, seed, exec);
    return rankComplexity(fit.xn, fit.centres, fit.m, fit.assign, seed);
  }

  /** Normalised embeddings, m centres (m x d) and each embedding's assigned centre. */
  @SuppressWarnings("ArrayRecordComponent") // flat arrays, never compared
  record Fit(Embeddings xn, double[] centres, int m, int[] assign) {}

  private static Fit kmeansFit(
      Embeddings x,
      @Nullable Integer c,
      @Nullable Integer nInit,
      @Nullable Embeddings reference,
      long seed,
      Exec exec) {
    int n = x.size();
    checkSamples(x, reference);
    int cc = c == null ? (int) Math.floor(Math.sqrt(n)) : c;
    if (cc <= 0) {
      throw new IllegalArgumentException("c must be >= 1, got " + cc);
    }
    if (cc >= n) {
      throw new IllegalArgumentException(
          "c=" + cc + " should be less than dataset size (" + n + ")");
    }
    Embeddings xn = normalise(x);
    Embeddings fitSet = reference == null ? xn : normalise(reference);
    if (fitSet.size() < cc) {
      throw new IllegalArgumentException(
          "n_samples=" + fitSet.size() + " should be >= n_clusters=" + cc + ".");
    }
    KMeansResult km = KMeans.fit(fitSet, new KMeansOptions(cc, nInit, seed), exec);
    int m = km.centers().length / xn.dim();
    return fitFromLabels(xn, km.centers(), m, reference == null ? km.labels() : null);
  }

  private static Fit hdbscanFit(
      Embeddings x,
      @Nullable Integer c,
      @Nullable Integer maxClusterSize,
      @Nullable Embeddings reference,
      long seed,
      Exec exec) {
    int n = x.size();
    checkSamples(x, reference);
    if (c != null && c <= 0) {
      throw new IllegalArgumentException("c must be >= 1, got " + c);
    }
    if (c != null && c >= n) {
      throw new IllegalArgumentException(
          "n_expected_clusters=" + c + " should be less than dataset size (" + n + ")");
    }
    Embeddings xn = normalise(x);
    Embeddings fitSet = reference == null ? xn : normalise(reference);
    ClusterResult r =
        Clustering.cluster(
            fitSet, new ClusterOptions(Algorithm.HDBSCAN, c, maxClusterSize, null, seed), exec);
    return hdbscanFit(xn, reference == null ? null : fitSet, r.rawLabels());
  }

  /**
   * The HDBSCAN fit of §5.4 from raw labels of the fit set: centres = member means per label {@code
   * >= 0} (ascending labels); if any label is -1, every fit sample is relabelled to its nearest
   * centre (DataEval's behaviour, kept here). If every sample is noise, the whole fit set forms one
   * cluster (DataEval fails there).
   *
   * @param fitSet the normalised reference, or {@code null} when the fit set is {@code xn} itself
   */
  static Fit hdbscanFit(Embeddings xn, @Nullable Embeddings fitSet, int[] rawLabels) {
    Embeddings fx = fitSet == null ? xn : fitSet;
    int max = -1;
    boolean noise = false;
    for (int c : rawLabels) {
      max = Math.max(max, c);
      noise |= c < 0;
    }
    int[] labels;
    double[] centres;
    int m;
    if (max < 0) {
      labels = new int[fx.size()];
      centres = ClusterStats.centres(fx, labels, new int[] {0}, 1);
      m = 1;
    } else {
      int[] ids = ClusterStats.distinctNonNegative(rawLabels, max);
      m = ids.length;
      int[] position = new int[max + 1];
      Arrays.fill(position, -1);
      for (int j = 0; j < m; j++) {
        position[ids[j]] = j;
      }
      centres = ClusterStats.centres(fx, rawLabels, position, m);
      labels = new int[fx.size()];
      for (int i = 0; i < labels.length; i++) {
        labels[i] = noise ? ClusterStats.nearestCentre(fx, i, centres, m) : position[rawLabels[i]];
      }
    }
    return fitFromLabels(xn, centres, m, fitSet == null ? labels : null);
  }

  /**
   * The assignment of §5.4 with Decision 4: the fit labels without a reference ({@code fitLabels}
   * non-null), else every embedding's nearest centre (ties to the lowest).
   */
  static Fit fitFromLabels(Embeddings xn, double[] centres, int m, int @Nullable [] fitLabels) {
    int[] assign;
    if (fitLabels != null) {
      assign = fitLabels;
    } else {
      assign = new int[xn.size()];
      for (int i = 0; i < assign.length; i++) {
        assign[i] = ClusterStats.nearestCentre(xn, i, centres, m);
      }
    }
    return new Fit(xn, centres, m, assign);
  }

  /** §5.5: {@code score_i = (float) ||e_i - centre[assign(i)]||}, ranking ascending by score. */
  static RankResult rankDistance(Embeddings xn, double[] centres, int m, int[] assign) {
    int n = xn.size();
    float[] scores = new float[n];
    for (int i = 0; i < n; i++) {
      scores[i] = (float) ClusterStats.distanceToCentre(xn, i, centres, assign[i]);
    }
    return new RankResult(ascending(scores), scores);
  }

  /**
   * §5.6: complexity-weighted sampling. Weights {@code p_j} = softmax of {@code dIntra_j * dInter_j
   * / 0.1}; each draw takes the hardest remaining member of the drawn cluster; the result is the
   * reverse of the draw order, so each cluster's members appear by ascending distance. The draws
   * come from {@code new SplittableRandom(seed)}.
   */
  static RankResult rankComplexity(
      Embeddings xn, double[] centres, int m, int[] assign, long seed) {
    double[] p = complexityWeights(xn, centres, m, assign);
    int n = xn.size();
    double[] dist = new double[n];
    for (int i = 0; i < n; i++) {
      dist[i] = ClusterStats.distanceToCentre(xn, i, centres, assign[i]);
    }
    // Queues: members of each cluster by (distance, index) ascending, consumed from the end.
    int[] start = new int[m + 1];
    for (int a : assign) {
      start[a + 1]++;
    }
    for (int j = 0; j < m; j++) {
      start[j + 1] += start[j];
    }
    int[] queue = new int[n];
    double[] keys = new double[n];
    int[] fill = Arrays.copyOf(start, m);
    for (int i = 0; i < n; i++) {
      int at = fill[assign[i]]++;
      queue[at] = i;
      keys[at] = dist[i];
    }
    int[] tail = new int[m];
    for (int j = 0; j < m; j++) {
      int len = start[j + 1] - start[j];
      double[] k = Arrays.copyOfRange(keys, start[j], start[j + 1]);
      int[] ids = Arrays.copyOfRange(queue, start[j], start[j + 1]);
      Sorts.byKeyThenId(k, ids, len);
      System.arraycopy(ids, 0, queue, start[j], len);
      tail[j] = start[j + 1];
      if (len == 0) {
        p[j] = 0;
      }
    }
    renormalise(p, tail, start);
    SplittableRandom rnd = new SplittableRandom(seed);
    int[] picked = new int[n];
    double[] cdf = new double[m];
    for (int t = 0; t < n; t++) {
      double acc = 0;
      for (int j = 0; j < m; j++) {
        acc += p[j];
        cdf[j] = acc;
      }
      double u = rnd.nextDouble();
      int j = 0;
      while (j < m - 1 && cdf[j] / acc <= u) {
        j++;
      }
      while (tail[j] == start[j]) {
        j++; // unreachable with p_j = 0 for empty queues; guards against rounding
      }
      picked[t] = queue[--tail[j]];
      if (tail[j] == start[j]) {
        p[j] = 0;
        renormalise(p, tail, start);
      }
    }
    int[] indices = new int[n];
    for (int t = 0; t < n; t++) {
      indices[t] = picked[n - 1 - t];
    }
    return new RankResult(indices, null);
  }

  /** Divides by the sum; if every non-empty queue has weight 0 (underflow), weights them evenly. */
  private static void renormalise(double[] p, int[] tail, int[] start) {
    double sum = 0;
    for (double v : p) {
      sum += v;
    }
    if (sum > 0) {
      for (int j = 0; j < p.length; j++) {
        p[j] /= sum;
      }
      return;
    }
    for (int j = 0; j < p.length; j++) {
      p[j] = tail[j] > start[j] ? 1 : 0;
    }
  }

  /** The probabilities {@code p_j} of §5.6 steps 1–3 (before emptying queues). */
  static double[] complexityWeights(Embeddings xn, double[] centres, int m, int[] assign) {
    int d = xn.dim();
    Embeddings cx = Embeddings.wrap(centres, m, d);
    int kn = Math.max(Math.min(m / 5, 20), 1);
    double[] sum = new double[m];
    int[] count = new int[m];
    for (int i = 0; i < xn.size(); i++) {
      sum[assign[i]] += ClusterStats.distanceToCentre(xn, i, centres, assign[i]);
      count[assign[i]]++;
    }
    double[] c = new double[m];
    double[] row = new double[m];
    for (int j = 0; j < m; j++) {
      for (int l = 0; l < m; l++) {
        row[l] = Neighbors.distance(cx, j, cx, l);
      }
      double[] sorted = row.clone();
      Arrays.sort(sorted);
      double intra;
      if (count[j] > 0) {
        intra = sum[j] / count[j];
      } else {
        intra = m == 1 ? 0 : sorted[1];
      }
      double inter = 0;
      if (m > 1) {
        for (int t = 1; t <= kn; t++) {
          inter += sorted[t];
        }
        inter /= kn;
      }
      c[j] = intra * inter;
    }
    double[] p = new double[m];
    double total = 0;
    for (int j = 0; j < m; j++) {
      p[j] = Math.exp(c[j] / 0.1);
      total += p[j];
    }
    if (!Double.isFinite(total)) {
      // exp overflowed: the same softmax, shifted by the largest exponent.
      double max = Double.NEGATIVE_INFINITY;
      for (double v : c) {
        max = Math.max(max, v / 0.1);
      }
      total = 0;
      for (int j = 0; j < m; j++) {
        p[j] = Math.exp(c[j] / 0.1 - max);
        total += p[j];
      }
    }
    for (int j = 0; j < m; j++) {
      p[j] /= total;
    }
    return p;
  }

  // ---------------------------------------------------------------------------------------------
  // Policies (§5.7)

  /**
   * The stratified policy with bins on the scores in priority order (divergences.md Decision 4):
   * {@code bin[t]} = number of the {@code numBins + 1} edges over {@code [min - eps, max + eps]}
   * that are {@code <= scores[rank[t]]}; the result draws round robin over the bins, priority kept
   * within each bin.
   *
   * @throws IllegalArgumentException if the ranking has no scores or numBins < 1
   */
  public static int[] stratified(RankResult rank, int numBins) {
    float[] scores = rank.scores();
    if (scores == null) {
      throw new IllegalArgumentException(
          "Cannot apply stratified policy: ranking scores are not available");
    }
    if (numBins < 1) {
      throw new IllegalArgumentException("numBins must be >= 1, got " + numBins);
    }
    int[] idx = rank.indices();
    int n = idx.length;
    if (n == 0) {
      return new int[0];
    }
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (float s : scores) {
      min = Math.min(min, s);
      max = Math.max(max, s);
    }
    double eps = (max - min) * 1e-6;
    double lo = min - eps;
    double hi = max + eps;
    double[] edges = new double[numBins + 1];
    double width = (hi - lo) / numBins;
    for (int i = 0; i < numBins; i++) {
      edges[i] = lo + i * width;
    }
    edges[numBins] = hi;
    long[] bin = new long[n];
    for (int t = 0; t < n; t++) {
      double s = scores[idx[t]];
      int b = 0;
      while (b <= numBins && edges[b] <= s) {
        b++;
      }
      bin[t] = b;
    }
    return select(idx, roundRobin(bin));
  }

  /**
   * The class-balanced policy: round robin over the classes of the ranked samples (in order of
   * first appearance), priority kept within each class.
   *
   * @param classLabels one label per sample, in sample order
   * @throws IllegalArgumentException if the lengths differ
   */
  public static int[] classBalanced(RankResult rank, long[] classLabels) {
    int[] idx = rank.indices();
    if (classLabels.length != idx.length) {
      throw new IllegalArgumentException(
          "classLabels must have one entry per sample ("
              + idx.length
              + "), got "
              + classLabels.length);
    }
    long[] g = new long[idx.length];
    for (int t = 0; t < idx.length; t++) {
      g[t] = classLabels[idx[t]];
    }
    return select(idx, roundRobin(g));
  }

  private static int[] select(int[] idx, int[] sel) {
    int[] out = new int[sel.length];
    for (int t = 0; t < sel.length; t++) {
      out[t] = idx[sel[t]];
    }
    return out;
  }

  /**
   * {@code roundRobin(g)} of §5.7: groups = distinct values in order of first appearance; cycle
   * through them, taking each group's lowest unselected position, until all are taken. O(n log n).
   */
  static int[] roundRobin(long[] g) {
    int n = g.length;
    long[] distinct = Arrays.stream(g).distinct().sorted().toArray();
    int groups = distinct.length;
    // Group number by first appearance.
    int[] byValue = new int[groups];
    Arrays.fill(byValue, -1);
    int[] groupOf = new int[n];
    int next = 0;
    for (int t = 0; t < n; t++) {
      int v = Arrays.binarySearch(distinct, g[t]);
      if (byValue[v] < 0) {
        byValue[v] = next++;
      }
      groupOf[t] = byValue[v];
    }
    int[] start = new int[groups + 1];
    for (int t = 0; t < n; t++) {
      start[groupOf[t] + 1]++;
    }
    for (int q = 0; q < groups; q++) {
      start[q + 1] += start[q];
    }
    int[] members = new int[n];
    int[] head = Arrays.copyOf(start, groups);
    for (int t = 0; t < n; t++) {
      members[head[groupOf[t]]++] = t;
    }
    System.arraycopy(start, 0, head, 0, groups);
    int[] active = new int[groups];
    for (int q = 0; q < groups; q++) {
      active[q] = q;
    }
    int activeCount = groups;
    int[] out = new int[n];
    int o = 0;
    while (activeCount > 0) {
      int keep = 0;
      for (int a = 0; a < activeCount; a++) {
        int q = active[a];
        out[o++] = members[head[q]++];
        if (head[q] < start[q + 1]) {
          active[keep++] = q;
        }
      }
      activeCount = keep;
    }
    return out;
  }

  // ---------------------------------------------------------------------------------------------
  // Helpers

  private static void checkSamples(Embeddings x, @Nullable Embeddings reference) {
    if (x.size() < 1) {
      throw new IllegalArgumentException("embeddings must have at least 1 sample, got 0");
    }
    if (reference != null) {
      if (reference.dim() != x.dim()) {
        throw new IllegalArgumentException(
            "reference must have the dimension of the embeddings, d = "
                + x.dim()
                + ", got "
                + reference.dim());
      }
      if (reference.size() < 1) {
        throw new IllegalArgumentException("reference must have at least 1 sample, got 0");
      }
    }
  }

  /**
   * Rows divided by {@code max(max_i ||row_i||, 1e-12)} (§5.2). Float32 input is normalised in
   * float32 exactly as numpy does on DataEval's float32 arrays (row norms from pairwise float sums
   * of float squares, float division), which makes the normalised values, the centres and the
   * distances agree with DataEval bit for bit on the reference data; other input in double.
   */
  static Embeddings normalise(Embeddings x) {
    return normalise(x, x.isFloat32Exact());
  }

  static Embeddings normalise(Embeddings x, boolean float32) {
    int n = x.size();
    int d = x.dim();
    double[] v = x.flat();
    double[] out = new double[v.length];
    if (float32) {
      float[] sq = new float[d];
      float maxNorm = 0f;
      for (int i = 0; i < n; i++) {
        for (int t = 0; t < d; t++) {
          float f = (float) v[i * d + t];
          sq[t] = f * f;
        }
        maxNorm = Math.max(maxNorm, (float) Math.sqrt(Float32Stats.pairwiseSum(sq, 0, d)));
      }
      float scale = maxNorm > MIN_NORM ? maxNorm : (float) MIN_NORM;
      for (int i = 0; i < v.length; i++) {
        out[i] = (float) v[i] / scale;
      }
      return Embeddings.wrap(out, n, d);
    }
    double maxNorm = 0;
    for (int i = 0; i < n; i++) {
      double s = 0;
      for (int t = 0; t < d; t++) {
        s += v[i * d + t] * v[i * d + t];
      }
      maxNorm = Math.max(maxNorm, Math.sqrt(s));
    }
    double scale = Math.max(maxNorm, MIN_NORM);
    for (int i = 0; i < v.length; i++) {
      out[i] = v[i] / scale;
    }
    return Embeddings.wrap(out, n, d);
  }

  /** Sample indices by score ascending, ties by index (NaN last). */
  static int[] ascending(float[] scores) {
    int n = scores.length;
    double[] keys = new double[n];
    int[] ids = new int[n];
    for (int i = 0; i < n; i++) {
      keys[i] = Float.isNaN(scores[i]) ? Double.MAX_VALUE : scores[i];
      ids[i] = i;
    }
    Sorts.byKeyThenId(keys, ids, n);
    return ids;
  }
}
