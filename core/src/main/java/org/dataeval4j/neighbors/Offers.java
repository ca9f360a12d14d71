package org.dataeval4j.neighbors;

/**
 * Where a screening kernel sends the rows that pass a query's threshold: a {@link CandidateSet}
 * whose query 0 is global query {@code start}, applied at once (the caller holds the set's lock).
 *
 * <p>One final class rather than an interface with a lambda per use: the kernels call {@link
 * #offer} for every pair that passes, and a call site that saw several implementations became a
 * megamorphic dispatch that cost as much as the screening arithmetic.
 */
final class Offers {
  private final CandidateSet set;
  private final int start;

  private Offers(CandidateSet set, int start) {
    this.set = set;
    this.start = start;
  }

  /** Applies offers to {@code set}, whose query 0 is global query {@code start}. */
  static Offers into(CandidateSet set, int start) {
    return new Offers(set, start);
  }

  /** Row j may be among the nearest of query q: {@code lo <= exact squared distance <= hi}. */
  void offer(int q, int j, float lo, float hi) {
    set.offer(q - start, j, lo, hi);
  }
}
