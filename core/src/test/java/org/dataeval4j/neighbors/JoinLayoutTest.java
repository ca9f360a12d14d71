package org.dataeval4j.neighbors;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.dataeval4j.data.Embeddings;
import org.dataeval4j.exec.Exec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The self-join's layout: a padded permutation in class-pure blocks, and every tile once. */
class JoinLayoutTest {

  @ParameterizedTest(name = "n={0} d={1} classes={2} block={3}")
  @CsvSource({
    "1,1,0,256",
    "9,2,0,8",
    "300,3,0,256",
    "700,5,0,64",
    "700,5,7,64",
    "1000,4,3,256",
    "50,2,50,16"
  })
  void positionsHoldEverySampleOnceInClassPureBlocks(int n, int d, int m, int block) {
    SplittableRandom rnd = new SplittableRandom(n * 17L + m);
    Embeddings x = NeighborsTest.random(n + d, n, d, 2.0, n / 10);
    int[] classes = null;
    if (m > 0) {
      classes = new int[n];
      for (int i = 0; i < n; i++) {
        classes[i] = 5 - 2 * rnd.nextInt(m); // unordered, negative values too
      }
    }
    JoinLayout layout = JoinLayout.of(x, classes, block, Exec.serial());
    int[] at = layout.sampleAt;
    assertThat(at.length % PackedRows.LANES).isZero();
    boolean[] seen = new boolean[n];
    for (int p : at) {
      if (p >= 0) {
        assertThat(seen[p]).as("sample %d twice", p).isFalse();
        seen[p] = true;
      }
    }
    for (int i = 0; i < n; i++) {
      assertThat(seen[i]).as("sample %d missing", i).isTrue();
    }
    int nb = layout.blocks();
    assertThat(layout.blockStart[0]).isZero();
    assertThat(layout.blockStart[nb]).isEqualTo(at.length);
    Set<Integer> classesSeen = new HashSet<>();
    int previousClass = Integer.MIN_VALUE;
    for (int b = 0; b < nb; b++) {
      int start = layout.blockStart[b];
      int end = layout.blockStart[b + 1];
      assertThat(end - start).isPositive().isLessThanOrEqualTo(block);
      assertThat(start % PackedRows.LANES).isZero();
      assertThat(at[start]).as("a block starts with a sample").isNotNegative();
      int c = classes == null ? 0 : classes[at[start]];
      if (c != previousClass) {
        assertThat(classesSeen.add(c)).as("class %d in one run of blocks", c).isTrue();
        previousClass = c;
      }
      boolean padding = false;
      for (int p = start; p < end; p++) {
        if (at[p] < 0) {
          padding = true;
        } else {
          assertThat(padding).as("padding only at the end of a block").isFalse();
          assertThat(classes == null ? 0 : classes[at[p]]).isEqualTo(c);
        }
      }
    }
    // Tiles: every pair of blocks once (I <= J), or with classes every pair of blocks of
    // different classes.
    boolean cross = classes != null;
    int[] classOf = classes != null ? classes : new int[n];
    Set<Integer> expected = new HashSet<>();
    for (int bi = 0; bi < nb; bi++) {
      for (int bj = bi; bj < nb; bj++) {
        if (!cross || blockClass(layout, classOf, bi) != blockClass(layout, classOf, bj)) {
          expected.add(bi * nb + bj);
        }
      }
    }
    Set<Integer> got = new HashSet<>();
    int[] tiles = layout.tiles();
    for (int t : tiles) {
      assertThat(got.add(t)).isTrue();
    }
    assertThat(got).isEqualTo(expected);
    // Order: by centroid distance, a diagonal tile by a quarter of its block's nearest; ties by id.
    double previous = Double.NEGATIVE_INFINITY;
    for (int r = 0; r < tiles.length; r++) {
      int bi = tiles[r] / nb;
      int bj = tiles[r] % nb;
      double key = centroidDistance(x, layout, bi, bj);
      if (bi == bj) {
        key = nb == 1 ? 0 : Double.POSITIVE_INFINITY;
        for (int o = 0; o < nb; o++) {
          if (o != bi) {
            key = Math.min(key, centroidDistance(x, layout, bi, o));
          }
        }
        key /= 4;
      }
      assertThat(key).as("tile %d", r).isGreaterThanOrEqualTo(previous);
      if (r > 0 && key == previous) {
        assertThat(tiles[r]).isGreaterThan(tiles[r - 1]);
      }
      previous = key;
    }
  }

  private static int blockClass(JoinLayout layout, int[] classes, int b) {
    return classes[layout.sampleAt[layout.blockStart[b]]];
  }

  /** Squared distance between the means of two blocks' samples, summed as plainly as possible. */
  private static double centroidDistance(Embeddings x, JoinLayout layout, int a, int b) {
    double s = 0;
    for (int t = 0; t < x.dim(); t++) {
      double diff = blockMean(x, layout, a, t) - blockMean(x, layout, b, t);
      s += diff * diff;
    }
    return s;
  }

