package org.dataeval4j.tree;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.dataeval4j.data.Embeddings;
import org.dataeval4j.exec.Exec;
import org.dataeval4j.neighbors.Neighbors;
import org.junit.jupiter.api.Test;

/** The public spanning-tree and neighbour helpers ({@code conformance.md} C-41 to C-44). */
class SpanningTreeTest {

  static boolean connected(int n, SpanningTree.Edges e) {
    DisjointSet set = new DisjointSet(n);
    for (int r = 0; r < e.source().length; r++) {
      set.union(e.source()[r], e.target()[r]);
    }
    for (int i = 1; i < n; i++) {
      if (set.find(i) != set.find(0)) {
        return false;
      }
    }
    return true;
  }

  @Test
  void tenIdenticalImagesGiveAConnectedTreeOverEveryNode() {
    double[] ones = new double[10 * 9];
    java.util.Arrays.fill(ones, 1);
    SpanningTree.Edges e =
        SpanningTree.minimumSpanningTree(Embeddings.ofFlat(ones, 10, 9), 15, Exec.serial());
    assertThat(e.source()).hasSize(9);
    assertThat(connected(10, e)).isTrue();
  }

  @Test
  void eightPointsHaveTotalLengthEighteen() {
    Embeddings x =
        Embeddings.of(
            new double[][] {{0, 0}, {1, 0}, {0, 1}, {1, 1}, {10, 0}, {11, 0}, {10, 1}, {15, 0}});
    SpanningTree.Edges e = SpanningTree.minimumSpanningTree(x, 15, Exec.serial());
    double total = 0;
    for (int r = 0; r < e.source().length; r++) {
      total += Neighbors.distance(x, e.source()[r], x, e.target()[r]);
    }
    assertThat(total).isEqualTo(18.0);
  }

  @Test
  void twoFarGroupsWithSmallKAreBridged() {
    SplittableRandom rnd = new SplittableRandom(42);
    double[][] rows = new double[20][];
    for (int i = 0; i < 20; i++) {
      rows[i] =
          new double[] {
            rnd.nextDouble(-1, 1) + (i >= 10 ? 50 : 0), rnd.nextDouble(-1, 1), rnd.nextDouble(-1, 1)
          };
    }
    Embeddings x = Embeddings.of(rows);
    for (int k : new int[] {5, 15}) {
      SpanningTree.Edges e = SpanningTree.minimumSpanningTree(x, k, Exec.serial());
      assertThat(e.source()).hasSize(19);
      assertThat(connected(20, e)).isTrue();
    }
  }

  @Test
  void computeNeighborsIsAlwaysTwoDimensional() {
    double[] zeros = new double[10 * 9];
    double[] ones = new double[10 * 9];
    java.util.Arrays.fill(ones, 1);
    Embeddings fit = Embeddings.ofFlat(zeros, 10, 9);
    Embeddings query = Embeddings.ofFlat(ones, 10, 9);
    assertThat(Neighbors.computeNeighbors(fit, query, 1, Exec.serial())).hasDimensions(10, 1);
    assertThat(Neighbors.computeNeighbors(fit, query, 2, Exec.serial())).hasDimensions(10, 2);
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> Neighbors.computeNeighbors(fit, query, 0, Exec.serial()))
        .hasMessageContaining("k must be >= 1");
  }
}
