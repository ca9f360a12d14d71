package org.dataeval4j.neighbors;

import static org.assertj.core.api.Assertions.assertThat;

import org.dataeval4j.data.Embeddings;
import org.dataeval4j.exec.Exec;
import org.dataeval4j.exec.Progress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The SIMD and scalar screening kernels must give identical searches on awkward sizes. */
class KernelTest {

  @Test
  void theSimdKernelIsTheOneInUseWhenTheModuleIsPresent() {
    // Surefire runs with --add-modules jdk.incubator.vector; without it the scalar kernel is used.
    boolean present = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    assertThat(ScreeningKernel.best().getClass().getSimpleName())
        .isEqualTo(present ? "VectorKernel" : "ScalarKernel");
  }

  @ParameterizedTest(name = "n={0} d={1} queries={2}")
  @CsvSource({
    "1,1,1",
    "7,3,7",
    "13,5,3",
    "33,7,33",
    "127,13,5",
    "129,33,127",
    "517,2,517",
    "1031,64,97"
  })
  void simdAndScalarKernelsAgree(int n, int d, int queries) {
    Embeddings fit = NeighborsTest.random(n * 7L + d, n, d, 2.0, n / 8);
    Embeddings query = NeighborsTest.random(n * 13L + d, queries, d, 2.0, 0);
    int k = Math.min(n, 9);
    KnnGraph scalar =
        KnnSearch.search(fit, query, k, false, Exec.serial(), Progress.NONE, Kernels.SCALAR);
    KnnGraph best =
        KnnSearch.search(fit, query, k, false, Exec.serial(), Progress.NONE, Kernels.BEST);
    assertThat(best.indices()).isEqualTo(scalar.indices());
    assertThat(best.distances()).isEqualTo(scalar.distances());
    if (n > 1) {
      KnnGraph selfScalar =
          KnnSearch.search(
              fit, fit, Math.min(n - 1, 9), true, Exec.serial(), Progress.NONE, Kernels.SCALAR);
      KnnGraph selfBest =
          KnnSearch.search(
              fit, fit, Math.min(n - 1, 9), true, Exec.serial(), Progress.NONE, Kernels.BEST);
      assertThat(selfBest.indices()).isEqualTo(selfScalar.indices());
    }
  }
}
