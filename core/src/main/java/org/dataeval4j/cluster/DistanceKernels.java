package org.dataeval4j.cluster;

import java.lang.System.Logger.Level;

/**
 * Picks the {@link DistanceKernel} implementation once per JVM: SIMD when {@code
 * jdk.incubator.vector} is present (system property {@code dataeval4j.scalar=true} forces the
 * scalar one). Both give identical results.
 */
final class DistanceKernels {
  private static final System.Logger LOG = System.getLogger(DistanceKernels.class.getName());

  static final DistanceKernel SCALAR = new ScalarDistanceKernel();
  static final DistanceKernel BEST = pick();

  private DistanceKernels() {}

  private static DistanceKernel pick() {
    if (Boolean.getBoolean("dataeval4j.scalar")
        || ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
      return SCALAR;
    }
    try {
      Class<?> c = Class.forName("org.dataeval4j.cluster.VectorDistanceKernel");
      return (DistanceKernel) c.getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
      LOG.log(Level.DEBUG, "Vector API unusable, scalar k-means distances: " + e);
      return SCALAR;
    }
  }
}
