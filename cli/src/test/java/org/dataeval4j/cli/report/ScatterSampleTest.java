package org.dataeval4j.cli.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The scatter's sampling rule: deterministic, tiers in order, the cap respected. */
class ScatterSampleTest {

  private static byte[] tiers(int n, int always, int flagged, long seed) {
    byte[] t = new byte[n];
    java.util.Arrays.fill(t, ScatterSample.OTHER);
    SplittableRandom r = new SplittableRandom(seed);
    for (int k = 0; k < flagged; k++) {
      t[r.nextInt(n)] = ScatterSample.FLAGGED;
    }
    for (int k = 0; k < always; k++) {
      t[r.nextInt(n)] = ScatterSample.ALWAYS;
    }
    return t;
  }

  @Test
  void keepsEverythingUpToTheCap() {
    byte[] t = tiers(500, 3, 20, 1);
    assertThat(ScatterSample.choose(t, 500)).hasSize(500).isSorted();
  }

  @Test
  void aboveTheCapKeepsAllFlaggedAndFillsWithOthers() {
    byte[] t = tiers(50_000, 50, 3_000, 2);
    int[] s = ScatterSample.choose(t, 20_000);
    assertThat(s).hasSize(20_000).isSorted().doesNotHaveDuplicates();
    boolean[] in = new boolean[t.length];
    for (int i : s) {
      in[i] = true;
    }
    for (int i = 0; i < t.length; i++) {
      if (t[i] != ScatterSample.OTHER) {
        assertThat(in[i]).as("flagged sample %d drawn", i).isTrue();
      }
    }
    assertThat(ScatterSample.choose(t.clone(), 20_000)).as("deterministic").isEqualTo(s);
  }

  @Test
  void tooManyFlaggedKeepsTheTableRowsAndSamplesTheRest() {
    byte[] t = tiers(40_000, 300, 39_000, 3);
    int[] s = ScatterSample.choose(t, 1_000);
    assertThat(s).hasSize(1_000);
    boolean[] in = new boolean[t.length];
    int others = 0;
    for (int i : s) {
      in[i] = true;
      others += t[i] == ScatterSample.OTHER ? 1 : 0;
    }
    assertThat(others).isZero();
    for (int i = 0; i < t.length; i++) {
      if (t[i] == ScatterSample.ALWAYS) {
        assertThat(in[i]).isTrue();
      }
    }
  }

  @Test
  void alwaysTierIsKeptEvenBeyondTheCap() {
    byte[] t = new byte[100];
    assertThat(ScatterSample.choose(t, 10)).hasSize(100);
  }
}
