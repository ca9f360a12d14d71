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
 * CandidateSet} lives for the whole join and is changed only under its own lock (one lock at a
 * time, so no deadlock); thresholds are read without locks, where a stale value only lets more rows
 * through. Because the candidate sets keep every row that can be among the nearest, whatever the
 * order of the offers, and the survivors are ranked by exact distance, the result is the same for
 * any thread count and any interleaving.
 *
 * <p>Locality: the blocks are compact cells of a k-d tree, and tiles are handed out in order of the
 * distance between their blocks' centroids, so thresholds tighten early and the far tiles (most of
 * the work) are mostly dropped at the kernels' first partial-distance stop. The order changes only
 * the work, never the result (ties are still broken by the original indices).
 *
 * <p>Seeding: first every block is screened, in one direction and with its offers applied at once
 * under its lock, against its seed ({@link JoinLayout#seeds}: itself, or with classes the nearest
 * block of another class), so that its thresholds are finite before the symmetric tiles, which
 * buffer their offers and apply them under each block's lock afterwards. Each direction of a pair
 * of blocks is screened once: a tile skips the direction its seed already did.
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
    float[] thresholds = new float[packed.groups * PackedRows.LANES];
    CandidateSet[] sets = new CandidateSet[nb];
    for (int b = 0; b < nb; b++) {
      int start = layout.blockStart[b];
      sets[b] = new CandidateSet(layout.blockStart[b + 1] - start, kk, thresholds, start);
    }
    for (int p = 0; p < thresholds.length; p++) {
      if (p >= sampleAt.length || sampleAt[p] < 0) {
        thresholds[p] = Float.NEGATIVE_INFINITY; // padding never takes offers
      }
    }
    int[] seed = layout.seeds();
    int[] tiles = layout.tiles();
    exec.forEachBlock(
        nb,
        1,
        (b0, b1) -> {
          for (int b = b0; b < b1; b++) {
            if (seed[b] >= 0) {
              scanInto(sets[b], layout, b, seed[b], packed, eps, tiny, thresholds, kernel);
            }
          }
        });
    exec.forEachBlock(
        tiles.length,
        1,
        (t0, t1) -> {
          Offers forward = Offers.buffer();
          Offers reverse = Offers.buffer();
          for (int t = t0; t < t1; t++) {
            int bi = tiles[t] / nb;
            int bj = tiles[t] % nb;
            // The directions the seeds have not screened yet: bi's queries against bj's rows, and
            // (off the diagonal) bj's against bi's.
            boolean toI = seed[bi] != bj;
            boolean toJ = bi != bj && seed[bj] != bi;
            if (toI && toJ) {
              int start = layout.blockStart[bi];
              int end = layout.blockStart[bi + 1];
              int g0 = layout.blockStart[bj] / PackedRows.LANES;
              int g1 = layout.blockStart[bj + 1] / PackedRows.LANES;
              kernel.scan(
                  packed, g0, g1, packed, start, end, eps, tiny, thresholds, forward, reverse);
              CandidateSet own = sets[bi];
              synchronized (own) {
                forward.drainInto(own, start);
              }
              CandidateSet other = sets[bj];
              synchronized (other) {
                reverse.drainInto(other, layout.blockStart[bj]);
              }
            } else if (toI) {
              scanInto(sets[bi], layout, bi, bj, packed, eps, tiny, thresholds, kernel);
            } else if (toJ) {
              scanInto(sets[bj], layout, bj, bi, packed, eps, tiny, thresholds, kernel);
            }
          }
          progress.advance((long) (t1 - t0) * n / tiles.length);
        });
    double[] flat = x.flat();
    exec.forEachBlock(
        nb,
        1,
        (b0, b1) -> {
          for (int b = b0; b < b1; b++) {
            CandidateSet set = sets[b];
            synchronized (set) {
              KnnSearch.finish(
                  flat,
                  flat,
                  x.dim(),
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

  /**
   * Screens block {@code queries}' samples against block {@code rows}' in one direction, applying
   * the offers at once under the set's lock, so its thresholds tighten as the scan goes.
   */
  private static void scanInto(
      CandidateSet set,
      JoinLayout layout,
      int queries,
      int rows,
      PackedRows packed,
      float eps,
      float tiny,
      float[] thresholds,
      ScreeningKernel kernel) {
    int start = layout.blockStart[queries];
    int g0 = layout.blockStart[rows] / PackedRows.LANES;
    int g1 = layout.blockStart[rows + 1] / PackedRows.LANES;
    synchronized (set) {
      kernel.scan(
          packed,
          g0,
          g1,
          packed,
          start,
          layout.blockStart[queries + 1],
          eps,
          tiny,
          thresholds,
          Offers.into(set, start),
          null);
    }
  }
}
