package org.dataeval4j.neighbors;

import org.dataeval4j.data.Embeddings;
import org.dataeval4j.exec.Exec;
import org.dataeval4j.exec.Sorts;
import org.jspecify.annotations.Nullable;

/**
 * Where {@link SelfJoin} puts each sample, and in which order it screens the tiles.
 *
 * <p>Positions: the samples grouped by class (all in one group without classes), each group in k-d
 * tree order and padded to a multiple of {@link PackedRows#LANES}; position p holds sample {@code
 * sampleAt[p]}, or padding ({@code -1}). Blocks: each group cut every {@code block} positions, so
 * no block straddles two classes; block b is positions {@code [blockStart[b], blockStart[b + 1])},
 * a multiple of LANES long.
 *
 * <p>The k-d tree splits a range of samples at the median of its column of largest variance (ties
 * by index), into a left part of a whole number of blocks (or, within a block, of packed groups),
 * and recurses until a range fits in one packed group. Every block and every packed group is then a
 * compact cell: the pairs of a group and a nearby group are close in the columns that matter most,
 * which is what lets the kernels' partial-distance stops drop whole register blocks.
 */
final class JoinLayout {
  final int[] sampleAt;
  final int[] blockStart;
  private final int[] blockGroup;
  private final boolean crossGroupsOnly;

  /** The mean of each block's samples: {@code centroid[b * d + t]}. */
  private final double[] centroid;

  private final int d;

  private JoinLayout(
      int[] sampleAt, int[] blockStart, int[] blockGroup, boolean crossGroupsOnly, Embeddings x) {
    this.sampleAt = sampleAt;
    this.blockStart = blockStart;
    this.blockGroup = blockGroup;
    this.crossGroupsOnly = crossGroupsOnly;
    this.d = x.dim();
    int nb = blockGroup.length;
    double[] data = x.flat();
    this.centroid = new double[nb * d];
    for (int b = 0; b < nb; b++) {
      int count = 0;
      for (int p = blockStart[b]; p < blockStart[b + 1]; p++) {
        int i = sampleAt[p];
        if (i >= 0) {
          count++;
          for (int t = 0; t < d; t++) {
            centroid[b * d + t] += data[i * d + t];
          }
        }
      }
      for (int t = 0; t < d; t++) {
        centroid[b * d + t] /= count;
      }
    }
  }

  /**
   * @param classes one class per sample, or {@code null} for a single group; with classes, only the
   *     tiles between different classes are screened
   * @param block the largest block, a positive multiple of {@link PackedRows#LANES}
   * @param exec splits the ranges of each tree level over its threads (the layout does not depend
   *     on the thread count)
   */
  static JoinLayout of(Embeddings x, int @Nullable [] classes, int block, Exec exec) {
    int n = x.size();
    int lanes = PackedRows.LANES;
    assert block > 0 && block % lanes == 0;
    int[] byClass = new int[n];
    for (int i = 0; i < n; i++) {
      byClass[i] = i;
    }
    if (classes != null) {
      double[] key = new double[n];
      for (int i = 0; i < n; i++) {
        key[i] = classes[i];
      }
      Sorts.byKeyThenId(key, byClass, n);
    }
    int positions = 0;
    int blocks = 0;
    int runs = 0;
    for (int from = 0; from < n; runs++) {
      int to = runEnd(byClass, classes, from);
      int padded = roundUp(to - from, lanes);
      positions += padded;
      blocks += (padded + block - 1) / block;
      from = to;
    }
    int[] runBounds = new int[2 * runs];
    for (int from = 0, r = 0; from < n; r++) {
      runBounds[2 * r] = from;
      from = runEnd(byClass, classes, from);
      runBounds[2 * r + 1] = from;
    }
    kdOrder(x, byClass, runBounds, block, exec);
    int[] sampleAt = new int[positions];
    int[] blockStart = new int[blocks + 1];
    int[] blockGroup = new int[blocks];
    java.util.Arrays.fill(sampleAt, -1);
    int p = 0;
    int b = 0;
    for (int from = 0, group = 0; from < n; group++) {
      int to = runEnd(byClass, classes, from);
      System.arraycopy(byClass, from, sampleAt, p, to - from);
      int end = p + roundUp(to - from, lanes);
      for (int s = p; s < end; s += block, b++) {
        blockStart[b] = s;
        blockGroup[b] = group;
      }
      p = end;
      from = to;
    }
    blockStart[blocks] = positions;
    return new JoinLayout(sampleAt, blockStart, blockGroup, classes != null, x);
  }

