package org.dataeval4j.neighbors;

import org.dataeval4j.data.Embeddings;
import org.dataeval4j.exec.Exec;
import org.dataeval4j.exec.Progress;
import org.dataeval4j.exec.Sorts;
import org.jspecify.annotations.Nullable;

/**
 * The blocked k-NN search behind {@link Neighbors}.
 *
 * <p>Queries are taken in fixed blocks of {@link #QUERY_BLOCK}; each block scans the searched rows
 * in chunks that stay in cache. The scan computes, in float32, {@code |q|^2 + |x|^2 - 2 q.x} with a
 * rigorous error bound {@code eps (|q|^2 + |x|^2) + tiny}; {@link CandidateSet} keeps every row
 * that the bound cannot exclude, and the survivors are ranked by their exact double distance. The
 * result is therefore that of a brute-force double search, and depends on neither the thread count
 * nor the kernel (SIMD or scalar). The same bound over the first 8, 16, 32, ... columns (taken in
 * decreasing order of variance, see {@link PackedRows}) bounds the partial distance, which lets the
 * kernels drop most pairs after a few columns; self-searches go through {@link SelfJoin}.
 *
 * <p>Bound: with unit roundoff u = 2^-24, converting to float, the squared norms and a d-term dot
 * product accumulated in float are each off by at most about {@code (d + 8) u (|q|^2 + |x|^2)}
 * (Higham, <i>Accuracy and Stability of Numerical Algorithms</i>, §3.1); we use twice that. Values
 * so large that squares could overflow float, or so small that they would underflow, switch the
 * search to an exact double scan.
 */
final class KnnSearch {
  static final int QUERY_BLOCK = 256;

  /**
   * The self-join keeps a candidate set for every sample at once (memory about 24 (k + 1) bytes per
   * sample, beyond the result); above this many neighbours the query-blocked search, whose
   * candidate memory is per block, does the self search instead.
   */
  static final int SELF_JOIN_MAX_NEIGHBOURS = 64;

  /** Rows of the searched set per cache chunk (64 groups = 512 rows). */
  static final int CHUNK_GROUPS = 64;

  private KnnSearch() {}

  static KnnGraph search(Embeddings fit, Embeddings query, int k, boolean self, Exec exec) {
    return search(fit, query, k, self, exec, Progress.NONE);
  }

  /**
   * The k nearest rows of {@code fit} for every row of {@code query}; with {@code self}, {@code
   * fit} and {@code query} are the same set and each query drops itself (§3).
   */
  static KnnGraph search(
      Embeddings fit, Embeddings query, int k, boolean self, Exec exec, Progress progress) {
    return search(fit, query, k, self, exec, progress, ScreeningKernel.best());
  }

  /** As above, with a given kernel (for the kernel-versus-kernel tests). */
  static KnnGraph search(
      Embeddings fit,
      Embeddings query,
      int k,
      boolean self,
      Exec exec,
      Progress progress,
      ScreeningKernel kernel) {
    int nq = query.size();
    int d = fit.dim();
    int kk = self ? k + 1 : k;
    int[] outIdx = new int[Math.multiplyExact(nq, k)];
    float[] outDist = new float[nq * k];
    boolean screened = screenable(fit) && (self || screenable(query));
    if (!screened) {
      exec.forEachBlock(
          nq,
          QUERY_BLOCK,
          (start, end) -> {
            CandidateSet set = new CandidateSet(end - start, kk, new float[end - start], 0);
            exactScan(fit, query, start, end, set);
            finish(fit, query, k, kk, self, start, end, set, null, null, null, outIdx, outDist);
            progress.advance(end - start);
          });
      return new KnnGraph(nq, k, outIdx, outDist);
    }
    float eps = (float) ((2.0 * d + 32.0) * 0x1p-24);
    float tiny = Float.MIN_NORMAL;
    if (self && kk <= SELF_JOIN_MAX_NEIGHBOURS) {
      SelfJoin.run(fit, k, null, eps, tiny, exec, progress, kernel, outIdx, outDist);
      return new KnnGraph(nq, k, outIdx, outDist);
    }
    int[] columns = PackedRows.columnsByVariance(fit);
    PackedRows packed = PackedRows.of(fit, columns);
    PackedRows queries = PackedRows.of(query, columns);
    float[] thresholds = new float[nq];
    float[] closed = new float[packed.groups * PackedRows.LANES];
    java.util.Arrays.fill(closed, Float.NEGATIVE_INFINITY);
    exec.forEachBlock(
        nq,
        QUERY_BLOCK,
        (start, end) -> {
          CandidateSet set = new CandidateSet(end - start, kk, thresholds, start);
          Offers sink = Offers.into(set, start);
          for (int g0 = 0; g0 < packed.groups; g0 += CHUNK_GROUPS) {
            int g1 = Math.min(packed.groups, g0 + CHUNK_GROUPS);
            kernel.scan(
                packed, g0, g1, queries, start, end, eps, tiny, thresholds, closed, sink, sink);
          }
          finish(fit, query, k, kk, self, start, end, set, null, null, null, outIdx, outDist);
          progress.advance(end - start);
        });
    return new KnnGraph(nq, k, outIdx, outDist);
  }

  /** True when squares and products of the values stay normal, finite floats. */
  static boolean screenable(Embeddings x) {
    return Neighbors.screenableInFloat32(x.flat(), x.dim());
  }

