package org.dataeval4j.neighbors;

import org.dataeval4j.data.Embeddings;
import org.dataeval4j.exec.Exec;
import org.dataeval4j.exec.Progress;

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
 * <p>Scheduling: rows I and nb - 1 - I form one task, so tasks have equal work. A row starts with
 * its diagonal tile, applied at once under the row's lock, which sets tight thresholds early; the
 * other tiles buffer their offers and apply them under each block's lock.
 */
final class SelfJoin {
  private SelfJoin() {}

  static void run(
      Embeddings x,
      PackedRows packed,
      float[] qf,
      float[] qn,
      int k,
      float eps,
      float tiny,
      Exec exec,
      Progress progress,
      ScreeningKernel kernel,
      int[] outIdx,
      float[] outDist) {
    int n = x.size();
    int kk = k + 1;
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
    int tasks = (nb + 1) / 2;
    exec.forEachBlock(
        tasks,
        1,
        (t0, t1) -> {
          Offers.Buffer forward = new Offers.Buffer();
          Offers.Buffer reverse = new Offers.Buffer();
          for (int t = t0; t < t1; t++) {
            int[] rows = t == nb - 1 - t ? new int[] {t} : new int[] {t, nb - 1 - t};
            for (int bi : rows) {
              int start = bi * block;
              int end = Math.min(n, start + block);
              CandidateSet own = sets[bi];
              synchronized (own) {
                kernel.scan(
                    packed,
                    bi * groupsPerBlock,
                    Math.min(packed.groups, (bi + 1) * groupsPerBlock),
                    qf,
                    qn,
                    start,
                    end,
                    eps,
                    tiny,
                    thresholds,
                    Offers.into(own, start),
                    null);
              }
              for (int bj = bi + 1; bj < nb; bj++) {
                kernel.scan(
                    packed,
                    bj * groupsPerBlock,
                    Math.min(packed.groups, (bj + 1) * groupsPerBlock),
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
              progress.advance(end - start);
            }
          }
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
              KnnSearch.finish(x, x, k, kk, true, start, end, set, outIdx, outDist);
            }
          }
        });
  }
}
