package org.dataeval4j.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link ShortBound}: a stored bound never reads above the value it stores (or Elkan's filter would
 * rule out a centre that is nearer), and at most one scale step below it within the range; the same
 * holds after lowering it by a centre's movement; and a code above a value's limit reads above it.
 */
class ShortBoundTest {

  @Test
  void theScaleIsAPowerOfTwoThatCoversTheRange() {
    for (double range : new double[] {1e-30, 3e-7, 0.9, 1, 2, 1234.5, 6e12, 1e35}) {
      float scale = ShortBound.scaleFor(range);
      assertThat(Math.scalb(1f, Math.getExponent(scale))).isEqualTo(scale);
      assertThat((double) ShortBound.STEPS * scale).isGreaterThanOrEqualTo(range);
      // The least such power of two: half of it would not cover the range.
      assertThat((double) ShortBound.STEPS * scale / 2).isLessThanOrEqualTo(range);
    }
    assertThat(ShortBound.scaleFor(0)).isEqualTo(Float.MIN_NORMAL);
    assertThat(ShortBound.scaleFor(Double.NaN)).isEqualTo(Float.MIN_NORMAL);
    assertThat(Float.isFinite(ShortBound.STEPS * ShortBound.scaleFor(1e300))).isTrue();
  }

  @Test
  void aStoredBoundReadsAtMostItsValueAndWithinOneStep() {
    SplittableRandom rng = new SplittableRandom(3);
    for (double range : new double[] {1e-6, 1, 37.5, 1e9}) {
      float scale = ShortBound.scaleFor(range);
      for (int trial = 0; trial < 20_000; trial++) {
        // Values within the range, beyond it (clamped), and at exact steps.
        double v =
            switch (trial % 4) {
              case 0 -> rng.nextDouble() * range;
              case 1 -> rng.nextDouble() * 10 * range;
              case 2 -> rng.nextInt(ShortBound.STEPS + 1) * (double) scale;
              default -> rng.nextDouble() * scale * 3;
            };
        float read = ShortBound.decode(ShortBound.encode(v, scale), scale);
        assertThat((double) read).as("v=%s scale=%s", v, scale).isLessThanOrEqualTo(v);
        assertThat(read).isGreaterThanOrEqualTo(0f);
        assertThat(ShortBound.encode(v, scale)).isNotEqualTo(ShortBound.TOP);
        if (v <= (ShortBound.STEPS - 1.0) * scale) {
          assertThat(v - read).as("v=%s", v).isLessThan(scale);
        } else {
          assertThat(read).isEqualTo((ShortBound.STEPS - 1) * scale);
        }
      }
    }
    assertThat(ShortBound.decode(ShortBound.TOP, 1f)).isEqualTo(ShortBound.STEPS);
    assertThat(ShortBound.decode(ShortBound.encode(0, 0.5f), 0.5f)).isZero();
  }

  @Test
  void aCodeAboveTheLimitOfAValueReadsAboveIt() {
    SplittableRandom rng = new SplittableRandom(4);
    float scale = ShortBound.scaleFor(10);
    for (int trial = 0; trial < 20_000; trial++) {
      double v = trial % 2 == 0 ? rng.nextDouble() * 12 : rng.nextInt(ShortBound.STEPS) * scale;
      short limit = ShortBound.below(v, scale);
      assertThat((double) ShortBound.decode(limit, scale)).isLessThanOrEqualTo(v);
      if (limit < ShortBound.TOP - 1) {
        assertThat((double) ShortBound.decode((short) (limit + 1), scale)).isGreaterThan(v);
      } else {
        // Beyond the range: only TOP, which reads as no value, is above the limit.
        assertThat(v).isGreaterThanOrEqualTo((ShortBound.STEPS - 1.0) * scale);
      }
    }
  }

  /**
   * A bound lowered by a centre's movement ({@link ShortBound#lower}) reads at most what the stored
   * bound reads less the movement, or 0 when that is negative; exactly that when the movement is a
   * whole number of steps and the result is not negative; and never as TOP.
   */
  @Test
  void aLoweredBoundReadsAtMostTheStoredBoundLessTheMovement() {
    SplittableRandom rng = new SplittableRandom(5);
    float scale = ShortBound.scaleFor(10);
    for (int trial = 0; trial < 50_000; trial++) {
      short code =
          switch (trial % 5) {
            case 0 -> Short.MIN_VALUE;
            case 1 -> (short) (ShortBound.TOP - 1);
            default -> (short) (rng.nextInt(ShortBound.STEPS) - ShortBound.OFFSET);
          };
      double drift =
          switch (trial % 3) {
            case 0 -> rng.nextDouble() * 2;
            case 1 -> rng.nextDouble() * 20;
            default -> rng.nextInt(ShortBound.STEPS + 1) * (double) scale;
          };
      short shift = ShortBound.shift(drift, scale);
      int steps = Short.toUnsignedInt(shift);
      assertThat(steps * (double) scale)
          .isGreaterThanOrEqualTo(Math.min(drift, ShortBound.STEPS * (double) scale));
      assertThat((steps - 1) * (double) scale).isLessThan(drift);
      short lowered = ShortBound.lower(code, ShortBound.floor(shift), shift);
      double read = ShortBound.decode(lowered, scale);
      double truth = ShortBound.decode(code, scale) - drift;
      assertThat(read).as("code=%d drift=%s", code, drift).isLessThanOrEqualTo(Math.max(0, truth));
      assertThat(lowered).isNotEqualTo(ShortBound.TOP);
      if (drift == steps * (double) scale && truth >= 0) {
        assertThat(read).isEqualTo(truth);
      }
    }
    // TOP lowered by nothing stays TOP (the padding), and by anything does not.
    assertThat(ShortBound.lower(ShortBound.TOP, Short.MIN_VALUE, (short) 0))
        .isEqualTo(ShortBound.TOP);
    short one = ShortBound.shift(scale, scale);
    assertThat(ShortBound.lower(ShortBound.TOP, ShortBound.floor(one), one))
        .isEqualTo((short) (ShortBound.TOP - 1));
  }
}