  /**
   * For every sample, its k nearest samples whose class differs, ties by (class, index): the
   * extra-class neighbours of {@code evaluators.md} §4.2, where the searched rows are the other
   * classes concatenated in ascending class order. One symmetric join screens each cross-class pair
   * once; the caller guarantees that every class has at least k samples outside it.
   *
   * @return {@code null} when the join does not apply (values outside the screenable range, or more
   *     neighbours than the join keeps per sample); the caller then searches per class
   */
  static @Nullable KnnGraph otherClass(
      Embeddings x, int[] classes, int k, Exec exec, Progress progress) {
    int n = x.size();
    int[] outIdx = new int[Math.multiplyExact(n, k)];
    float[] outDist = new float[n * k];
    if (!screenable(x) || k > SELF_JOIN_MAX_NEIGHBOURS) {
      return null;
    }
    float eps = (float) ((2.0 * x.dim() + 32.0) * 0x1p-24);
    SelfJoin.run(
        x,
        k,
        classes,
        eps,
        Float.MIN_NORMAL,
        exec,
        progress,
        ScreeningKernel.best(),
        outIdx,
        outDist);
    return new KnnGraph(n, k, outIdx, outDist);
  }

  /** Offers every row with its exact squared distance as both bounds. */
  private static void exactScan(
      Embeddings fit, Embeddings query, int start, int end, CandidateSet set) {
    double[] x = fit.flat();
    double[] y = query.flat();
    int d = fit.dim();
    int nf = fit.size();
    for (int q = start; q < end; q++) {
      int qo = q * d;
      for (int j = 0; j < nf; j++) {
        int jo = j * d;
        double s = 0;
        for (int t = 0; t < d; t++) {
          double diff = y[qo + t] - x[jo + t];
          s += diff * diff;
        }
        set.offer(q - start, j, s, s);
      }
    }
  }

  /**
   * Ranks the candidates of the queries at positions {@code [start, end)} by exact distance and
   * writes their k neighbours.
   *
   * @param fit the searched rows
   * @param query the queries (the same embeddings in a self-search)
   * @param sampleAt the row (and query) of each position, {@code -1} for padding that is skipped;
   *     {@code null} when positions are rows
   * @param tieKey the key that breaks distance ties for each row, {@code null} for the row itself
   * @param keyToId the row of each tie key (the inverse of {@code tieKey})
   */
  static void finish(
      Embeddings fit,
      Embeddings query,
      int k,
      int kk,
      boolean self,
      int start,
      int end,
      CandidateSet set,
      int @Nullable [] sampleAt,
      int @Nullable [] tieKey,
      int @Nullable [] keyToId,
      int[] outIdx,
      float[] outDist) {
    double[] x = fit.flat();
    double[] y = query.flat();
    int d = fit.dim();
    double[] dist = new double[64];
    int[] ids = new int[64];
    for (int q = start; q < end; q++) {
      int id = sampleAt == null ? q : sampleAt[q];
      if (id < 0) {
        continue;
      }
      int local = q - start;
      set.trim(local);
      int m = set.count(local);
      if (dist.length < m) {
        dist = new double[m];
        ids = new int[m];
      }
      int[] cand = set.candidates(local);
      for (int c = 0; c < m; c++) {
        int sample = sampleAt == null ? cand[c] : sampleAt[cand[c]];
        assert sample >= 0;
        ids[c] = sample;
      }
      exactDistances(y, id * d, x, ids, m, d, dist);
      if (tieKey != null) {
        for (int c = 0; c < m; c++) {
          ids[c] = tieKey[ids[c]];
        }
      }
      Sorts.byKeyThenId(dist, ids, m);
      assert m >= kk : "fewer candidates than neighbours";
      int skip = -1;
      if (self) {
        assert tieKey == null;
        skip = 0;
        for (int r = 0; r < kk; r++) {
          if (ids[r] == id) {
            skip = r;
            break;
          }
        }
      }
      int o = id * k;
      for (int r = 0; r < kk; r++) {
        if (r != skip) {
          outIdx[o] = keyToId == null ? ids[r] : keyToId[ids[r]];
          outDist[o] = (float) dist[r];
          o++;
        }
      }
    }
  }

  /**
   * {@code out[c] = sqrt(sum_t (query[qo + t] - fit[rows[c] * d + t])^2)} for c below m, each sum
   * taken in column order as {@link Neighbors#distance} does (so the same double). Four rows at a
   * time: their sums are independent chains, which the processor overlaps.
   */
  private static void exactDistances(
      double[] query, int qo, double[] fit, int[] rows, int m, int d, double[] out) {
    int c = 0;
    for (; c + 4 <= m; c += 4) {
      int o0 = rows[c] * d;
      int o1 = rows[c + 1] * d;
      int o2 = rows[c + 2] * d;
      int o3 = rows[c + 3] * d;
      double s0 = 0;
      double s1 = 0;
      double s2 = 0;
      double s3 = 0;
      for (int t = 0; t < d; t++) {
        double v = query[qo + t];
        double e0 = v - fit[o0 + t];
        double e1 = v - fit[o1 + t];
        double e2 = v - fit[o2 + t];
        double e3 = v - fit[o3 + t];
        s0 += e0 * e0;
        s1 += e1 * e1;
        s2 += e2 * e2;
        s3 += e3 * e3;
      }
      out[c] = Math.sqrt(s0);
      out[c + 1] = Math.sqrt(s1);
      out[c + 2] = Math.sqrt(s2);
      out[c + 3] = Math.sqrt(s3);
    }
    for (; c < m; c++) {
      int o = rows[c] * d;
      double s = 0;
      for (int t = 0; t < d; t++) {
        double e = query[qo + t] - fit[o + t];
        s += e * e;
      }
      out[c] = Math.sqrt(s);
    }
  }
}
