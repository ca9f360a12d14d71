package org.dataeval4j.cli.report;

import java.util.SplittableRandom;

/**
 * Which samples the scatter plot draws, by tier: {@link #ALWAYS} (the rows of the report's tables)
 * are always drawn; then {@link #FLAGGED} samples (every duplicate, outlier and label error) and
 * then {@link #OTHER} ones fill the cap, a tier that does not fit entirely being sampled uniformly
 * (a partial Fisher-Yates shuffle from a fixed seed over the tier's indices in ascending order, so
 * the same input always gives the same picture).
 */
final class ScatterSample {
  /** The scatter's default cap on the number of points. */
  static final int DEFAULT_CAP = 20_000;

  static final byte ALWAYS = 0;
  static final byte FLAGGED = 1;
  static final byte OTHER = 2;

  /** The fixed seed of the choice. */
  static final long SEED = 0x5CA77E4L;

  private ScatterSample() {}

  /**
   * The chosen sample indices, ascending: every {@link #ALWAYS} sample, then as many of the next
   * tiers as fit in {@code cap}.
   *
   * @param tier one entry per sample: {@link #ALWAYS}, {@link #FLAGGED} or {@link #OTHER}
   * @param cap the number of points to aim for, {@code >= 0}
   */
  static int[] choose(byte[] tier, int cap) {
    int n = tier.length;
    boolean[] keep = new boolean[n];
    int kept = 0;
    SplittableRandom rng = new SplittableRandom(SEED);
    for (byte t = ALWAYS; t <= OTHER; t++) {
      int count = 0;
      for (byte v : tier) {
        if (v == t) {
          count++;
        }
      }
      int[] members = new int[count];
      for (int i = 0, m = 0; i < n; i++) {
        if (tier[i] == t) {
          members[m++] = i;
        }
      }
      int take = t == ALWAYS ? count : Math.max(0, Math.min(count, cap - kept));
      if (take < count) {
        for (int s = 0; s < take; s++) {
          int j = s + rng.nextInt(count - s);
          int tmp = members[s];
          members[s] = members[j];
          members[j] = tmp;
        }
      }
      for (int s = 0; s < take; s++) {
        keep[members[s]] = true;
      }
      kept += take;
    }
    int[] out = new int[kept];
    for (int i = 0, m = 0; i < n; i++) {
      if (keep[i]) {
        out[m++] = i;
      }
    }
    return out;
  }
}
