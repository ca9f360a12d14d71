package org.dataeval4j.cluster;

/**
 * Elkan's lower bounds in 16 bits: a value v >= 0 is stored as the code {@code q - 32768} with
 * {@code q = min(floor(v / scale), 65534)}, and read as {@code (code + 32768) * scale}, where the
 * scale is a power of two. The reading is then exact in float (a 16-bit integer times a power of
 * two), never above v (rounded down, and a clamped value reads as {@code 65534 scale < v}), and
 * coarser than v by at most one scale step. The code {@link #TOP} reads as no value: it marks what
 * is never a candidate (a sample's own centre, the padding). Half the bytes of a float bound:
 * Elkan's filter reads every bound of a sample each iteration, and at large k that stream of memory
 * is what it costs.
 *
 * <p>The filter compares codes, not floats, 16 at a time. A centre c that has moved by {@code
 * drift} since a bound was stored lowers that bound by up to {@code drift}: by {@link #shift}{@code
 * (drift)} steps, rounded up; {@link #lower} subtracts them without wrapping round. A bound read
 * that way, or a half-distance coded by {@link #below}, rules c out against an upper bound u when
 * its code exceeds {@link #below}{@code (u)}: its value then exceeds u.
 */
final class ShortBound {
  private ShortBound() {}

  /** The number of steps of the scale that a bound can hold. */
  static final int STEPS = 65535;

  /** The offset of the stored signed value: {@code q = s + OFFSET}. */
  static final int OFFSET = 32768;

  /** The code of no value (see the class doc): above every code {@link #encode} gives. */
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

  /** The stored form of a bound v >= 0 (rounded down, below {@link #TOP}). */
  static short encode(double v, float scale) {
    // Multiplying by the inverse of a power of two is the exact division, and faster.
    double q = Math.floor(v * (1.0 / scale));
    return (short) ((q >= STEPS - 1 ? STEPS - 1 : (int) q) - OFFSET);
  }

  /**
   * The largest code that reads at most v (v >= 0), below {@link #TOP}: so a code above it reads
   * above v, unless v is beyond the range (then only TOP is above it).
   */
  static short below(double v, float scale) {
    return encode(v, scale);
  }

  /** The value a stored bound reads as (exact). */
  static float decode(short s, float scale) {
    return (s + OFFSET) * scale;
  }

  /**
   * The steps, rounded up, that cover a movement {@code drift >= 0}, at most {@link #STEPS}; as an
   * unsigned 16-bit value (wrapped into a short, as the SIMD kernel subtracts it).
   */
  static short shift(double drift, float scale) {
    double q = Math.ceil(drift * (1.0 / scale));
    return (short) (q >= STEPS ? STEPS : (int) q);
  }

  /**
   * The least code that stays a code after subtracting {@code shift}: {@code -32768 + shift} (codes
   * below it read as bounds below zero, which rule nothing out).
   */
  static short floor(short shift) {
    return (short) (Short.MIN_VALUE + Short.toUnsignedInt(shift));
  }

  /**
   * A stored code lowered by a centre's movement: {@code max(code, floor) - shift}, which reads at
   * most {@code decode(code) - drift} (or as 0 when that is below 0), and is never TOP unless the
   * code is TOP and the shift 0.
   */
  static short lower(short code, short floor, short shift) {
    return (short) (Math.max(code, floor) - Short.toUnsignedInt(shift));
  }
}
