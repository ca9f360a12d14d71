package org.dataeval4j.neighbors;

import org.dataeval4j.data.Embeddings;
import org.dataeval4j.exec.Exec;
import org.dataeval4j.exec.Progress;
import org.dataeval4j.exec.Sorts;
import org.jspecify.annotations.Nullable;

/**
 * The k-NN self-join of {@link KnnSearch} using symmetry: each pair of samples is screened once.
 *
 * <p>Samples are cut into blocks of {@link KnnSearch#QUERY_BLOCK}; only tiles (I, J) with J >= I
 * are computed, and a pair that passes sample j's threshold is offered to j as well as to i. Every
 * block's {@link CandidateSet} lives for the whole join and is changed only under its own lock (one
 * lock at a time, so no deadlock); thresholds are read without locks, where a stale value only lets
 * more rows through. Because the candidate sets keep every row that can be among the nearest,
 * whatever the order of the offers, and the survivors are ranked by exact distance, the result is
 * the same for any thread count and any interleaving.
 *
 * <p>Locality: the samples are first ordered along their principal direction (a few power
 * iterations), so that a block's near neighbours tend to lie in the same or nearby blocks.
 * Thresholds then tighten early and far fewer pairs pass the screen; the order changes only the
 * work, never the result (ties are still broken by the original indices).
 *
 * <p>Scheduling: tiles are handed out in order of their distance from the diagonal. Diagonal tiles
 * apply their offers at once under the block's lock; the others buffer their offers and apply them
 * under each block's lock.
 */
final class SelfJoin {
  private SelfJoin() {}

  /**
   * @param classes {@code null} for the plain self-join (each sample drops itself); otherwise a
   *     class per sample, and each sample's neighbours are taken among the other classes only, ties
   *     by (class, index)
   */
  static void run(
      Embeddings original,
      int k,
      int @Nullable [] classes,
      float eps,
      float tiny,
      Exec exec,
      Progress progress,
      ScreeningKernel kernel,
      int[] outIdx,
      float[] outDist) {
    int n = original.size();
    int[] order = projectionOrder(original);
    Embeddings x = original.select(order);
    PackedRows packed = PackedRows.of(x);
    float[] qf = KnnSearch.toFloat(x);
    float[] qn = KnnSearch.norms(qf, n, x.dim());
    boolean self = classes == null;
    int kk = self ? k + 1 : k;
    int @Nullable [] permutedClass = null;
    int @Nullable [] tieKey = null;
    int @Nullable [] keyToId = null;
    if (classes != null) {
      permutedClass = new int[n];
      for (int q = 0; q < n; q++) {
        permutedClass[q] = classes[order[q]];
      }
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
    int @Nullable [] cls = permutedClass;
    int @Nullable [] ties = tieKey;
    int @Nullable [] idOfTie = keyToId;
    int block = KnnSearch.QUERY_BLOCK;
    int groupsPerBlock = block / PackedRows.LANES;
    int nb = (n + block - 1) / block;
    float[] thresholds = new float[packed.groups * PackedRows.LANES];
    java.util.Arrays.fill(thresholds, n, thresholds.length, Float.NEGATIVE_INFINITY);
    CandidateSet[] sets = new CandidateSet[nb];
    for (int b = 0; b < nb; b++) {
      int size = Math.min(n, (b + 1) * block) - b * block;
      sets[b] = new CandidateSet(size, kk, thresholds, b * block);
    }
    // Tiles (I, I + delta) in order of delta: diagonals first, then ever farther blocks, so
    // thresholds are tight by the time the far tiles (most of the work) are screened.
    int tiles = nb * (nb + 1) / 2;
    int[] tileRow = new int[tiles];
    int[] tileCol = new int[tiles];
    for (int delta = 0, t = 0; delta < nb; delta++) {
      for (int bi = 0; bi + delta < nb; bi++, t++) {
        tileRow[t] = bi;
        tileCol[t] = bi + delta;
      }
    }
    exec.forEachBlock(
        tiles,
        1,
        (t0, t1) -> {
          Offers forward = Offers.buffer(cls);
          Offers reverse = Offers.buffer(cls);
          for (int t = t0; t < t1; t++) {
            int bi = tileRow[t];
            int bj = tileCol[t];
            int start = bi * block;
            int end = Math.min(n, start + block);
            int g0 = bj * groupsPerBlock;
            int g1 = Math.min(packed.groups, (bj + 1) * groupsPerBlock);
            CandidateSet own = sets[bi];
            if (bi == bj) {
              synchronized (own) {
                kernel.scan(
                    packed,
                    g0,
                    g1,
                    qf,
                    qn,
                    start,
                    end,
                    eps,
                    tiny,
                    thresholds,
                    Offers.into(own, start, cls),
                    null);
              }
            } else {
              kernel.scan(
                  packed,
                  g0,
                  g1,
                  qf,
                  qn,
                  start,
                  end,
                  eps,
                  tiny,
                  thresholds,
                  forward,
                  reverse);
              synchronized (own) {
                forward.drainInto(own, start);
              }
              CandidateSet other = sets[bj];
              synchronized (other) {
                reverse.drainInto(other, bj * block);
              }
            }
          }
          progress.advance((long) (t1 - t0) * n / tiles);
        });
    exec.forEachBlock(
        nb,
        1,
        (b0, b1) -> {
          for (int b = b0; b < b1; b++) {
            int start = b * block;
            int end = Math.min(n, start + block);
            CandidateSet set = sets[b];
            synchronized (set) {
              KnnSearch.finish(
                  x, x, k, kk, self, start, end, set, order, ties, idOfTie, outIdx, outDist);
            }
          }
        });
  }

  /**
   * The samples sorted by their projection on the principal direction of the centred data (power
   * iteration from the per-feature spread, a fixed number of steps), ties by index.
   */
  static int[] projectionOrder(Embeddings x) {
    int n = x.size();
    int d = x.dim();
    double[] data = x.flat();
    double[] mean = new double[d];
    for (int i = 0; i < n; i++) {
      for (int t = 0; t < d; t++) {
        mean[t] += data[i * d + t];
      }
    }
    for (int t = 0; t < d; t++) {
      mean[t] /= n;
    }
    double[] v = new double[d];
    for (int i = 0; i < n; i++) {
      for (int t = 0; t < d; t++) {
        double c = data[i * d + t] - mean[t];
        v[t] += c * c;
      }
    }
    double[] w = new double[d];
    for (int step = 0; step < 8; step++) {
      double norm = 0;
      for (double a : v) {
        norm += a * a;
      }
      if (!(norm > 0)) {
        break;
      }
      norm = Math.sqrt(norm);
      for (int t = 0; t < d; t++) {
        v[t] /= norm;
      }
      java.util.Arrays.fill(w, 0);
      for (int i = 0; i < n; i++) {
        double p = 0;
        for (int t = 0; t < d; t++) {
          p += (data[i * d + t] - mean[t]) * v[t];
        }
        for (int t = 0; t < d; t++) {
          w[t] += p * (data[i * d + t] - mean[t]);
        }
      }
      double[] swap = v;
      v = w;
      w = swap;
    }
    double[] key = new double[n];
    int[] ids = new int[n];
    for (int i = 0; i < n; i++) {
      double p = 0;
      for (int t = 0; t < d; t++) {
        p += data[i * d + t] * v[t];
      }
      key[i] = Double.isFinite(p) ? p : 0;
      ids[i] = i;
    }
    Sorts.byKeyThenId(key, ids, n);
    return ids;
  }
}
