package org.dataeval4j.cluster;

/**
 * Elkan's lower bounds in 16 bits: a value v >= 0 is stored as {@code q - 32768} with {@code q =
 * min(floor(v / scale), 65535)}, and read as {@code (s + 32768) * scale}, where the scale is a
 * power of two. The reading is then exact in float (a 16-bit integer times a power of two), never
 * above v (rounded down, and a clamped value reads as {@code 65535 scale < v}), and coarser than v
 * by at most one scale step. Half the bytes of a float bound: Elkan's filter reads every bound of a
 * sample each iteration, and at large k that stream of memory is what it costs.
 */
final class ShortBound {
  private ShortBound() {}

  /** The number of steps of the scale that a bound can hold. */
  static final int STEPS = 65535;

  /** The offset of the stored signed value: {@code q = s + OFFSET}. */
  static final int OFFSET = 32768;

  /** The code that reads as the largest bound, {@code STEPS * scale}. */
  static final short TOP = (short) (STEPS - OFFSET);

  /**
   * The scale for bounds up to about {@code range}: the least power of two with {@code STEPS *
   * scale >= range}, kept within the normal floats (and so that {@code STEPS * scale} is finite).
   */
  static float scaleFor(double range) {
    int exponent = Math.getExponent(range / STEPS) + 1;
    if (!(range > 0) || Double.isNaN(range)) {
      exponent = Float.MIN_EXPONENT;
    }
    exponent = Math.max(Float.MIN_EXPONENT, Math.min(Float.MAX_EXPONENT - 16, exponent));
    return Math.scalb(1f, exponent);
  }

  /** The stored form of a bound v >= 0 (rounded down). */
  static short encode(double v, float scale) {
    // Multiplying by the inverse of a power of two is the exact division, and faster.
    double q = Math.floor(v * (1.0 / scale));
    return (short) ((q >= STEPS ? STEPS : (int) q) - OFFSET);
  }

  /** The value a stored bound reads as (exact). */
  static float decode(short s, float scale) {
    return (s + OFFSET) * scale;
  }
}
