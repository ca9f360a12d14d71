package org.dataeval4j.neighbors;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Where a screening kernel sends the rows that pass a query's threshold: straight into a {@link
 * CandidateSet} ({@link #into}), or into a buffer applied later under a lock ({@link Buffer}).
 */
interface Offers {

  /** Row j may be among the nearest of query q: {@code lo <= exact squared distance <= hi}. */
  void offer(int q, int j, float lo, float hi);

  /** Applies offers at once to {@code set}, whose query 0 is global query {@code start}. */
  static Offers into(CandidateSet set, int start) {
    return (q, j, lo, hi) -> set.offer(q - start, j, lo, hi);
  }

  /**
   * Passes on only the offers between samples of different classes ({@code classes} indexed like
   * the queries and rows, which are the same samples); {@code null} classes pass everything.
   */
  static Offers otherClass(Offers inner, int @Nullable [] classes) {
    if (classes == null) {
      return inner;
    }
    return (q, j, lo, hi) -> {
      if (classes[q] != classes[j]) {
        inner.offer(q, j, lo, hi);
      }
    };
  }

  /** A growable buffer of offers. */
  final class Buffer implements Offers {
    private int[] query = new int[256];
    private int[] row = new int[256];
    private float[] lower = new float[256];
    private float[] upper = new float[256];
    private int size;

    @Override
    public void offer(int q, int j, float lo, float hi) {
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
}
