package org.dataeval4j.neighbors;

import java.lang.System.Logger.Level;

/** Picks the screening kernel once per JVM: SIMD when {@code jdk.incubator.vector} is present. */
final class Kernels {
  private static final System.Logger LOG = System.getLogger(Kernels.class.getName());

  static final ScreeningKernel SCALAR = new ScalarKernel();
  static final ScreeningKernel BEST = pick();

  private Kernels() {}

  private static ScreeningKernel pick() {
    if (Boolean.getBoolean("dataeval4j.scalar")) {
      return SCALAR;
    }
    boolean present = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    if (!present) {
      LOG.log(
          Level.DEBUG,
          "jdk.incubator.vector not present: scalar distance kernel"
              + " (run java with --add-modules jdk.incubator.vector for SIMD)");
      return SCALAR;
    }
    try {
      Class<?> c = Class.forName("org.dataeval4j.neighbors.VectorKernel");
      ScreeningKernel k = (ScreeningKernel) c.getDeclaredConstructor().newInstance();
      return k;
    } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
      LOG.log(Level.DEBUG, "Vector API unusable, scalar distance kernel: " + e);
      return SCALAR;
    }
  }
}
