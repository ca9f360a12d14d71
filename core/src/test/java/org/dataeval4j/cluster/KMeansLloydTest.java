package org.dataeval4j.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.dataeval4j.exec.Exec;
import org.junit.jupiter.api.Test;

/**
 * The Elkan- and Yinyang-accelerated Lloyd of {@link KMeansLloyd} against a naive Lloyd written
 * straight from {@code cluster.md} §10.2 step 3b (every distance computed, empty clusters relocated
 * by a full sort): on seeded random inputs of awkward sizes, with ties, duplicates and empty
 * clusters, both must give identical labels and iteration counts, and the same centres up to the
 * rounding of the summation order (the accelerated version sums per block; on integer data both are
 * exact).
 */
class KMeansLloydTest {

  private static final int[] SIZES = {1, 2, 7, 13, 33, 127, 600};
  private static final int[] DIMS = {1, 2, 3, 7, 13};
  private static final int[] KS = {1, 2, 3, 5, 17, KMeansInit.SCREEN_FROM + 1};

  @Test
  void acceleratedLloydEqualsNaiveLloydOnRandomInputs() {
    SplittableRandom rng = new SplittableRandom(42);
    int cases = 0;
    for (int n : SIZES) {
      for (int d : DIMS) {
        for (int k : KS) {
          if (k > n) {
            continue;
          }
          for (int kind = 0; kind < 3; kind++) {
            double[] x = data(rng, n, d, kind);
            double[] init = startingCentres(rng, x, n, d, k, kind);
            for (int maxIter : new int[] {3, KMeansLloyd.MAX_ITER}) {
              double tol = kind == 2 ? 0 : 1e-4 * variance(x, n, d);
              KMeansLloyd.Run expected = naive(x, n, d, init, k, tol, maxIter);
              int variant = 0;
              for (KMeansLloyd.Bounds bounds : allBounds(k)) {
                int threads = variant % 2 == 0 ? 1 : 3;
                // Alternate the kernels too: SIMD and scalar must agree bit for bit.
                DistanceKernel kernel =
                    variant++ / 2 % 2 == 0 ? DistanceKernels.BEST : DistanceKernels.SCALAR;
                try (Exec exec = Exec.create(threads)) {
                  KMeansLloyd.Run actual =
                      KMeansLloyd.run(x, n, d, init, k, tol, maxIter, exec, bounds, kernel);
                  String what = "n=" + n + " d=" + d + " k=" + k + " kind=" + kind + " " + bounds;
                  assertThat(actual.labels()).as(what).containsExactly(expected.labels());
                  assertClose(actual.centers(), expected.centers(), what);
                  assertThat(actual.iterations()).as(what).isEqualTo(expected.iterations());
                  assertThat(actual.inertia())
                      .as(what)
                      .isCloseTo(
                          expected.inertia(),
                          org.assertj.core.api.Assertions.within(1e-9 * (1 + expected.inertia())));
                }
              }
              cases++;
            }
          }
        }
      }
    }
    assertThat(cases).isGreaterThan(100);
  }

  @Test
  void largeBlockedInputMatchesNaiveOnManyThreads() {
    SplittableRandom rng = new SplittableRandom(7);
    int n = 5000;
    int d = 6;
    int k = 40;
    double[] x = data(rng, n, d, 0);
    double[] init = startingCentres(rng, x, n, d, k, 0);
    double tol = 1e-4 * variance(x, n, d);
    KMeansLloyd.Run expected = naive(x, n, d, init, k, tol, KMeansLloyd.MAX_ITER);
    for (KMeansLloyd.Bounds bounds : allBounds(k)) {
      try (Exec exec = Exec.create(4)) {
        KMeansLloyd.Run actual =
            KMeansLloyd.run(
                x, n, d, init, k, tol, KMeansLloyd.MAX_ITER, exec, bounds, DistanceKernels.BEST);
        assertThat(actual.labels()).as("%s", bounds).containsExactly(expected.labels());
        assertClose(actual.centers(), expected.centers(), "n=5000");
        assertThat(actual.iterations()).isEqualTo(expected.iterations());
      }
    }
  }

