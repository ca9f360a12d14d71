package org.dataeval4j.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The SIMD and scalar {@link DistanceKernel}s against {@link KMeansKernel#sqDist} and against their
 * contracts, on awkward sizes: distances and row additions bit for bit, Elkan's least bound and
 * candidates exactly, and the k-means++ screen never dropping a pair whose exact distance is within
 * its threshold.
 */
class DistanceKernelTest {

  private static final int[] DIMS = {1, 2, 3, 4, 5, 7, 8, 13, 33, 50, 127};

  private static List<DistanceKernel> kernels() {
    List<DistanceKernel> all = new ArrayList<>();
    all.add(DistanceKernels.SCALAR);
    all.add(DistanceKernels.BEST);
    return all;
  }

  @Test
  void theSimdKernelIsInUse() {
    // The tests run with jdk.incubator.vector (see core/pom.xml); otherwise they compare the
    // scalar kernel with itself.
    assertThat(DistanceKernels.BEST).isInstanceOf(VectorDistanceKernel.class);
  }

  @Test
  void distancesEqualTheScalarSumBitForBit() {
    SplittableRandom rng = new SplittableRandom(5);
    for (int d : DIMS) {
      double[] a = values(rng, 3 * d + 1);
      double[] b = values(rng, 9 * d + 3);
      double[] four = new double[4];
      for (DistanceKernel kernel : kernels()) {
        for (int ao : new int[] {0, 1, 2 * d + 1}) {
          kernel.four(a, ao, b, 3, d + 2, 4 * d, 8 * d + 3, d, four);
          int[] offsets = {3, d + 2, 4 * d, 8 * d + 3};
          for (int q = 0; q < 4; q++) {
            double expected = KMeansKernel.sqDist(a, ao, b, offsets[q], d);
            assertThat(four[q]).as("d=%d %s", d, kernel).isEqualTo(expected);
            assertThat(kernel.one(a, ao, b, offsets[q], d)).isEqualTo(expected);
            // Symmetric bit for bit, which the k-means++ screen relies on.
            assertThat(kernel.one(b, offsets[q], a, ao, d)).isEqualTo(expected);
          }
          int[] rows = {ao, 0, d + 1, 2 * d};
          kernel.pairs(
              a, rows[0], rows[1], rows[2], rows[3], b, 3, d + 2, 4 * d, 8 * d + 3, d, four);
          for (int q = 0; q < 4; q++) {
            assertThat(four[q])
                .as("pairs d=%d %s", d, kernel)
                .isEqualTo(KMeansKernel.sqDist(a, rows[q], b, offsets[q], d));
          }
        }
      }
    }
  }

  /**
   * One sample's Elkan row for k centres padded to kp, at offset kp of {@code lower} (length 3 kp)
   * and of {@code half} (length 2 kp): random 16-bit bounds (some at the ends of the codes) and
   * shifts (some wrapping round as shorts), half-distances TOP for centre 0 (the sample's own) and
   * in the padding.
   */
  @SuppressWarnings("ArrayRecordComponent") // test data, never compared
  private record ElkanRow(short[] lower, short[] floor, short[] shift, short[] half) {
    static ElkanRow random(SplittableRandom rng, int k, int kp) {
      ElkanRow row =
          new ElkanRow(new short[3 * kp], new short[kp], new short[kp], new short[2 * kp]);
      for (int c = 0; c < kp; c++) {
        boolean pad = c >= k;
        row.lower[kp + c] =
            pad
                ? ShortBound.TOP
                : c % 7 == 3 ? Short.MIN_VALUE : code(rng, c % 5 == 1 ? 200 : 65535);
        row.shift[c] = pad ? 0 : (short) rng.nextInt(c % 3 == 0 ? 65536 : 3000);
        row.floor[c] = ShortBound.floor(row.shift[c]);
        row.half[kp + c] = pad || c == 0 ? ShortBound.TOP : code(rng, 65535);
      }
      return row;
    }

    /** A code below TOP, among the {@code span} lowest. */
    private static short code(SplittableRandom rng, int span) {
      return (short) (rng.nextInt(span) - ShortBound.OFFSET);
    }

    /** The test's value for centre c: max(lowered bound, half-distance), from the definition. */
    int most(int kp, int c) {
      int steps = Short.toUnsignedInt(shift[c]);
      int lowered = Math.max(lower[kp + c], Short.MIN_VALUE + steps) - steps;
      return Math.max(lowered, half[kp + c]);
    }
  }

  @Test
  void elkanLeastBoundAgreesWithItsDefinition() {
    SplittableRandom rng = new SplittableRandom(6);
    for (int k : new int[] {1, 7, 15, 16, 17, 64, 245}) {
      int kp = KMeansLloyd.paddedLength(k);
      for (int trial = 0; trial < 20; trial++) {
        ElkanRow row = ElkanRow.random(rng, k, kp);
        int expected = ShortBound.TOP;
        for (int c = 0; c < kp; c++) {
          expected = Math.min(expected, row.most(kp, c));
        }
        for (DistanceKernel kernel : kernels()) {
          assertThat((int) kernel.leastBound(row.lower, kp, row.floor, row.shift, row.half, kp, kp))
              .as("k=%d %s", k, kernel)
              .isEqualTo(expected);
        }
      }
    }
  }

  @Test
  void elkanCandidatesAreExactlyTheCentresWithinTheLimit() {
    SplittableRandom rng = new SplittableRandom(8);
    for (int k : new int[] {1, 7, 15, 16, 17, 64, 245}) {
      int kp = KMeansLloyd.paddedLength(k);
      ElkanRow row = ElkanRow.random(rng, k, kp);
      short[] limits = {
        Short.MIN_VALUE,
        -20_000,
        0,
        20_000,
        (short) Math.min(row.most(kp, 1 % k), ShortBound.TOP - 1),
        ShortBound.TOP - 1
      };
      for (short limit : limits) {
        int[] expected = new int[kp];
        int count = 0;
        for (int c = 0; c < kp; c++) {
          if (row.most(kp, c) <= limit) {
            expected[count++] = c;
          }
        }
        for (DistanceKernel kernel : kernels()) {
          int[] out = new int[kp];
          int got =
              kernel.candidates(row.lower, kp, row.floor, row.shift, row.half, kp, kp, limit, out);
          assertThat(Arrays.copyOf(out, got))
              .as("k=%d limit=%s %s", k, limit, kernel)
              .containsExactly(Arrays.copyOf(expected, count));
        }
      }
    }
  }

  @Test
  void addRowAddsEachEntryOnce() {
    SplittableRandom rng = new SplittableRandom(9);
    for (int d : DIMS) {
      double[] x = values(rng, 3 * d);
      double[] start = values(rng, 2 * d + 1);
      for (DistanceKernel kernel : kernels()) {
        double[] sums = start.clone();
        kernel.addRow(sums, d + 1, x, d, d);
        for (int j = 0; j < sums.length; j++) {
          double expected = j > d && j <= 2 * d ? start[j] + x[d + j - d - 1] : start[j];
          assertThat(sums[j]).as("d=%d entry %d %s", d, j, kernel).isEqualTo(expected);
        }
      }
    }
  }

  @Test
  void lowerBoundsNeverExceedTheExactDistancesAndStayClose() {
    SplittableRandom rng = new SplittableRandom(10);
    int lanes = DistanceKernel.LANES;
    for (int n : new int[] {1, 9, 40}) {
      for (int d : new int[] {1, 3, 8, 50}) {
        double[] x = new double[n * d];
        for (int i = 0; i < x.length; i++) {
          x[i] = i % 3 == 0 ? rng.nextInt(3) : rng.nextGaussian() * 10;
        }
        FloatSamples samples = Objects.requireNonNull(FloatSamples.of(x, n, d));
        int[] rows = new int[lanes];
        float[] centres = new float[lanes * lanes * d];
        float[] centreNorms = new float[lanes];
        for (int c = 0; c < lanes; c++) {
          rows[c] = rng.nextInt(n);
          centreNorms[c] = FloatSamples.toLanes(x, rows[c], d, centres, c);
        }
        float[] out = new float[lanes * lanes];
        for (DistanceKernel kernel : kernels()) {
          for (int g = 0; g < samples.groups(); g++) {
            kernel.lowerBounds(
                samples.packed,
                samples.norms,
                d,
                g,
                centres,
                centreNorms,
                samples.eps,
                Float.MIN_NORMAL,
                out);
            for (int l = 0; l < lanes && g * lanes + l < n; l++) {
              int i = g * lanes + l;
              for (int c = 0; c < lanes; c++) {
                double exact = KMeansKernel.sqDist(x, i * d, x, rows[c] * d, d);
                double scale = samples.norms[i] + centreNorms[c];
                assertThat((double) out[c * lanes + l])
                    .as("n=%d d=%d i=%d c=%d %s", n, d, i, c, kernel)
                    .isLessThanOrEqualTo(exact)
                    .isGreaterThanOrEqualTo(exact - 1e-4 * scale - 1e-30);
              }
            }
          }
        }
      }
    }
  }

  @Test
  void theScreenKeepsEveryPairWithinItsThreshold() {
    SplittableRandom rng = new SplittableRandom(7);
    int lanes = DistanceKernel.LANES;
    for (int n : new int[] {1, 7, 13, 33, 127}) {
      for (int d : new int[] {1, 3, 8, 50}) {
        double[] x = new double[n * d];
        for (int i = 0; i < x.length; i++) {
          // Small integers too, so that exact ties with the thresholds occur.
          x[i] = i % 3 == 0 ? rng.nextInt(3) : rng.nextGaussian() * 10;
        }
        int groups = (n + lanes - 1) / lanes;
        float[] packed = new float[groups * lanes * d];
        float[] norms = new float[groups * lanes];
        Arrays.fill(norms, Float.POSITIVE_INFINITY);
        for (int i = 0; i < n; i++) {
          double norm = 0;
          for (int t = 0; t < d; t++) {
            float v = (float) x[i * d + t];
            packed[(i / lanes) * d * lanes + t * lanes + i % lanes] = v;
            norm += (double) v * v;
          }
          norms[i] = (float) norm;
        }
        int[] rows = new int[lanes];
        float[] candidates = new float[lanes * lanes * d];
        float[] candidateNorms = new float[lanes];
        for (int c = 0; c < lanes; c++) {
          rows[c] = rng.nextInt(n);
          double norm = 0;
          for (int t = 0; t < d; t++) {
            float v = (float) x[rows[c] * d + t];
            // Each value in 8 lanes (FloatSamples.toLanes).
            Arrays.fill(candidates, (t * lanes + c) * lanes, (t * lanes + c + 1) * lanes, v);
            norm += (double) v * v;
          }
          candidateNorms[c] = (float) norm;
        }
        float[] thresholds = new float[groups * lanes];
        Arrays.fill(thresholds, Float.NEGATIVE_INFINITY);
        for (int i = 0; i < n; i++) {
          // Thresholds at, just below and above real distances.
          double exact = KMeansKernel.sqDist(x, i * d, x, rows[i % lanes] * d, d);
          thresholds[i] = (float) (exact * (0.5 + rng.nextInt(3) * 0.5));
        }
        float eps = (float) ((2.0 * d + 32.0) * 0x1p-24);
        for (DistanceKernel kernel : kernels()) {
          boolean[] passed = new boolean[n * lanes];
          float[] low = new float[n * lanes];
          int from = n / 3;
          int to = n;
          kernel.screen(
              packed,
              norms,
              d,
              from,
              to,
              candidates,
              candidateNorms,
              eps,
              Float.MIN_NORMAL,
              thresholds,
              (i, c, lowerBound) -> {
                passed[i * lanes + c] = true;
                low[i * lanes + c] = lowerBound;
              });
          for (int i = from; i < to; i++) {
            for (int c = 0; c < lanes; c++) {
              double exact = KMeansKernel.sqDist(x, i * d, x, rows[c] * d, d);
              if (passed[i * lanes + c]) {
                // The reported bound, and the upper bound k-means++ derives from it.
                double error = (double) eps * ((double) norms[i] + candidateNorms[c]) + 0x1p-126;
                assertThat((double) low[i * lanes + c])
                    .as("n=%d d=%d i=%d c=%d %s", n, d, i, c, kernel)
                    .isLessThanOrEqualTo(exact)
                    .isGreaterThanOrEqualTo(exact - 2 * error);
              }
              if (exact <= thresholds[i]) {
                assertThat(passed[i * lanes + c])
                    .as("n=%d d=%d i=%d c=%d %s", n, d, i, c, kernel)
                    .isTrue();
              }
            }
          }
        }
      }
    }
  }

  private static double[] values(SplittableRandom rng, int length) {
    double[] v = new double[length];
    for (int i = 0; i < v.length; i++) {
      v[i] = rng.nextGaussian() * Math.exp(rng.nextGaussian());
    }
    return v;
  }
}
