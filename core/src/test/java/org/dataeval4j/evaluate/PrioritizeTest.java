package org.dataeval4j.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.dataeval4j.data.Embeddings;
import org.dataeval4j.exec.Exec;
import org.dataeval4j.neighbors.Neighbors;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

class PrioritizeTest {
  static final List<String> DATASETS = Ref.DATASETS;

  private static final Embeddings C80 = Embeddings.ofColumn(0, 1, 3, 6, 10, 15);

  // ------------------------------------------------------------------ knn (C-80, C-84)

  /** C-80's input is float64 in DataEval (Python ints): normalised in double as numpy does. */
  private static RankResult knn64(Embeddings x, @Nullable Integer k, @Nullable Embeddings ref) {
    return Prioritize.rankKnn(x, k, ref, Exec.serial(), false);
  }

  @Test
  void c80KnnScores() {
    RankResult k1 = knn64(C80, 1, null);
    assertThat(k1.scores())
        .containsExactly(0.2f, 0.13333334f, 0.2f, 0.26666668f, 0.33333334f, 0.6f);
    assertThat(k1.indices()).containsExactly(1, 0, 2, 3, 4, 5);
    for (Integer k : Arrays.asList(2, null)) {
      RankResult k2 = knn64(C80, k, null);
      assertThat(k2.scores())
          .containsExactly(0.4f, 0.33333334f, 0.2f, 0.33333334f, 0.46666667f, 0.8f);
      assertThat(k2.indices()).containsExactly(2, 1, 3, 0, 4, 5);
    }
    RankResult ref = knn64(C80, 1, Embeddings.ofColumn(0, 5, 20));
    assertThat(ref.scores()).containsExactly(0.25f, 0.18333334f, 0.2f, 0.4f, 0.41666666f, 0.75f);
    assertThat(ref.indices()).containsExactly(1, 2, 0, 3, 4, 5);
  }

  @Test
  void knnScoreIsTheKPlusFirstNearestOtherEvenWithDuplicates() {
    SplittableRandom rnd = new SplittableRandom(11);
    int n = 120;
    int d = 3;
    double[] v = new double[n * d];
    for (int i = 0; i < v.length; i++) {
      v[i] = Math.rint(rnd.nextGaussian() * 2); // small integers: many ties and duplicates
    }
    Embeddings x = Embeddings.wrap(v, n, d);
    Embeddings xn = Prioritize.normalise(x);
    for (int k : new int[] {1, 2, 5, 30, n - 2}) {
      RankResult r = Prioritize.rankKnn(x, k, null, Exec.serial());
      for (int i = 0; i < n; i++) {
        double[] others = new double[n - 1];
        for (int j = 0, o = 0; j < n; j++) {
          if (j != i) {
            others[o++] = Neighbors.distance(xn, i, xn, j);
          }
        }
        Arrays.sort(others);
        assertThat(scores(r)[i]).as("k=%d i=%d", k, i).isEqualTo((float) others[k]);
      }
    }
  }

