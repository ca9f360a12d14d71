package org.dataeval4j.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.dataeval4j.data.Embeddings;
import org.dataeval4j.exec.Exec;
import org.junit.jupiter.api.Test;

/** PCA against data whose covariance is known, round trips, determinism and bad input. */
class PcaTest {

  private static final double[] STD = {5, 4, 3, 2, 1, 0.5};

  /** A random d x d orthogonal matrix, columns orthonormal (Gram-Schmidt, done twice). */
  private static double[] randomRotation(SplittableRandom rng, int d) {
    double[] q = new double[d * d];
    for (int i = 0; i < q.length; i++) {
      q[i] = rng.nextGaussian();
    }
    orthonormaliseColumns(q, d, d);
    return q;
  }

  /** Makes the columns of the rows x cols row-major matrix {@code a} orthonormal, in place. */
  private static void orthonormaliseColumns(double[] a, int rows, int cols) {
    for (int pass = 0; pass < 2; pass++) {
      for (int c = 0; c < cols; c++) {
        for (int o = 0; o < c; o++) {
          double dot = 0;
          for (int r = 0; r < rows; r++) {
            dot += a[r * cols + c] * a[r * cols + o];
          }
          for (int r = 0; r < rows; r++) {
            a[r * cols + c] -= dot * a[r * cols + o];
          }
        }
        double norm = 0;
        for (int r = 0; r < rows; r++) {
          norm += a[r * cols + c] * a[r * cols + c];
        }
        norm = Math.sqrt(norm);
        for (int r = 0; r < rows; r++) {
          a[r * cols + c] /= norm;
        }
      }
    }
  }