  @Test
  void everyKindOfBoundsAndKernelGivesIdenticalArrays() {
    SplittableRandom rng = new SplittableRandom(11);
    int n = 4000;
    int d = 9;
    int k = 70;
    double[] x = data(rng, n, d, 0);
    double[] init = startingCentres(rng, x, n, d, k, 0);
    double tol = 1e-4 * variance(x, n, d);
    KMeansLloyd.Run reference;
    try (Exec exec = Exec.create(1)) {
      reference =
          KMeansLloyd.run(
              x,
              n,
              d,
              init,
              k,
              tol,
              KMeansLloyd.MAX_ITER,
              exec,
              KMeansLloyd.Bounds.ELKAN,
              DistanceKernels.SCALAR);
    }
    List<KMeansLloyd.Bounds> kinds = new ArrayList<>(allBounds(k));
    kinds.add(KMeansLloyd.Bounds.choose(n, k));
    for (KMeansLloyd.Bounds bounds : kinds) {
      try (Exec exec = Exec.create(3)) {
        KMeansLloyd.Run actual =
            KMeansLloyd.run(
                x, n, d, init, k, tol, KMeansLloyd.MAX_ITER, exec, bounds, DistanceKernels.BEST);
        assertThat(actual.labels()).as("%s", bounds).containsExactly(reference.labels());
        assertThat(actual.centers()).as("%s", bounds).containsExactly(reference.centers());
        assertThat(actual.iterations()).as("%s", bounds).isEqualTo(reference.iterations());
      }
    }
  }

  @Test
  void centreGroupsCoverEveryCentreWithNoEmptyGroup() {
    SplittableRandom rng = new SplittableRandom(3);
    for (int k : new int[] {1, 2, 9, 50}) {
      for (int t : new int[] {1, 4, 10, 80}) {
        int d = 3;
        double[] centres = new double[k * d];
        for (int i = 0; i < centres.length; i++) {
          // Duplicated centres too: groups started from them must not stay empty.
          centres[i] = i % 2 == 0 ? rng.nextInt(2) : rng.nextGaussian();
        }
        int[] of = KMeansLloyd.groupCentres(centres, k, d, t);
        int groups = Arrays.stream(of).max().orElseThrow() + 1;
        assertThat(groups).as("k=%d t=%d", k, t).isBetween(1, Math.min(k, t));
        int[] sizes = new int[groups];
        for (int g : of) {
          sizes[g]++;
        }
        assertThat(sizes).as("k=%d t=%d", k, t).doesNotContain(0);
      }
    }
  }

  /**
   * Elkan's bounds, and Yinyang's with one group (Hamerly's algorithm), a few groups, and one group
   * per centre.
   */
  private static List<KMeansLloyd.Bounds> allBounds(int k) {
    return List.of(
        KMeansLloyd.Bounds.ELKAN,
        KMeansLloyd.Bounds.yinyang(1),
        KMeansLloyd.Bounds.yinyang(Math.min(k, 3)),
        KMeansLloyd.Bounds.yinyang(k));
  }

  private static void assertClose(double[] actual, double[] expected, String what) {
    assertThat(actual).hasSameSizeAs(expected);
    for (int i = 0; i < expected.length; i++) {
      assertThat(actual[i])
          .as("%s centre entry %d", what, i)
          .isCloseTo(
              expected[i],
              org.assertj.core.api.Assertions.within(1e-12 * (1 + Math.abs(expected[i]))));
    }
  }

