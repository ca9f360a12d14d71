package org.dataeval4j.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link ShortBound}: a stored bound never reads above the value it stores (or Elkan's filter would
 * rule out a centre that is nearer), and at most one scale step below it within the range.
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
        if (v <= (double) ShortBound.STEPS * scale) {
          assertThat(v - read).as("v=%s", v).isLessThan(scale);
        } else {
          assertThat(read).isEqualTo(ShortBound.STEPS * scale);
        }
      }
    }
    assertThat(ShortBound.decode(ShortBound.TOP, 1f)).isEqualTo(ShortBound.STEPS);
    assertThat(ShortBound.decode(ShortBound.encode(0, 0.5f), 0.5f)).isZero();
  }
}