  int blocks() {
    return blockGroup.length;
  }

  /**
   * The tiles to screen, each as {@code I * blocks() + J} with I <= J: every pair of blocks, or
   * with classes every pair of blocks of different classes. Ordered by the squared distance between
   * the blocks' centroids, ties by (I, J): near tiles first, so that thresholds are tight by the
   * time the far tiles are screened. A diagonal tile (I, I) counts a quarter of the squared
   * distance to I's nearest other block: it still comes before every other tile of I, but the
   * diagonal tiles are spread among the others rather than all first, so the kernels see their
   * one-way and symmetric scans from the start and the JIT compiles both.
   */
  int[] tiles() {
    int nb = blocks();
    double[] nearest = new double[nb];
    for (int bi = 0; bi < nb; bi++) {
      nearest[bi] = nb == 1 ? 0 : Double.POSITIVE_INFINITY;
      for (int bj = 0; bj < nb; bj++) {
        if (bj != bi) {
          nearest[bi] = Math.min(nearest[bi], squaredDistance(bi, bj));
        }
      }
    }
    int count = 0;
    for (int bi = 0; bi < nb; bi++) {
      for (int bj = bi; bj < nb; bj++) {
        if (!crossGroupsOnly || blockGroup[bi] != blockGroup[bj]) {
          count++;
        }
      }
    }
    double[] key = new double[count];
    int[] tiles = new int[count];
    int t = 0;
    for (int bi = 0; bi < nb; bi++) {
      for (int bj = bi; bj < nb; bj++) {
        if (!crossGroupsOnly || blockGroup[bi] != blockGroup[bj]) {
          key[t] = bi == bj ? nearest[bi] / 4 : squaredDistance(bi, bj);
          tiles[t] = Math.multiplyExact(bi, nb) + bj;
          t++;
        }
      }
    }
    Sorts.byKeyThenId(key, tiles, count);
    return tiles;
  }

  private double squaredDistance(int bi, int bj) {
    double s = 0;
    for (int t = 0; t < d; t++) {
      double diff = centroid[bi * d + t] - centroid[bj * d + t];
      s += diff * diff;
    }
    return s;
  }

  /** The end of the run of samples of one class starting at {@code from} (all with no classes). */
  private static int runEnd(int[] byClass, int @Nullable [] classes, int from) {
    int n = byClass.length;
    if (classes == null) {
      return n;
    }
    int to = from;
    while (to < n && classes[byClass[to]] == classes[byClass[from]]) {
      to++;
    }
    return to;
  }

  private static int roundUp(int m, int multiple) {
    return (m + multiple - 1) / multiple * multiple;
  }

  /**
   * Reorders each range {@code ids[ranges[2 r], ranges[2 r + 1])} into k-d tree order (see the
   * class comment), one tree level at a time, the ranges of a level in parallel: each split sorts
   * only its own range, so the order does not depend on the threads.
   */
  private static void kdOrder(Embeddings x, int[] ids, int[] ranges, int block, Exec exec) {
    int lanes = PackedRows.LANES;
    int[] level = splittable(ranges, ranges.length / 2);
    while (level.length > 0) {
      int m = level.length / 2;
      int[] current = level;
      int[] children = new int[4 * m];
      exec.forEachBlock(
          m,
          Math.max(1, m / 64),
          (r0, r1) -> {
            double[] mean = new double[x.dim()];
            double[] spread = new double[x.dim()];
            for (int r = r0; r < r1; r++) {
              int lo = current[2 * r];
              int hi = current[2 * r + 1];
              int len = hi - lo;
              int unit = len > block ? block : lanes;
              int mid = lo + ((len + unit - 1) / unit + 1) / 2 * unit;
              splitByWidestColumn(x, ids, lo, mid, hi, mean, spread);
              children[4 * r] = lo;
              children[4 * r + 1] = mid;
              children[4 * r + 2] = mid;
              children[4 * r + 3] = hi;
            }
          });
      level = splittable(children, 2 * m);
    }
  }