  /**
   * kind 0: Gaussian; kind 1: small integers (many exact ties and duplicates); kind 2: a few
   * distinct points repeated.
   */
  private static double[] data(SplittableRandom rng, int n, int d, int kind) {
    double[] x = new double[n * d];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        x[i * d + j] =
            switch (kind) {
              case 0 -> rng.nextGaussian() + 4 * (i % 5);
              case 1 -> rng.nextInt(3);
              default -> (i % 3) * 2.0 - j;
            };
      }
    }
    return x;
  }

  /** Random sample rows, plus (kind 1 and 2) some centres far away that end up empty. */
  private static double[] startingCentres(
      SplittableRandom rng, double[] x, int n, int d, int k, int kind) {
    double[] init = new double[k * d];
    for (int c = 0; c < k; c++) {
      int i = rng.nextInt(n);
      for (int j = 0; j < d; j++) {
        init[c * d + j] = x[i * d + j];
      }
      if (kind > 0 && c % 2 == 1) {
        for (int j = 0; j < d; j++) {
          init[c * d + j] = 1000.0 + c + j;
        }
      }
    }
    return init;
  }

  private static double variance(double[] x, int n, int d) {
    double total = 0;
    for (int j = 0; j < d; j++) {
      double mean = 0;
      for (int i = 0; i < n; i++) {
        mean += x[i * d + j];
      }
      mean /= n;
      for (int i = 0; i < n; i++) {
        double t = x[i * d + j] - mean;
        total += t * t;
      }
    }
    return total / n / d;
  }

  /** Lloyd as §10.2 step 3b states it, with no acceleration. */
  static KMeansLloyd.Run naive(
      double[] x, int n, int d, double[] init, int k, double tol, int maxIter) {
    double[] centers = init.clone();
    int[] labels = new int[n];
    int[] old = new int[n];
    Arrays.fill(old, -1);
    boolean strict = false;
    int iterations = maxIter;
    for (int it = 0; it < maxIter; it++) {
      assignAll(x, n, d, centers, k, labels);
      double[] sums = new double[k * d];
      int[] counts = new int[k];
      for (int i = 0; i < n; i++) {
        counts[labels[i]]++;
        for (int j = 0; j < d; j++) {
          sums[labels[i] * d + j] += x[i * d + j];
        }
      }
      List<Integer> empty = new ArrayList<>();
      for (int c = 0; c < k; c++) {
        if (counts[c] == 0) {
          empty.add(c);
        }
      }
      if (!empty.isEmpty()) {
        double[] far = new double[n];
        Integer[] byDistance = new Integer[n];
        for (int i = 0; i < n; i++) {
          far[i] = KMeansKernel.sqDist(x, i * d, centers, labels[i] * d, d);
          byDistance[i] = i;
        }
        // Descending distance, ties by ascending index.
        Arrays.sort(
            byDistance, (a, b) -> far[a] != far[b] ? Double.compare(far[b], far[a]) : a - b);
        for (int e = 0; e < empty.size(); e++) {
          int c = empty.get(e);
          int p = byDistance[e];
          int from = labels[p];
          for (int j = 0; j < d; j++) {
            sums[from * d + j] -= x[p * d + j];
            sums[c * d + j] = x[p * d + j];
          }
          counts[from]--;
          counts[c] = 1;
        }
      }
      double[] next = new double[k * d];
      double shift = 0;
      for (int c = 0; c < k; c++) {
        for (int j = 0; j < d; j++) {
          next[c * d + j] = counts[c] > 0 ? sums[c * d + j] * (1.0 / counts[c]) : sums[c * d + j];
        }
        shift += KMeansKernel.sqDist(next, c * d, centers, c * d, d);
      }
      centers = next;
      if (Arrays.equals(labels, old)) {
        strict = true;
        iterations = it + 1;
        break;
      }
      if (shift <= tol) {
        iterations = it + 1;
        break;
      }
      old = labels.clone();
    }
    if (!strict) {
      assignAll(x, n, d, centers, k, labels);
    }
    double inertia = 0;
    for (int i = 0; i < n; i++) {
      inertia += KMeansKernel.sqDist(x, i * d, centers, labels[i] * d, d);
    }
    return new KMeansLloyd.Run(labels, centers, inertia, iterations);
  }

  private static void assignAll(double[] x, int n, int d, double[] centers, int k, int[] labels) {
    for (int i = 0; i < n; i++) {
      int best = 0;
      double bestDist = Double.POSITIVE_INFINITY;
      for (int c = 0; c < k; c++) {
        double dd = KMeansKernel.sqDist(x, i * d, centers, c * d, d);
        if (dd < bestDist) {
          bestDist = dd;
          best = c;
        }
      }
      labels[i] = best;
    }
  }
}
