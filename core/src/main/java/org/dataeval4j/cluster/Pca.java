package org.dataeval4j.cluster;

import org.dataeval4j.data.Embeddings;
import org.dataeval4j.exec.Exec;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * Exact principal component analysis, fitted on one set of embeddings and applied to others: the
 * sample covariance {@code C = (X - mean)^T (X - mean) / (n - 1)} in double precision, then EJML's
 * symmetric eigendecomposition (the symmetric QR algorithm). The variances equal scikit-learn's
 * {@code PCA(svd_solver="full")} (to 11 digits on the digits data) and the components equal its
 * components up to sign.
 *
 * <p>Components are sorted by decreasing variance (equal variances by the eigensolver's index,
 * ascending). Signs are deterministic: in every component the loading of largest magnitude (the
 * first such feature on ties) is positive, as {@code svd_flip(u_based_decision=False)} does;
 * scikit-learn 1.2 (DataEval's reference) decides signs from U instead, so some of its components
 * have the opposite sign. Components beyond the rank of the data have variance 0 and otherwise
 * arbitrary (but reproducible) orthonormal directions.
 *
 * <p>Cost: {@code O(n d^2)} for the covariance (parallel over rows of C, each entry summed in
 * sample order, so the result does not depend on the thread count) and {@code O(d^3)} for the
 * decomposition; {@link #transform} is {@code O(n d p)}.
 */
public final class Pca {
  /** Samples per tile of the covariance loop, so the tile stays in cache across rows of C. */
  private static final int TILE = 256;

  private final int d;
  private final int p;
  private final double[] mean;
  private final double[] components;
  private final double[] variance;
  private final double[] ratio;

  private Pca(int d, int p, double[] mean, double[] components, double[] variance, double[] ratio) {
    this.d = d;
    this.p = p;
    this.mean = mean;
    this.components = components;
    this.variance = variance;
    this.ratio = ratio;
  }

  /** Fits {@code nComponents} principal components of {@code x} on the calling thread. */
  public static Pca fit(Embeddings x, int nComponents) {
    return fit(x, nComponents, Exec.serial());
  }

  /**
   * Fits {@code nComponents} principal components of {@code x}, computing the covariance on {@code
   * exec}'s threads. The result does not depend on the number of threads.
   *
   * @throws IllegalArgumentException if {@code nComponents} is not in {@code [1, d]} or there are
   *     fewer than 2 samples
   */
  public static Pca fit(Embeddings x, int nComponents, Exec exec) {
    int n = x.size();
    int d = x.dim();
    if (nComponents < 1 || nComponents > d) {
      throw new IllegalArgumentException(
          "n_components must be in [1, d = " + d + "], got " + nComponents);
    }
    if (n < 2) {
      throw new IllegalArgumentException("PCA needs at least 2 samples, got " + n);
    }
    double[] mean = KMeans.columnMeans(x, exec);
    double[] data = x.flat();
    double[] xc = new double[n * d];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        xc[i * d + j] = data[i * d + j] - mean[j];
      }
    }
    double[] cov = covariance(xc, n, d, exec);
    double trace = 0;
    for (int j = 0; j < d; j++) {
      trace += cov[j * d + j];
    }

    EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(d, true, true);
    if (!eig.decompose(DMatrixRMaj.wrap(d, d, cov))) {
      throw new IllegalStateException("the symmetric eigendecomposition did not converge");
    }
    int m = eig.getNumberOfEigenvalues();
    double[] values = new double[m];
    Integer[] order = new Integer[m];
    for (int i = 0; i < m; i++) {
      values[i] = eig.getEigenvalue(i).getReal();
      order[i] = i;
    }
    // Decreasing variance, ties by the eigensolver's index (a stable sort).
    java.util.Arrays.sort(order, (a, b) -> Double.compare(values[b], values[a]));

    double[] components = new double[nComponents * d];
    double[] variance = new double[nComponents];
    double[] ratio = new double[nComponents];
    for (int c = 0; c < nComponents; c++) {
      int e = order[c];
      DMatrixRMaj vector = eig.getEigenVector(e);
      if (vector == null) {
        throw new IllegalStateException("the eigensolver returned no vector for value " + e);
      }
      double norm = 0;
      int largest = 0;
      for (int j = 0; j < d; j++) {
        double v = vector.get(j);
        norm += v * v;
        if (Math.abs(v) > Math.abs(vector.get(largest))) {
          largest = j;
        }
      }
      double scale = (vector.get(largest) < 0 ? -1 : 1) / Math.sqrt(norm);
      for (int j = 0; j < d; j++) {
        components[c * d + j] = vector.get(j) * scale;
      }
      variance[c] = Math.max(0, values[e]);
      ratio[c] = trace > 0 ? variance[c] / trace : 0;
    }
    return new Pca(d, nComponents, mean, components, variance, ratio);
  }

  /** Upper triangle by rows of C in parallel, each entry summed in sample order; then mirrored. */
  private static double[] covariance(double[] xc, int n, int d, Exec exec) {
    double[] cov = new double[d * d];
    exec.forEachBlock(
        d,
        4,
        (j0, j1) -> {
          for (int t0 = 0; t0 < n; t0 += TILE) {
            int t1 = Math.min(n, t0 + TILE);
            for (int j = j0; j < j1; j++) {
              int row = j * d;
              for (int i = t0; i < t1; i++) {
                int xo = i * d;
                double v = xc[xo + j];
                for (int l = j; l < d; l++) {
                  cov[row + l] += v * xc[xo + l];
                }
              }
            }
          }
        });
    double scale = 1.0 / (n - 1);
    for (int j = 0; j < d; j++) {
      for (int l = j; l < d; l++) {
        double v = cov[j * d + l] * scale;
        cov[j * d + l] = v;
        cov[l * d + j] = v;
      }
    }
    return cov;
  }

  /**
   * Projects {@code x} on the components: row i of the result is {@code (x_i - mean) W^T}, an n x
   * nComponents matrix.
   *
   * @throws IllegalArgumentException if {@code x} has another dimension than the fitted set
   */
  public Embeddings transform(Embeddings x) {
    if (x.dim() != d) {
      throw new IllegalArgumentException(
          "embeddings must have the fitted dimension " + d + ", got " + x.dim());
    }
    int n = x.size();
    double[] data = x.flat();
    double[] out = new double[n * p];
    double[] row = new double[d];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        row[j] = data[i * d + j] - mean[j];
      }
      for (int c = 0; c < p; c++) {
        int co = c * d;
        double s = 0;
        for (int j = 0; j < d; j++) {
          s += row[j] * components[co + j];
        }
        out[i * p + c] = s;
      }
    }
    return Embeddings.wrap(out, n, p);
  }

  /** The fraction of the total variance along each component (decreasing; a copy). */
  public double[] explainedVarianceRatio() {
    return ratio.clone();
  }

  /** The variance along each component, with the {@code n - 1} denominator (a copy). */
  public double[] explainedVariance() {
    return variance.clone();
  }

  /**
   * The components as unit rows, nComponents x d row-major: component c, feature j at {@code c * d
   * + j} (a copy).
   */
  public double[] components() {
    return components.clone();
  }

  /** The per-feature mean of the fitted set (d; a copy). */
  public double[] mean() {
    return mean.clone();
  }

  /** The number of components kept. */
  public int nComponents() {
    return p;
  }

  /** The dimension of the fitted embeddings. */
  public int dim() {
    return d;
  }
}