  private static double blockMean(Embeddings x, JoinLayout layout, int b, int t) {
    double sum = 0;
    int count = 0;
    for (int p = layout.blockStart[b]; p < layout.blockStart[b + 1]; p++) {
      if (layout.sampleAt[p] >= 0) {
        sum += x.get(layout.sampleAt[p], t);
        count++;
      }
    }
    return sum / count;
  }

  @Test
  void theLayoutDoesNotDependOnTheThreads() {
    Embeddings x = NeighborsTest.random(29, 5000, 6, 1.0, 50);
    int[] classes = new int[5000];
    for (int i = 0; i < classes.length; i++) {
      classes[i] = (i * 7919) % 3;
    }
    JoinLayout one = JoinLayout.of(x, classes, 256, Exec.serial());
    try (Exec four = Exec.create(4)) {
      JoinLayout many = JoinLayout.of(x, classes, 256, four);
      assertThat(many.sampleAt).isEqualTo(one.sampleAt);
      assertThat(many.blockStart).isEqualTo(one.blockStart);
      assertThat(many.tiles()).isEqualTo(one.tiles());
    }
  }

  @Test
  void oneColumnIsCutIntoGroupsInSortedOrderTiesByIndex() {
    // With one column every split is at the median of that column, so each packed group holds
    // the next 8 samples by (value, index), in some order.
    SplittableRandom rnd = new SplittableRandom(3);
    int n = 1000;
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = rnd.nextInt(200);
    }
    JoinLayout layout = JoinLayout.of(Embeddings.wrap(v, n, 1), null, 64, Exec.serial());
    Integer[] sorted = new Integer[n];
    for (int i = 0; i < n; i++) {
      sorted[i] = i;
    }
    java.util.Arrays.sort(sorted, (a, b) -> v[a] != v[b] ? Double.compare(v[a], v[b]) : a - b);
    int[] at = layout.sampleAt;
    for (int g = 0; g * 8 < n; g++) {
      Set<Integer> expected = new HashSet<>();
      Set<Integer> got = new HashSet<>();
      for (int p = g * 8; p < Math.min(n, g * 8 + 8); p++) {
        expected.add(sorted[p]);
        got.add(at[p]);
      }
      assertThat(got).as("group %d", g).isEqualTo(expected);
    }
  }

  @ParameterizedTest(name = "n={0} distinct={1}")
  @CsvSource({"1,1", "2,1", "9,3", "100,2", "1000,1000", "777,5"})
  void selectionPutsTheSmallestByKeyThenIdFirst(int n, int distinct) {
    SplittableRandom rnd = new SplittableRandom(n * 3L + distinct);
    for (int m = 0; m <= n; m += Math.max(1, n / 7)) {
      double[] key = new double[n];
      int[] id = new int[n];
      for (int i = 0; i < n; i++) {
        key[i] = rnd.nextInt(distinct);
        id[i] = i;
      }
      for (int i = n - 1; i > 0; i--) { // shuffle the ids, keys moving with them
        int r = rnd.nextInt(i + 1);
        int t = id[i];
        id[i] = id[r];
        id[r] = t;
        double k = key[i];
        key[i] = key[r];
        key[r] = k;
      }
      double[] k0 = key.clone();
      int[] i0 = id.clone();
      if (m < n) {
        JoinLayout.select(key, id, m);
      }
      Integer[] order = new Integer[n];
      for (int i = 0; i < n; i++) {
        order[i] = i;
      }
      java.util.Arrays.sort(
          order, (a, b) -> k0[a] != k0[b] ? Double.compare(k0[a], k0[b]) : i0[a] - i0[b]);
      Set<Integer> expected = new HashSet<>();
      Set<Integer> got = new HashSet<>();
      for (int r = 0; r < m; r++) {
        expected.add(i0[order[r]]);
        got.add(id[r]);
      }
      assertThat(got).as("m=%d", m).isEqualTo(expected);
      int[] where = new int[n]; // ids are 0..n-1: where each started
      for (int p = 0; p < n; p++) {
        where[i0[p]] = p;
      }
      for (int r = 0; r < n; r++) {
        assertThat(key[r]).as("key of id %d", id[r]).isEqualTo(k0[where[id[r]]]);
      }
    }
  }

  @Test
  void nearTilesComeFirst() {
    // Four clusters on a line: 0, 10, 20 and 1000; blocks hold one cluster each.
    int n = 64;
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = (i / 16 == 3 ? 1000 : 10 * (i / 16)) + (i % 16) * 0.25;
    }
    JoinLayout layout = JoinLayout.of(Embeddings.wrap(v, n, 1), null, 16, Exec.serial());
    int[] tiles = layout.tiles();
    int nb = layout.blocks();
    assertThat(nb).isEqualTo(4);
    // Near blocks first; each diagonal tile (a quarter of its block's nearest squared distance)
    // before the other tiles of its block; the far cluster last.
    assertThat(tiles).containsExactly(0, 5, 10, 1, 6, 2, 15, 11, 7, 3);
  }
}