  /** The first {@code count} ranges (pairs of bounds) that hold more than one packed group. */
  private static int[] splittable(int[] ranges, int count) {
    int[] out = new int[2 * count];
    int kept = 0;
    for (int r = 0; r < count; r++) {
      if (ranges[2 * r + 1] - ranges[2 * r] > PackedRows.LANES) {
        out[2 * kept] = ranges[2 * r];
        out[2 * kept + 1] = ranges[2 * r + 1];
        kept++;
      }
    }
    return java.util.Arrays.copyOf(out, 2 * kept);
  }

  /**
   * Reorders {@code ids[lo, hi)} so that {@code ids[lo, mid)} are the samples with the smallest
   * values in the column of largest spread, ties by index (a selection, not a sort: the children
   * are ordered by their own splits). The spread is estimated on at most about 512 evenly spaced
   * samples of the range: the choice of column only shapes the cells, never the results.
   */
  private static void splitByWidestColumn(
      Embeddings x, int[] ids, int lo, int mid, int hi, double[] mean, double[] spread) {
    int d = x.dim();
    double[] data = x.flat();
    int len = hi - lo;
    int step = Math.max(1, len / 512);
    int count = 0;
    java.util.Arrays.fill(mean, 0);
    java.util.Arrays.fill(spread, 0);
    for (int r = lo; r < hi; r += step, count++) {
      int o = ids[r] * d;
      for (int t = 0; t < d; t++) {
        mean[t] += data[o + t];
      }
    }
    for (int t = 0; t < d; t++) {
      mean[t] /= count;
    }
    for (int r = lo; r < hi; r += step) {
      int o = ids[r] * d;
      for (int t = 0; t < d; t++) {
        double c = data[o + t] - mean[t];
        spread[t] += c * c;
      }
    }
    int column = 0;
    for (int t = 1; t < d; t++) {
      if (spread[t] > spread[column]) {
        column = t;
      }
    }
    double[] key = new double[len];
    int[] part = new int[len];
    for (int r = 0; r < len; r++) {
      part[r] = ids[lo + r];
      key[r] = data[part[r] * d + column];
    }
    select(key, part, mid - lo);
    System.arraycopy(part, 0, ids, lo, len);
  }

  /**
   * Moves the {@code m} smallest entries by (key, id) to the front, the keys moving with the ids
   * (Hoare's FIND with the middle entry as pivot; (key, id) pairs are distinct). Expected time
   * linear in the length.
   */
  static void select(double[] key, int[] id, int m) {
    int left = 0;
    int right = key.length - 1;
    while (left < right) {
      double pivotKey = key[m];
      int pivotId = id[m];
      int i = left;
      int j = right;
      while (i <= j) {
        while (key[i] < pivotKey || (key[i] == pivotKey && id[i] < pivotId)) {
          i++;
        }
        while (pivotKey < key[j] || (pivotKey == key[j] && pivotId < id[j])) {
          j--;
        }
        if (i <= j) {
          double k = key[i];
          key[i] = key[j];
          key[j] = k;
          int t = id[i];
          id[i] = id[j];
          id[j] = t;
          i++;
          j--;
        }
      }
      if (j < m) {
        left = i;
      }
      if (m < i) {
        right = j;
      }
    }
  }
}
