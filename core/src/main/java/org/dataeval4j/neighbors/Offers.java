package org.dataeval4j.neighbors;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Where a screening kernel sends the rows that pass a query's threshold: straight into a {@link
 * CandidateSet} ({@link #into}), or into a buffer applied later under the set's lock ({@link
 * #buffer}, {@link #drainInto}).
 *
 * <p>One final class rather than an interface with a lambda per use: the kernels call {@link
 * #offer} for every pair that passes, and a call site that saw several implementations became a
 * megamorphic dispatch that cost as much as the screening arithmetic.
 */
final class Offers {
  private final @Nullable CandidateSet target;
  private final int start;
  private int[] query = new int[0];
  private int[] row = new int[0];
  private float[] lower = new float[0];
  private float[] upper = new float[0];
  private int size;

  private Offers(@Nullable CandidateSet target, int start) {
    this.target = target;
    this.start = start;
  }

  /** Applies offers at once to {@code set}, whose query 0 is global query {@code start}. */
  static Offers into(CandidateSet set, int start) {
    return new Offers(set, start);
  }

  /** A growable buffer of offers, applied by {@link #drainInto}. */
  static Offers buffer() {
    Offers b = new Offers(null, 0);
    b.query = new int[256];
    b.row = new int[256];
    b.lower = new float[256];
    b.upper = new float[256];
    return b;
  }

  /** Row j may be among the nearest of query q: {@code lo <= exact squared distance <= hi}. */
  void offer(int q, int j, float lo, float hi) {
    CandidateSet set = target;
    if (set != null) {
      set.offer(q - start, j, lo, hi);
      return;
    }
    if (size == query.length) {
      int grown = size * 2;
      query = Arrays.copyOf(query, grown);
      row = Arrays.copyOf(row, grown);
      lower = Arrays.copyOf(lower, grown);
      upper = Arrays.copyOf(upper, grown);
    }
    query[size] = q;
    row[size] = j;
    lower[size] = lo;
    upper[size] = hi;
    size++;
  }

  /** Applies and clears the buffer; every query must belong to {@code set} (offset start). */
  void drainInto(CandidateSet set, int start) {
    for (int i = 0; i < size; i++) {
      set.offer(query[i] - start, row[i], lower[i], upper[i]);
    }
    size = 0;
  }
}
