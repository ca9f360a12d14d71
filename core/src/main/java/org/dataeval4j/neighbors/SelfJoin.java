package org.dataeval4j.neighbors;

import org.dataeval4j.data.Embeddings;
import org.dataeval4j.exec.Exec;
import org.dataeval4j.exec.Progress;
import org.dataeval4j.exec.Sorts;
import org.jspecify.annotations.Nullable;

/**
 * The k-NN self-join of {@link KnnSearch} using symmetry: each pair of samples is screened once.
 *
 * <p>Layout: the samples are laid out at positions (see {@link JoinLayout}) cut into blocks of at
 * most {@link KnnSearch#QUERY_BLOCK}; only tiles (I, J) with J >= I are computed, and a pair that
 * passes sample j's threshold is offered to j as well as to i. With classes, every block holds one
 * class, and only the tiles between blocks of different classes are computed. Every block's {@link
 * CandidateSet} lives for the whole join; a tile is screened holding the locks of its two blocks
 * (the lower block's first, so no deadlock) and applies its offers at once, so thresholds tighten
 * within the tile. Thresholds are read without locks by the other tiles, where a stale value only
 * lets more rows through. Because the candidate sets keep every row that can be among the nearest,
 * whatever the order of the offers, and the survivors are ranked by exact distance, the result is
 * the same for any thread count and any interleaving.
 *
 * <p>Locality: the blocks are compact cells of a k-d tree, and tiles are handed out in order of the
 * distance between their blocks' centroids, so thresholds tighten early and the far tiles (most of
 * the work) are mostly dropped at the kernels' first partial-distance stop. The order changes only
 * the work, never the result (ties are still broken by the original indices).
 */
final class SelfJoin {
  private SelfJoin() {}

  /**
   * @param classes {@code null} for the plain self-join (each sample drops itself); otherwise a
   *     class per sample, and each sample's neighbours are taken among the other classes only, ties
   *     by (class, index)
   */
  static void run(
      Embeddings x,
      int k,
      int @Nullable [] classes,
      float eps,
      float tiny,
      Exec exec,
      Progress progress,
      ScreeningKernel kernel,
      int[] outIdx,
      float[] outDist) {
    int n = x.size();
    JoinLayout layout = JoinLayout.of(x, classes, KnnSearch.QUERY_BLOCK, exec);
    PackedRows packed = PackedRows.of(x, layout.sampleAt, PackedRows.columnsByVariance(x));
    int[] sampleAt = layout.sampleAt;
    boolean self = classes == null;
    int kk = self ? k + 1 : k;
    int @Nullable [] tieKey = null;
    int @Nullable [] keyToId = null;
    if (classes != null) {
      // Ties go by position in the other classes concatenated in class order: by (class, index).
      double[] byClass = new double[n];
      keyToId = new int[n];
      for (int i = 0; i < n; i++) {
        byClass[i] = classes[i];
        keyToId[i] = i;
      }
      Sorts.byKeyThenId(byClass, keyToId, n);
      tieKey = new int[n];
      for (int key = 0; key < n; key++) {
        tieKey[keyToId[key]] = key;
      }
    }
    int @Nullable [] ties = tieKey;
    int @Nullable [] idOfTie = keyToId;
    int nb = layout.blocks();
    float[] thresholds = new float[sampleAt.length];
    assert sampleAt.length == packed.groups * PackedRows.LANES;
    CandidateSet[] sets = new CandidateSet[nb];
    for (int b = 0; b < nb; b++) {
      int start = layout.blockStart[b];
      sets[b] = new CandidateSet(layout.blockStart[b + 1] - start, kk, thresholds, start);
    }
    for (int p = 0; p < thresholds.length; p++) {
      if (sampleAt[p] < 0) {
        thresholds[p] = Float.NEGATIVE_INFINITY; // padding never takes offers
      }
    }
    // Row thresholds of the one-way scans (diagonal tiles): no row takes a reverse offer.
    float[] closed = new float[thresholds.length];
    java.util.Arrays.fill(closed, Float.NEGATIVE_INFINITY);
    int[] tiles = layout.tiles();
    exec.forEachBlock(
        tiles.length,
        1,
        (t0, t1) -> {
          for (int t = t0; t < t1; t++) {
            int bi = tiles[t] / nb;
            int bj = tiles[t] % nb;
            int start = layout.blockStart[bi];
            int end = layout.blockStart[bi + 1];
            int g0 = layout.blockStart[bj] / PackedRows.LANES;
            int g1 = layout.blockStart[bj + 1] / PackedRows.LANES;
            CandidateSet own = sets[bi];
            CandidateSet other = sets[bj];
            if (bi == bj) {
              // One way: the tile holds both orders of each pair.
              Offers into = Offers.into(own, start);
              synchronized (own) {
                kernel.scan(
                    packed, g0, g1, packed, start, end, eps, tiny, thresholds, closed, into, into);
              }
            } else {
              // Both locks, always the lower block's first (tiles have bi < bj): no deadlock.
              synchronized (own) {
                synchronized (other) {
                  kernel.scan(
                      packed,
                      g0,
                      g1,
                      packed,
                      start,
                      end,
                      eps,
                      tiny,
                      thresholds,
                      thresholds,
                      Offers.into(own, start),
                      Offers.into(other, layout.blockStart[bj]));
                }
              }
            }
          }
          progress.advance((long) (t1 - t0) * n / tiles.length);
        });
    exec.forEachBlock(
        nb,
        1,
        (b0, b1) -> {
          for (int b = b0; b < b1; b++) {
            CandidateSet set = sets[b];
            synchronized (set) {
              KnnSearch.finish(
                  x,
                  x,
                  k,
                  kk,
                  self,
                  layout.blockStart[b],
                  layout.blockStart[b + 1],
                  set,
                  sampleAt,
                  ties,
                  idOfTie,
                  outIdx,
                  outDist);
            }
          }
        });
  }
}
