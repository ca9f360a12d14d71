package org.dataeval4j.cli;

import org.dataeval4j.cluster.Pca;
import org.dataeval4j.data.Embeddings;

/**
 * Dimensionality reduction as the commands use it ({@code cluster --pca D}, {@code pca}). The
 * production implementation is {@link #pca()}, over {@code org.dataeval4j.cluster.Pca}; tests pass
 * their own.
 */
interface Reducer {

  /**
   * The reduced embeddings (n x D) and the fraction of the variance each kept component explains (D
   * values, shared, not copied).
   */
  final class Reduction {
    private final Embeddings reduced;
    private final double[] explainedVarianceRatio;

    Reduction(Embeddings reduced, double[] explainedVarianceRatio) {
      this.reduced = reduced;
      this.explainedVarianceRatio = explainedVarianceRatio;
    }

    Embeddings reduced() {
      return reduced;
    }

    double[] explainedVarianceRatio() {
      return explainedVarianceRatio;
    }
  }

  /**
   * Reduces {@code x} to {@code components} dimensions.
   *
   * @throws IllegalArgumentException if {@code components} is out of range for {@code x}
   */
  Reduction reduce(Embeddings x, int components);

  /**
   * Principal component analysis: {@code Pca.fit(x, components)}, then {@code transform(x)} and
   * {@code explainedVarianceRatio()}.
   */
  static Reducer pca() {
    return (x, components) -> {
      Pca p = Pca.fit(x, components);
      return new Reduction(p.transform(x), p.explainedVarianceRatio());
    };
  }
}