  @Test
  void c80KnnValidation() {
    Embeddings ten = Embeddings.ofColumn(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
    assertThatThrownBy(() -> Prioritize.rankKnn(ten, 10, null, Exec.serial()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("k=10 should be less than dataset size (10)");
    assertThatThrownBy(() -> Prioritize.rankKnn(ten, 0, null, Exec.serial()))
        .hasMessageContaining("k must be >= 1, got 0");
    assertThatThrownBy(() -> PrioritizeOptions.of(PrioritizeMethod.KNN).withK(-1))
        .hasMessageContaining("k must be >= 1, got -1");
    // k = n - 1: position k of a row is the +Infinity diagonal.
    assertThat(Prioritize.rankKnn(ten, 9, null, Exec.serial()).scores())
        .containsOnly(Float.POSITIVE_INFINITY);
    assertThatThrownBy(
            () -> Prioritize.rankKnn(ten, 3, Embeddings.ofColumn(1, 2, 3), Exec.serial()))
        .hasMessageContaining("k must be less than the reference size 3, got 3");
  }

  @Test
  void c84KnnOnFunctional100() {
    Map<String, Object> e = Ref.expected("rank_knn_functional100_kdefault");
    RankResult r = Prioritize.rankKnn(Ref.expectedData("functional100"), null, null, Exec.serial());
    double[] want = TestJson.doubles(TestJson.get(e, "scores"));
    for (int i = 0; i < want.length; i++) {
      assertThat(scores(r)[i]).isCloseTo((float) want[i], within(1e-6f * (float) want[i]));
    }
    assertSameOrderUpToTies(r.indices(), TestJson.ints(TestJson.get(e, "indices")), scores(r));
  }

  /** Same order, except between samples whose scores are equal within float32 rounding. */
  static void assertSameOrderUpToTies(int[] ours, int[] theirs, float[] scores) {
    assertThat(ours).hasSameSizeAs(theirs);
    assertThat(sorted(ours)).isEqualTo(sorted(theirs));
    for (int t = 0; t < ours.length; t++) {
      float a = scores[ours[t]];
      float b = scores[theirs[t]];
      assertThat(a).as("position %d", t).isCloseTo(b, within(2e-6f * Math.max(Math.abs(a), 1e-3f)));
    }
  }

  static float[] scores(RankResult r) {
    return java.util.Objects.requireNonNull(r.scores());
  }

  static int[] sorted(int[] a) {
    int[] c = a.clone();
    Arrays.sort(c);
    return c;
  }

  @ParameterizedTest
  @FieldSource("DATASETS")
  void knnMatchesDataEval(String name) {
    Ref ref = Ref.of(name);
    RankResult r = Prioritize.rankKnn(ref.x, null, null, Exec.serial());
    float[] want = TestNpy.read(ref.file("prioritize/knn_scores.npy")).floats();
    for (int i = 0; i < want.length; i++) {
      assertThat(scores(r)[i]).as("score %d", i).isCloseTo(want[i], within(1e-6f * want[i]));
    }
    int[] idx = TestNpy.read(ref.file("prioritize/knn_indices.npy")).ints();
    assertSameOrderUpToTies(r.indices(), idx, want);
  }

  // ------------------------------------------------------------------ hdbscan_distance (C-83)

  @ParameterizedTest
  @FieldSource("DATASETS")
  void hdbscanDistanceOnDataEvalsClusteringMatchesDataEval(String name) {
    Ref ref = Ref.of(name);
    // DataEval clusters the normalised embeddings; a global scale does not change HDBSCAN's
    // partition, so DataEval's clustering of the raw embeddings stands in for it.
    Embeddings xn = Prioritize.normalise(ref.x);
    Prioritize.Fit fit = Prioritize.hdbscanFit(xn, null, ref.clusters);
    RankResult r = Prioritize.rankDistance(fit.xn(), fit.centres(), fit.m(), fit.assign());
    float[] want = TestNpy.read(ref.file("prioritize/hdbscan_distance_scores.npy")).floats();
    if (name.equals("digits64")) {
      // Digits (integer pixels, many tied distances): DataEval's HDBSCAN of the normalised
      // digits evidently differs slightly from its clustering of the raw digits (no centre of
      // clusters.npy reproduces its scores, checked with numpy); only closeness is checked.
      for (int i = 0; i < want.length; i++) {
        assertThat(scores(r)[i]).isCloseTo(want[i], within(2e-3f * want[i]));
      }
      return;
    }
    // Float32 normalisation and centres as numpy: bit-identical scores.
    assertThat(scores(r)).as(name).containsExactly(want);
    int[] idx = TestNpy.read(ref.file("prioritize/hdbscan_distance_indices.npy")).ints();
    assertSameOrderUpToTies(r.indices(), idx, want);
  }

  @Test
  void c83HdbscanDistanceOnFunctional100() {
    Map<String, Object> e = Ref.expected("rank_hdbscan_distance_functional100");
    Embeddings x = Ref.expectedData("functional100");
    int[] raw = TestJson.ints(TestJson.get(Ref.expected("functional100"), "dataeval_labels"));
    Prioritize.Fit fit = Prioritize.hdbscanFit(Prioritize.normalise(x), null, raw);
    RankResult r = Prioritize.rankDistance(fit.xn(), fit.centres(), fit.m(), fit.assign());
    double[] want = TestJson.doubles(TestJson.get(e, "scores"));
    for (int i = 0; i < want.length; i++) {
      assertThat(scores(r)[i]).isCloseTo((float) want[i], within(1e-6f * (float) want[i]));
    }
    assertSameOrderUpToTies(r.indices(), TestJson.ints(TestJson.get(e, "indices")), scores(r));
    assertThat(Arrays.copyOf(r.indices(), 10))
        .containsExactly(22, 55, 44, 87, 78, 39, 91, 67, 90, 95);
  }

  // ------------------------------------------------------------------ kmeans_distance (property)

  @Test
  void clusterDistanceScoresAreDistancesToTheAssignedCentre() {
    SplittableRandom rnd = new SplittableRandom(3);
    int n = 300;
    int d = 5;
    double[] v = new double[n * d];
    for (int i = 0; i < v.length; i++) {
      v[i] = rnd.nextGaussian();
    }
    Embeddings xn = Prioritize.normalise(Embeddings.wrap(v, n, d));
    double[] centres = new double[4 * d];
    for (int i = 0; i < centres.length; i++) {
      centres[i] = rnd.nextGaussian() * 0.2;
    }
    Prioritize.Fit fit = Prioritize.fitFromLabels(xn, centres, 4, null);
    RankResult r = Prioritize.rankDistance(xn, centres, 4, fit.assign());
    Embeddings c = Embeddings.wrap(centres, 4, d);
    for (int i = 0; i < n; i++) {
      double best = Double.POSITIVE_INFINITY;
      for (int j = 0; j < 4; j++) {
        best = Math.min(best, Neighbors.distance(xn, i, c, j));
      }
      assertThat(scores(r)[i]).isEqualTo((float) best);
    }
    for (int t = 1; t < n; t++) {
      float a = scores(r)[r.indices()[t - 1]];
      float b = scores(r)[r.indices()[t]];
      assertThat(a < b || (a == b && r.indices()[t - 1] < r.indices()[t])).isTrue();
    }
  }

  // ------------------------------------------------------------------ complexity (C-85, C-86)

  @Test
  void c85ComplexityWeights() {
    Embeddings x =
        Embeddings.of(new double[][] {{0, 0.1}, {0, -0.3}, {1, 0.2}, {1.5, 0}, {5, 1}, {4, 0}});
    double[] centres = {0, 0, 1, 0, 5, 0};
    int[] labels = {0, 0, 1, 1, 2, 2};
    double[] p = Prioritize.complexityWeights(x, centres, 3, labels);
    assertThat(p[0]).isCloseTo(3.1391327920480296e-17, within(1e-30));
    assertThat(p[1]).isCloseTo(1.406861712446146e-16, within(1e-29));
    assertThat(p[2]).isCloseTo(0.9999999999999999, within(1e-15));
    for (long seed = 0; seed < 20; seed++) {
      RankResult r = Prioritize.rankComplexity(x, centres, 3, labels, seed);
      assertThat(r.scores()).isNull();
      // Cluster 2 is drawn first (ends last); each cluster's members ascend in distance.
      assertThat(Arrays.copyOfRange(r.indices(), 4, 6)).containsExactly(4, 5);
      assertAscendingWithinClusters(x, centres, labels, r.indices());
    }
  }

  @Test
  void c86CoincidentEmbeddingsGiveUniformWeights() {
    double[] centres = new double[20];
    for (int i = 0; i < 10; i++) {
      centres[2 * i] = i;
      centres[2 * i + 1] = i;
    }
    Embeddings x = Embeddings.wrap(centres.clone(), 10, 2);
    int[] labels = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
    double[] p = Prioritize.complexityWeights(x, centres, 10, labels);
    for (double v : p) {
      assertThat(v).isCloseTo(0.1, within(1e-15));
    }
  }

  static void assertAscendingWithinClusters(
      Embeddings x, double[] centres, int[] assign, int[] order) {
    assertThat(sorted(order)).isEqualTo(DuplicatesTest.range(0, x.size()));
    Map<Integer, Double> last = new java.util.HashMap<>();
    for (int i : order) {
      double dd = ClusterStats.distanceToCentre(x, i, centres, assign[i]);
      Double prev = last.put(assign[i], dd);
      if (prev != null) {
        assertThat(dd).isGreaterThanOrEqualTo(prev);
      }
    }
  }

  @ParameterizedTest
  @FieldSource("DATASETS")
  void hdbscanComplexityPropertiesOnDataEvalsClustering(String name) {
    Ref ref = Ref.of(name);
    Prioritize.Fit fit = Prioritize.hdbscanFit(Prioritize.normalise(ref.x), null, ref.clusters);
    RankResult a = Prioritize.rankComplexity(fit.xn(), fit.centres(), fit.m(), fit.assign(), 0);
    RankResult b = Prioritize.rankComplexity(fit.xn(), fit.centres(), fit.m(), fit.assign(), 0);
    assertThat(a.indices()).containsExactly(b.indices());
    assertAscendingWithinClusters(fit.xn(), fit.centres(), fit.assign(), a.indices());
    if (fit.m() > 1) {
      RankResult c = Prioritize.rankComplexity(fit.xn(), fit.centres(), fit.m(), fit.assign(), 1);
      assertThat(c.indices()).isNotEqualTo(a.indices());
    }
  }

  // ------------------------------------------------------------------ policies (C-81, C-82)

  @Test
  void c81RoundRobin() {
    assertThat(Prioritize.roundRobin(new long[] {2, 2, 0, 1, 0, 2, 1, 1}))
        .containsExactly(0, 2, 3, 1, 4, 6, 5, 7);
  }

  private static final RankResult C82 =
      new RankResult(
          new int[] {3, 0, 4, 1, 5, 2}, new float[] {0.2f, 0.5f, 0.9f, 0.1f, 0.3f, 0.95f});

  @Test
  void c82PoliciesAndOrders() {
    assertThat(Prioritize.stratified(C82, 2)).containsExactly(3, 5, 0, 2, 4, 1);
    assertThat(Prioritize.stratified(C82, 3)).containsExactly(3, 1, 5, 0, 2, 4);
    assertThat(Prioritize.classBalanced(C82, new long[] {0, 0, 1, 1, 1, 0}))
        .containsExactly(3, 0, 4, 1, 2, 5);
    // DataEval's binning (bug D-13) gives other orders; Decision 4 fixes it.
    assertThat(dataEvalStratified(C82, 2)).containsExactly(3, 4, 0, 2, 1, 5);
    assertThat(dataEvalStratified(C82, 3)).containsExactly(3, 0, 4, 1, 2, 5);
    PrioritizeResult r =
        new PrioritizeResult(
            new RankResult(new int[] {3, 1, 4, 1, 5, 9, 2, 6}, null),
            PrioritizeMethod.KMEANS_COMPLEXITY,
            PrioritizeOptions.Order.EASY_FIRST,
            PrioritizeOptions.Policy.DIFFICULTY,
            50,
            null);
    assertThat(r.hardFirst().indices()).containsExactly(6, 2, 9, 5, 1, 4, 1, 3);
    PrioritizeResult hard = r.hardFirst();
    assertThat(hard.hardFirst()).isSameAs(hard);
    assertThat(r.easyFirst()).isSameAs(r);
    assertThat(r.scores()).isNull();
    assertThatThrownBy(() -> r.stratified(10))
        .hasMessage("Cannot apply stratified policy: ranking scores are not available");
    assertThatThrownBy(r::classBalanced)
        .hasMessage("class_labels must be provided either in method or as class attribute");
  }

  /** DataEval's {@code _stratified_rerank} as its code reads (bins on scores in sample order). */
  static int[] dataEvalStratified(RankResult rank, int numBins) {
    float[] s = scores(rank);
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (float v : s) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    double eps = (max - min) * 1e-6;
    double lo = min - eps;
    double hi = max + eps;
    double[] edges = new double[numBins + 1];
    for (int i = 0; i < numBins; i++) {
      edges[i] = lo + i * ((hi - lo) / numBins);
    }
    edges[numBins] = hi;
    long[] bin = new long[s.length];
    for (int t = 0; t < s.length; t++) {
      for (double e : edges) {
        if (e <= s[t]) {
          bin[t]++;
        }
      }
    }
    int[] sel = Prioritize.roundRobin(bin);
    int[] out = new int[sel.length];
    for (int t = 0; t < sel.length; t++) {
      out[t] = rank.indices()[sel[t]];
    }
    return out;
  }

  static final List<String> SCORED = List.of("knn", "kmeans_distance", "hdbscan_distance");

  @ParameterizedTest
  @FieldSource("DATASETS")
  void policiesOnDataEvalsRankingsMatchDataEval(String name) {
    Ref ref = Ref.of(name);
    for (String m :
        List.of(
            "knn",
            "kmeans_distance",
            "kmeans_complexity",
            "hdbscan_distance",
            "hdbscan_complexity")) {
      int[] idx = TestNpy.read(ref.file("prioritize/" + m + "_indices.npy")).ints();
      float[] scores =
          SCORED.contains(m)
              ? TestNpy.read(ref.file("prioritize/" + m + "_scores.npy")).floats()
              : null;
      RankResult rank = new RankResult(idx, scores);
      int[] balanced = TestNpy.read(ref.file("prioritize/" + m + "_class_balanced.npy")).ints();
      assertThat(Prioritize.classBalanced(rank, ref.labels)).as(m).containsExactly(balanced);
      if (scores != null) {
        int[] stratified = TestNpy.read(ref.file("prioritize/" + m + "_stratified.npy")).ints();
        // DataEval's stratified files follow its binning bug (D-13): reproduced by the bug...
        assertThat(dataEvalStratified(rank, 50)).as(m).containsExactly(stratified);
        // ...while ours draws round robin over bins of the scores in priority order.
        int[] ours = Prioritize.stratified(rank, 50);
        assertThat(sorted(ours)).isEqualTo(sorted(idx));
        assertRoundRobinOverBins(rank, ours, 50);
      }
    }
  }

  /** The first appearance of every bin comes before the second of any, etc. */
  static void assertRoundRobinOverBins(RankResult rank, int[] out, int numBins) {
    float[] s = scores(rank);
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (float v : s) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    double width = (max - min) * (1 + 2e-6) / numBins;
    Map<Long, Integer> seen = new java.util.HashMap<>();
    int round = 1;
    int lastRound = 1;
    for (int i : out) {
      long bin = (long) Math.floor((s[i] - (min - (max - min) * 1e-6)) / width);
      int r = seen.merge(bin, 1, Integer::sum);
      assertThat(r).isGreaterThanOrEqualTo(lastRound);
      lastRound = r;
      round = Math.max(round, r);
    }
    assertThat(round).isPositive();
  }

  // ------------------------------------------------------------------ reference set (Decision 4)

  @Test
  void referenceOfTheSameSizeAssignsByNearestCentreNotByPosition() {
    Ref ref = Ref.of("blobs_n1k_d2");
    int n = ref.x.size();
    int[] reversed = new int[n];
    for (int i = 0; i < n; i++) {
      reversed[i] = n - 1 - i;
    }
    Embeddings reference = ref.x.select(reversed);
    int[] refLabels = new int[n];
    for (int i = 0; i < n; i++) {
      refLabels[i] = ref.clusters[reversed[i]];
    }
    Embeddings xn = Prioritize.normalise(ref.x);
    Prioritize.Fit fit = Prioritize.hdbscanFit(xn, Prioritize.normalise(reference), refLabels);
    Prioritize.Fit own = Prioritize.hdbscanFit(xn, null, ref.clusters);
    // Same data reversed: the same centres; every sample gets its nearest centre.
    assertThat(fit.m()).isEqualTo(own.m());
    for (int i = 0; i < n; i++) {
      assertThat(fit.assign()[i])
          .isEqualTo(ClusterStats.nearestCentre(xn, i, fit.centres(), fit.m()));
    }
    // DataEval would have reused refLabels by position (D-12): a different, wrong assignment.
    int[] positional =
        Prioritize.hdbscanFit(Prioritize.normalise(reference), null, refLabels).assign();
    assertThat(positional).isNotEqualTo(fit.assign());
  }

  // ------------------------------------------------------------------ evaluate, validation

  @Test
  void evaluateWrapsRankingWithOrderAndPolicy() {
    Ref ref = Ref.of("moons_n1k");
    PrioritizeOptions o =
        PrioritizeOptions.of(PrioritizeMethod.KNN)
            .withOrder(PrioritizeOptions.Order.HARD_FIRST)
            .withPolicy(PrioritizeOptions.Policy.CLASS_BALANCED);
    PrioritizeResult r = Prioritize.evaluate(ref.x, null, o, ref.labels, Exec.serial());
    RankResult rank = Prioritize.rankKnn(ref.x, null, null, Exec.serial());
    int[] want = Prioritize.classBalanced(rank, ref.labels);
    int[] got = r.indices();
    for (int t = 0; t < want.length; t++) {
      assertThat(got[t]).isEqualTo(want[want.length - 1 - t]);
    }
    float[] s = java.util.Objects.requireNonNull(r.scores());
    assertThat(s[0]).isEqualTo(scores(rank)[got[0]]);
    assertThat(r.method()).isEqualTo(PrioritizeMethod.KNN);
    assertThat(r.easyFirst().stratified(10).order()).isEqualTo(PrioritizeOptions.Order.EASY_FIRST);
    assertThat(r.difficulty().indices()).containsExactly(reverse(rank.indices()));
  }

  static int[] reverse(int[] a) {
    int[] out = new int[a.length];
    for (int i = 0; i < a.length; i++) {
      out[i] = a[a.length - 1 - i];
    }
    return out;
  }

  @Test
  void evaluateRejectsBadCombinations() {
    Embeddings x = Ref.of("moons_n1k").x;
    assertThatThrownBy(
            () ->
                Prioritize.evaluate(
                    x,
                    null,
                    PrioritizeOptions.of(PrioritizeMethod.KMEANS_COMPLEXITY)
                        .withPolicy(PrioritizeOptions.Policy.STRATIFIED),
                    null,
                    Exec.serial()))
        .hasMessage(
            "stratified policy is not available with kmeans_complexity method (kmeans_complexity"
                + " does not produce scores)");
    assertThatThrownBy(
            () ->
                Prioritize.evaluate(
                    x,
                    null,
                    PrioritizeOptions.of(PrioritizeMethod.KNN)
                        .withPolicy(PrioritizeOptions.Policy.CLASS_BALANCED),
                    null,
                    Exec.serial()))
        .hasMessageContaining("class_balanced policy requires class labels");
    assertThatThrownBy(
            () ->
                Prioritize.evaluate(
                    x,
                    null,
                    PrioritizeOptions.of(PrioritizeMethod.KNN),
                    new long[3],
                    Exec.serial()))
        .hasMessageContaining("classLabels must have one entry per sample (1000), got 3");
    assertThatThrownBy(() -> PrioritizeMethod.of("nope"))
        .hasMessageStartingWith("Invalid method: nope.");
    assertThat(PrioritizeMethod.of("hdbscan_distance"))
        .isEqualTo(PrioritizeMethod.HDBSCAN_DISTANCE);
    assertThatThrownBy(() -> PrioritizeOptions.of(PrioritizeMethod.KMEANS_DISTANCE).withC(0))
        .hasMessageContaining("c must be >= 1, got 0");
    assertThatThrownBy(() -> Prioritize.rankKmeansDistance(x, 1000, null, null, 0, Exec.serial()))
        .hasMessage("c=1000 should be less than dataset size (1000)");
    assertThatThrownBy(() -> Prioritize.rankHdbscanDistance(x, 1000, null, null, 0, Exec.serial()))
        .hasMessage("n_expected_clusters=1000 should be less than dataset size (1000)");
  }

  @Test
  void allNoiseFitFallsBackToOneCluster() {
    Embeddings x = Embeddings.of(new double[][] {{0, 0}, {1, 0}, {0, 2}, {3, 3}});
    Prioritize.Fit fit =
        Prioritize.hdbscanFit(Prioritize.normalise(x), null, new int[] {-1, -1, -1, -1});
    assertThat(fit.m()).isEqualTo(1);
    assertThat(fit.assign()).containsOnly(0);
    RankResult r = Prioritize.rankComplexity(fit.xn(), fit.centres(), 1, fit.assign(), 0);
    assertAscendingWithinClusters(fit.xn(), fit.centres(), fit.assign(), r.indices());
  }

  @Test
  void allIdenticalPointsRankByIndex() {
    Embeddings x = Embeddings.of(new double[][] {{2, 2}, {2, 2}, {2, 2}, {2, 2}, {2, 2}});
    RankResult r = Prioritize.rankKnn(x, 1, null, Exec.serial());
    assertThat(r.scores()).containsOnly(0f);
    assertThat(r.indices()).containsExactly(0, 1, 2, 3, 4);
    assertThat(Prioritize.stratified(r, 5)).containsExactly(0, 1, 2, 3, 4);
  }

  @Test
  void oneAndFourThreadsGiveTheSameKnnRanking() {
    Ref ref = Ref.of("digits64");
    RankResult a = Prioritize.rankKnn(ref.x, null, null, Exec.serial());
    RankResult b;
    try (Exec four = Exec.create(4)) {
      b = Prioritize.rankKnn(ref.x, null, null, four);
    }
    assertThat(b.indices()).containsExactly(a.indices());
    assertThat(b.scores()).containsExactly(a.scores());
  }
}
