package org.dataeval4j.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import org.dataeval4j.data.Embeddings;
import org.dataeval4j.exec.Exec;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** KMeans contract: validation, reproducibility, edge cases and membership (§10.4). */
class KMeansTest {

  private static Embeddings gaussianBlobs(long seed, int n, int d, int centres) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[] x = new double[n * d];
    for (int i = 0; i < n; i++) {
      int c = i % centres;
      for (int j = 0; j < d; j++) {
        x[i * d + j] = 3.0 * ((c * 7 + j) % 5) + rng.nextGaussian();
      }
    }
    return Embeddings.wrap(x, n, d);
  }

  @Test
  void rejectsAsManyClustersAsSamples() {
    Embeddings x = gaussianBlobs(1, 5, 2, 2);
    assertThatThrownBy(() -> KMeans.fit(x, KMeansOptions.of(5), Exec.serial()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("n_clusters=5 should be less than dataset size (5)");
    assertThatThrownBy(() -> KMeans.fit(x, KMeansOptions.of(9), Exec.serial()))
        .hasMessage("n_clusters=9 should be less than dataset size (5)");
  }

  @Test
  void rejectsNonPositiveCounts() {
    assertThatThrownBy(() -> KMeansOptions.of(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("n_clusters must be >= 1, got 0");
    assertThatThrownBy(() -> new KMeansOptions(-3, null, 0))
        .hasMessageContaining("n_clusters must be >= 1, got -3");
    assertThatThrownBy(() -> new KMeansOptions(2, 0, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("n_init must be >= 1")
        .hasMessageContaining("got 0");
    assertThatThrownBy(() -> new KMeansOptions(2, -1, 0)).hasMessageContaining("got -1");
  }

  @Test
  void rejectsBadLloydStartAndFeaturelessInput() {
    Embeddings x = gaussianBlobs(1, 10, 3, 2);
    assertThatThrownBy(() -> KMeans.lloyd(x, new double[5], 2, Exec.serial()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("k * d = 6")
        .hasMessageContaining("got 5");
    assertThatThrownBy(() -> KMeans.lloyd(x, new double[0], 0, Exec.serial()))
        .hasMessageContaining("n_clusters must be >= 1, got 0");
    double[] nan = new double[6];
    nan[4] = Double.NaN;
    assertThatThrownBy(() -> KMeans.lloyd(x, nan, 2, Exec.serial()))
        .hasMessageContaining("row 1, column 1");
    Embeddings empty = Embeddings.wrap(new double[0], 4, 0);
    assertThatThrownBy(() -> KMeans.fit(empty, KMeansOptions.of(2), Exec.serial()))
        .hasMessageContaining("at least 1 feature");
  }

  @Test
  void defaultNumberOfClustersIsFloorOfSquareRoot() {
    assertThat(KMeansOptions.defaultClusters(1797)).isEqualTo(42);
    assertThat(KMeansOptions.defaultClusters(16)).isEqualTo(4);
    assertThat(KMeansOptions.defaultClusters(15)).isEqualTo(3);
    assertThat(KMeansOptions.of(3).restarts()).isEqualTo(1);
    assertThat(new KMeansOptions(3, 7, 0).restarts()).isEqualTo(7);
  }

  @Test
  void sameSeedGivesIdenticalArraysOnOneAndFourThreads() {
    // 5,000 samples make five blocks, so the parallel loops really split.
    Embeddings x = gaussianBlobs(3, 5000, 9, 12);
    KMeansOptions options = new KMeansOptions(12, 3, 1234L);
    KMeansResult serial = KMeans.fit(x, options, Exec.serial());
    KMeansResult again = KMeans.fit(x, options, Exec.serial());
    KMeansResult parallel;
    try (Exec exec = Exec.create(4)) {
      parallel = KMeans.fit(x, options, exec);
    }
    for (KMeansResult other : new KMeansResult[] {again, parallel}) {
      assertThat(other.labels()).containsExactly(serial.labels());
      assertThat(other.centers()).containsExactly(serial.centers());
      assertThat(other.inertia()).isEqualTo(serial.inertia());
      assertThat(other.iterations()).isEqualTo(serial.iterations());
    }
  }

  @Test
  void defaultSeedIsReproducibleAndOtherSeedsStillConverge() {
    Embeddings x = gaussianBlobs(5, 800, 4, 6);
    KMeansResult a = KMeans.fit(x, KMeansOptions.of(6), Exec.serial());
    KMeansResult b = KMeans.fit(x, new KMeansOptions(6, null, 0L), Exec.serial());
    assertThat(a.labels()).containsExactly(b.labels());
    for (long seed = 1; seed <= 5; seed++) {
      KMeansResult r = KMeans.fit(x, KMeansOptions.of(6).withSeed(seed), Exec.serial());
      assertLloydFixedPoint(x, r);
    }
  }

  @Test
  void moreRestartsNeverIncreaseInertia() {
    Embeddings x = gaussianBlobs(11, 600, 3, 8);
    KMeansOptions one = new KMeansOptions(8, 1, 99L);
    KMeansOptions five = new KMeansOptions(8, 5, 99L);
    // The first restart of both uses the same split generator, so five restarts include it.
    assertThat(KMeans.fit(x, five, Exec.serial()).inertia())
        .isLessThanOrEqualTo(KMeans.fit(x, one, Exec.serial()).inertia());
  }

  @Test
  void resultIsConsistent() {
    Embeddings x = gaussianBlobs(21, 1000, 5, 7);
    KMeansResult r = KMeans.fit(x, new KMeansOptions(7, 2, 3L), Exec.serial());
    assertThat(r.centers()).hasSize(7 * 5);
    assertThat(r.iterations()).isBetween(1, 300);
    assertLloydFixedPoint(x, r);
  }

  @Test
  void oneClusterIsTheMean() {
    Embeddings x = gaussianBlobs(2, 50, 3, 1);
    KMeansResult r = KMeans.fit(x, KMeansOptions.of(1), Exec.serial());
    assertThat(r.labels()).containsOnly(0);
    double inertia = 0;
    for (int j = 0; j < 3; j++) {
      double mean = 0;
      for (int i = 0; i < 50; i++) {
        mean += x.get(i, j);
      }
      mean /= 50;
      assertThat(r.centers()[j]).isCloseTo(mean, within(1e-12));
      for (int i = 0; i < 50; i++) {
        inertia += (x.get(i, j) - mean) * (x.get(i, j) - mean);
      }
    }
    assertThat(r.inertia()).isCloseTo(inertia, within(1e-9));
  }

  @Test
  void identicalPointsDoNotProduceNaNCentres() {
    double[] flat = new double[10 * 2];
    for (int i = 0; i < 10; i++) {
      flat[2 * i] = 1.5;
      flat[2 * i + 1] = -2;
    }
    Embeddings x = Embeddings.wrap(flat, 10, 2);
    KMeansResult r = KMeans.fit(x, new KMeansOptions(3, 4, 0L), Exec.serial());
    assertThat(java.util.Arrays.stream(r.centers()).allMatch(Double::isFinite)).isTrue();
    assertThat(r.inertia()).isZero();
    assertThat(r.labels()).containsAnyOf(0, 1, 2).doesNotContain(-1, 3);
    assertThat(KMeans.membership(x, r.labels(), r.centers())).containsOnly(1f);
  }

  @Test
  void fewerDistinctPointsThanClustersStillGivesFiniteCentres() {
    Embeddings x = Embeddings.of(new double[][] {{0, 0}, {0, 0}, {1, 1}, {1, 1}, {1, 1}, {0, 0}});
    KMeansResult r = KMeans.fit(x, KMeansOptions.of(4), Exec.serial());
    assertThat(java.util.Arrays.stream(r.centers()).allMatch(Double::isFinite)).isTrue();
    assertThat(r.inertia()).isZero();
  }

  @Test
  void plusPlusPicksDistinctSampleRows() {
    Embeddings x = gaussianBlobs(8, 300, 4, 5);
    double[] centres =
        KMeansInit.plusPlus(x.flat(), 300, 4, 20, new SplittableRandom(4), Exec.serial());
    java.util.Set<Integer> rows = new java.util.HashSet<>();
    for (int c = 0; c < 20; c++) {
      int found = -1;
      for (int i = 0; i < 300 && found < 0; i++) {
        if (java.util.Arrays.equals(
            java.util.Arrays.copyOfRange(centres, c * 4, c * 4 + 4), x.row(i))) {
          found = i;
        }
      }
      assertThat(found).as("centre %d is a sample row", c).isNotNegative();
      rows.add(found);
    }
    assertThat(rows).hasSize(20);
  }

  @Test
  void plusPlusIsTheSameWithOrWithoutTheFloatScreenOnAnyKernelAndThreads() {
    SplittableRandom data = new SplittableRandom(12);
    for (int kind = 0; kind < 2; kind++) {
      int n = 700;
      int d = kind == 0 ? 50 : 3;
      double[] x = new double[n * d];
      for (int i = 0; i < x.length; i++) {
        // Kind 1: small integers, with many exact ties and duplicates.
        x[i] = kind == 0 ? data.nextGaussian() + (i / d) % 7 : data.nextInt(4);
      }
      for (int k : new int[] {2, 9, KMeansInit.SCREEN_FROM + 1, 45}) {
        double[] expected =
            KMeansInit.plusPlus(
                x, n, d, k, new SplittableRandom(k), Exec.serial(), DistanceKernels.SCALAR, null);
        for (boolean screened : new boolean[] {false, true}) {
          for (DistanceKernel kernel : List.of(DistanceKernels.SCALAR, DistanceKernels.BEST)) {
            try (Exec exec = Exec.create(3)) {
              double[] actual =
                  KMeansInit.plusPlus(
                      x, n, d, k, new SplittableRandom(k), exec, kernel, floats(x, n, d, screened));
              assertThat(actual)
                  .as("kind=%d k=%d screened=%s %s", kind, k, screened, kernel)
                  .containsExactly(expected);
            }
          }
        }
      }
    }
  }

  /** The float32 samples for the k-means++ screen when {@code screened} (these values allow it). */
  private static @Nullable FloatSamples floats(double[] x, int n, int d, boolean screened) {
    return screened ? Objects.requireNonNull(FloatSamples.of(x, n, d)) : null;
  }

  @Test
  void plusPlusEqualsANaiveSeedingThatMeasuresEveryPair() {
    SplittableRandom data = new SplittableRandom(21);
    int n = 600;
    int d = 20;
    double[] x = new double[n * d];
    for (int i = 0; i < x.length; i++) {
      x[i] = data.nextGaussian() + (i / d) % 5;
    }
    for (int k : new int[] {2, 9, KMeansInit.SCREEN_FROM + 1, 45}) {
      double[] expected = naivePlusPlus(x, n, d, k, new SplittableRandom(100 + k));
      for (boolean screened : new boolean[] {false, true}) {
        try (Exec exec = Exec.create(2)) {
          double[] actual =
              KMeansInit.plusPlus(
                  x,
                  n,
                  d,
                  k,
                  new SplittableRandom(100 + k),
                  exec,
                  DistanceKernels.BEST,
                  floats(x, n, d, screened));
          assertThat(actual).as("k=%d screened=%s", k, screened).containsExactly(expected);
        }
      }
    }
  }

  /**
   * k-means++ as the class doc of {@link KMeansInit} states it, measuring every sample against
   * every candidate and summing each candidate's potential in sample order; the same draws from
   * rng.
   */
  private static double[] naivePlusPlus(double[] x, int n, int d, int k, SplittableRandom rng) {
    double[] centres = new double[k * d];
    int first = rng.nextInt(n);
    System.arraycopy(x, first * d, centres, 0, d);
    double[] closest = new double[n];
    for (int i = 0; i < n; i++) {
      closest[i] = KMeansKernel.sqDist(x, i * d, centres, 0, d);
    }
    int trials = 2 + (int) Math.floor(Math.log(k));
    for (int c = 1; c < k; c++) {
      double total = 0;
      for (double v : closest) {
        total += v;
      }
      int[] candidates = new int[trials];
      for (int t = 0; t < trials; t++) {
        double r = rng.nextDouble() * total;
        // The first sample whose cumulative potential exceeds r (the last one if none does).
        double acc = 0;
        int pick = n - 1;
        for (int i = 0; i < n; i++) {
          acc += closest[i];
          if (acc > r) {
            pick = i;
            break;
          }
        }
        candidates[t] = pick;
      }
      int best = 0;
      double bestPotential = Double.POSITIVE_INFINITY;
      for (int t = 0; t < trials; t++) {
        double potential = 0;
        for (int i = 0; i < n; i++) {
          potential += Math.min(closest[i], KMeansKernel.sqDist(x, i * d, x, candidates[t] * d, d));
        }
        if (potential < bestPotential) {
          bestPotential = potential;
          best = t;
        }
      }
      System.arraycopy(x, candidates[best] * d, centres, c * d, d);
      for (int i = 0; i < n; i++) {
        closest[i] =
            Math.min(closest[i], KMeansKernel.sqDist(x, i * d, x, candidates[best] * d, d));
      }
    }
    return centres;
  }

  @Test
  void membershipFollowsTheSpecExample() {
    // cluster.md §10.4: distances 0.5, 0.5, 1.5, 1.5 -> 1 - 0.5/1.5 in float = 0x3F2AAAAA.
    Embeddings x = Embeddings.of(new double[][] {{0, 0}, {0, 1}, {10, 0}, {10, 3}});
    float[] m = KMeans.membership(x, new int[] {0, 0, 1, 1}, new double[] {0, 0.5, 10, 1.5});
    assertThat(Float.floatToIntBits(m[0])).isEqualTo(0x3F2AAAAA);
    assertThat(m).containsExactly(m[0], m[0], 0f, 0f);
    assertThatThrownBy(() -> KMeans.membership(x, new int[] {0, 0, 2, 1}, new double[4]))
        .hasMessageContaining("got 2 at sample 2");
    assertThatThrownBy(() -> KMeans.membership(x, new int[] {0, 0, 1}, new double[4]))
        .hasMessageContaining("4 entries");
  }

  /** Every label is a nearest centre and every non-empty centre is the mean of its members. */
  private static void assertLloydFixedPoint(Embeddings x, KMeansResult r) {
    int n = x.size();
    int d = x.dim();
    int k = r.centers().length / d;
    double[] sums = new double[k * d];
    int[] counts = new int[k];
    double inertia = 0;
    for (int i = 0; i < n; i++) {
      int own = r.labels()[i];
      double ownDist = dist(x, i, r.centers(), own);
      inertia += ownDist;
      for (int c = 0; c < k; c++) {
        assertThat(dist(x, i, r.centers(), c)).isGreaterThanOrEqualTo(ownDist - 1e-9);
      }
      counts[own]++;
      for (int j = 0; j < d; j++) {
        sums[own * d + j] += x.get(i, j);
      }
    }
    assertThat(r.inertia()).isCloseTo(inertia, within(1e-9 * inertia));
    for (int c = 0; c < k; c++) {
      for (int j = 0; j < d && counts[c] > 0; j++) {
        // Lloyd stops at tolerance: centres are within a small step of their members' mean.
        assertThat(r.centers()[c * d + j]).isCloseTo(sums[c * d + j] / counts[c], within(0.05));
      }
    }
  }

  private static double dist(Embeddings x, int i, double[] centres, int c) {
    int d = x.dim();
    double s = 0;
    for (int j = 0; j < d; j++) {
      double t = x.get(i, j) - centres[c * d + j];
      s += t * t;
    }
    return s;
  }
}