  /**
   * X = Z diag(STD) Q^T + mu, with Z centred and Z^T Z = (n - 1) I exactly (to round-off), so the
   * sample covariance of X is exactly Q diag(STD^2) Q^T.
   */
  private static Embeddings exactCovarianceData(SplittableRandom rng, int n, double[] q) {
    int d = STD.length;
    double[] z = new double[n * d];
    for (int i = 0; i < z.length; i++) {
      z[i] = rng.nextGaussian();
    }
    for (int j = 0; j < d; j++) {
      double mean = 0;
      for (int i = 0; i < n; i++) {
        mean += z[i * d + j];
      }
      mean /= n;
      for (int i = 0; i < n; i++) {
        z[i * d + j] -= mean;
      }
    }
    orthonormaliseColumns(z, n, d);
    double[] x = new double[n * d];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        double v = 10.0 * j - 7;
        for (int c = 0; c < d; c++) {
          v += z[i * d + c] * Math.sqrt(n - 1.0) * STD[c] * q[j * d + c];
        }
        x[i * d + j] = v;
      }
    }
    return Embeddings.wrap(x, n, d);
  }

  @Test
  void componentsAndVariancesOfAKnownCovariance() {
    SplittableRandom rng = new SplittableRandom(17);
    int d = STD.length;
    double[] q = randomRotation(rng, d);
    Embeddings x = exactCovarianceData(rng, 400, q);
    Pca pca = Pca.fit(x, d);
    double total = 0;
    for (double s : STD) {
      total += s * s;
    }
    double[] components = pca.components();
    for (int c = 0; c < d; c++) {
      assertThat(pca.explainedVariance()[c]).isCloseTo(STD[c] * STD[c], within(1e-9));
      assertThat(pca.explainedVarianceRatio()[c]).isCloseTo(STD[c] * STD[c] / total, within(1e-12));
      // Column c of Q, up to the sign the largest loading fixes.
      int largest = 0;
      for (int j = 0; j < d; j++) {
        if (Math.abs(q[j * d + c]) > Math.abs(q[largest * d + c])) {
          largest = j;
        }
      }
      double sign = Math.signum(q[largest * d + c]);
      for (int j = 0; j < d; j++) {
        assertThat(components[c * d + j]).isCloseTo(sign * q[j * d + c], within(1e-9));
      }
    }
    for (int j = 0; j < d; j++) {
      assertThat(pca.mean()[j]).isCloseTo(10.0 * j - 7, within(1e-9));
    }
  }

  @Test
  void sampledGaussianDataApproachesTheTrueCovariance() {
    SplittableRandom rng = new SplittableRandom(5);
    int d = STD.length;
    int n = 20_000;
    double[] q = randomRotation(rng, d);
    double[] x = new double[n * d];
    for (int i = 0; i < n; i++) {
      for (int c = 0; c < d; c++) {
        double z = rng.nextGaussian() * STD[c];
        for (int j = 0; j < d; j++) {
          x[i * d + j] += z * q[j * d + c];
        }
      }
    }
    Pca pca = Pca.fit(Embeddings.wrap(x, n, d), 3);
    double[] w = pca.components();
    for (int c = 0; c < 3; c++) {
      // Sampling error of a variance is about sqrt(2 / n) ~ 1 %.
      assertThat(pca.explainedVariance()[c])
          .isCloseTo(STD[c] * STD[c], within(0.05 * STD[c] * STD[c]));
      double dot = 0;
      for (int j = 0; j < d; j++) {
        dot += w[c * d + j] * q[j * d + c];
      }
      assertThat(Math.abs(dot)).isGreaterThan(0.99);
    }
  }

  @Test
  void allComponentsReconstructExactly() {
    SplittableRandom rng = new SplittableRandom(3);
    int n = 57;
    int d = 9;
    double[] x = new double[n * d];
    for (int i = 0; i < x.length; i++) {
      x[i] = rng.nextGaussian() * (1 + i % d) + 3;
    }
    Embeddings e = Embeddings.wrap(x, n, d);
    Pca pca = Pca.fit(e, d);
    double[] t = pca.transform(e).flat();
    double[] w = pca.components();
    double[] mean = pca.mean();
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        double v = mean[j];
        for (int c = 0; c < d; c++) {
          v += t[i * d + c] * w[c * d + j];
        }
        assertThat(v).isCloseTo(x[i * d + j], within(1e-10 * (1 + Math.abs(x[i * d + j]))));
      }
    }
    // The components are orthonormal.
    for (int a = 0; a < d; a++) {
      for (int b = 0; b < d; b++) {
        double dot = 0;
        for (int j = 0; j < d; j++) {
          dot += w[a * d + j] * w[b * d + j];
        }
        assertThat(dot).isCloseTo(a == b ? 1 : 0, within(1e-12));
      }
    }
  }

  @Test
  void transformOfTheFittedSetIsItsDecorrelatedProjection() {
    SplittableRandom rng = new SplittableRandom(9);
    int n = 300;
    int d = 5;
    double[] x = new double[n * d];
    for (int i = 0; i < n; i++) {
      double shared = rng.nextGaussian();
      for (int j = 0; j < d; j++) {
        x[i * d + j] = shared * (j + 1) + rng.nextGaussian();
      }
    }
    Embeddings e = Embeddings.wrap(x, n, d);
    Pca pca = Pca.fit(e, 3);
    Embeddings t = pca.transform(e);
    assertThat(t.size()).isEqualTo(n);
    assertThat(t.dim()).isEqualTo(3);
    // Fit-and-transform: the scores are centred, uncorrelated, with the explained variances.
    for (int a = 0; a < 3; a++) {
      double mean = 0;
      for (int i = 0; i < n; i++) {
        mean += t.get(i, a);
      }
      assertThat(mean / n).isCloseTo(0, within(1e-10));
      for (int b = 0; b < 3; b++) {
        double cov = 0;
        for (int i = 0; i < n; i++) {
          cov += t.get(i, a) * t.get(i, b);
        }
        cov /= n - 1;
        assertThat(cov).isCloseTo(a == b ? pca.explainedVariance()[a] : 0, within(1e-9));
      }
    }
    // Transform row by row equals transform of the whole set (fit on one set, apply to others).
    Embeddings other = Embeddings.of(new double[][] {{1, 2, 3, 4, 5}, {-1, 0, 0, 2, 9}});
    Embeddings both = pca.transform(Embeddings.concat(e, other));
    Embeddings alone = pca.transform(other);
    for (int c = 0; c < 3; c++) {
      assertThat(both.get(n, c)).isEqualTo(alone.get(0, c));
      assertThat(both.get(n + 1, c)).isEqualTo(alone.get(1, c));
      assertThat(both.get(7, c)).isEqualTo(t.get(7, c));
    }
  }

  @Test
  void signsAndResultsAreDeterministic() {
    SplittableRandom rng = new SplittableRandom(23);
    int n = 2000;
    int d = 12;
    double[] x = new double[n * d];
    for (int i = 0; i < x.length; i++) {
      x[i] = rng.nextGaussian() * (1 + (i % d) * 0.3);
    }
    Embeddings e = Embeddings.wrap(x, n, d);
    Pca serial = Pca.fit(e, 4);
    Pca parallel;
    try (Exec exec = Exec.create(4)) {
      parallel = Pca.fit(e, 4, exec);
    }
    assertThat(parallel.components()).containsExactly(serial.components());
    assertThat(parallel.explainedVariance()).containsExactly(serial.explainedVariance());
    double[] w = serial.components();
    for (int c = 0; c < 4; c++) {
      int largest = 0;
      for (int j = 0; j < d; j++) {
        if (Math.abs(w[c * d + j]) > Math.abs(w[c * d + largest])) {
          largest = j;
        }
      }
      assertThat(w[c * d + largest]).isPositive();
    }
    // Reversing the rows changes nothing but round-off: same signs.
    int[] reversed = new int[n];
    for (int i = 0; i < n; i++) {
      reversed[i] = n - 1 - i;
    }
    double[] w2 = Pca.fit(e.select(reversed), 4).components();
    for (int i = 0; i < w.length; i++) {
      assertThat(w2[i]).isCloseTo(w[i], within(1e-9));
    }
  }

  @Test
  void digitsMatchScikitLearn() {
    // scikit-learn 1.2.1 PCA(5, svd_solver="full") on inputs/digits64.npy (widened to float64).
    double[] ratio = {
      0.148905935841, 0.136187712396, 0.11794593764, 0.0840997942101, 0.0578241466401
    };
    double[] variance = {179.006930098, 163.717746882, 141.788439092, 101.100375203, 69.513165591};
    // Its first component's features 1..3 and first sample's scores (signs set from U by 1.2.1).
    double[] c0 = {-0.017309465, -0.223428835, -0.135913304};
    double[] t0 = {-1.259466450, 21.274883481, -9.463054618, 13.014188691, -7.128822779};
    Embeddings x = KMeansTestFiles.embeddings("inputs/digits64.npy");
    Pca pca = Pca.fit(x, 5);
    Embeddings t = pca.transform(x.select(new int[] {0}));
    for (int c = 0; c < 5; c++) {
      assertThat(pca.explainedVarianceRatio()[c]).isCloseTo(ratio[c], within(1e-11));
      assertThat(pca.explainedVariance()[c]).isCloseTo(variance[c], within(1e-8));
      // Components agree up to sign.
      assertThat(Math.abs(t.get(0, c))).isCloseTo(Math.abs(t0[c]), within(1e-8));
    }
    for (int j = 0; j < 3; j++) {
      assertThat(pca.components()[1 + j]).isCloseTo(c0[j], within(1e-9));
    }
  }

  @Test
  void rejectsBadInput() {
    Embeddings e = Embeddings.of(new double[][] {{1, 2, 3}, {4, 5, 7}, {0, 1, 1}});
    assertThatThrownBy(() -> Pca.fit(e, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("n_components must be in [1, d = 3], got 0");
    assertThatThrownBy(() -> Pca.fit(e, 4)).hasMessage("n_components must be in [1, d = 3], got 4");
    assertThatThrownBy(() -> Pca.fit(Embeddings.of(new double[][] {{1, 2}}), 1))
        .hasMessageContaining("at least 2 samples, got 1");
    Pca pca = Pca.fit(e, 2);
    assertThatThrownBy(() -> pca.transform(Embeddings.of(new double[][] {{1, 2}})))
        .hasMessageContaining("fitted dimension 3, got 2");
  }

  @Test
  void constantDataHasZeroVarianceNotNaN() {
    Embeddings e = Embeddings.of(new double[][] {{1, 2}, {1, 2}, {1, 2}});
    Pca pca = Pca.fit(e, 2);
    assertThat(pca.explainedVariance()).containsExactly(0, 0);
    assertThat(pca.explainedVarianceRatio()).containsExactly(0, 0);
    assertThat(pca.transform(e).flat()).containsOnly(0);
  }
}
