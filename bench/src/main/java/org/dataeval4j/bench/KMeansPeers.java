package org.dataeval4j.bench;

import elki.clustering.kmeans.ElkanKMeans;
import elki.clustering.kmeans.initialization.KMeansPlusPlus;
import elki.data.NumberVector;
import elki.data.type.TypeUtil;
import elki.database.StaticArrayDatabase;
import elki.database.relation.Relation;
import elki.datasource.ArrayAdapterDatabaseConnection;
import elki.distance.minkowski.SquaredEuclideanDistance;
import elki.utilities.random.RandomFactory;
import java.util.Locale;
import org.dataeval4j.cluster.KMeans;
import org.dataeval4j.cluster.KMeansOptions;
import org.dataeval4j.data.Embeddings;
import org.dataeval4j.exec.Exec;

/**
 * Our KMeans, ELKI's Elkan k-means and Smile's KMeans on the same input in one JVM, one thread
 * each, seed after seed (issue #3's comparison with JVM libraries). Every library starts from its
 * own k-means++ draw, so single runs differ in their iteration counts: compare sums over seeds.
 *
 * <p>Usage: {@code java -cp bench/target/benchmarks.jar org.dataeval4j.bench.KMeansPeers K SEEDS
 * [-Ddataeval4j.data=DIR]}; Smile runs only for K <= 50 (it takes minutes at K = 245).
 */
public final class KMeansPeers {
  private KMeansPeers() {}

  public static void main(String[] args) {
    int k = Integer.parseInt(args[0]);
    int seeds = Integer.parseInt(args[1]);
    Embeddings x = BenchData.fmnist(60_000);
    double[][] rows = new double[x.size()][];
    for (int i = 0; i < x.size(); i++) {
      rows[i] = x.row(i);
    }
    StaticArrayDatabase db = new StaticArrayDatabase(new ArrayAdapterDatabaseConnection(rows));
    db.initialize();
    Relation<NumberVector> relation = db.getRelation(TypeUtil.NUMBER_VECTOR_FIELD);
    double[] total = new double[3];
    // Seed 0 warms the JIT up and is not counted.
    for (int seed = 0; seed <= seeds; seed++) {
      long t = System.nanoTime();
      KMeans.fit(x, new KMeansOptions(k, null, seed), Exec.serial());
      double ours = (System.nanoTime() - t) / 1e9;
      t = System.nanoTime();
      new ElkanKMeans<NumberVector>(
              SquaredEuclideanDistance.STATIC,
              k,
              300,
              new KMeansPlusPlus<>(RandomFactory.get((long) seed)),
              false)
          .run(relation);
      double elki = (System.nanoTime() - t) / 1e9;
      double smileSeconds = Double.NaN;
      if (k <= 50) {
        t = System.nanoTime();
        smile.clustering.KMeans.fit(rows, k, 300, 1e-4);
        smileSeconds = (System.nanoTime() - t) / 1e9;
      }
      System.out.printf(
          Locale.ROOT,
          "k=%d seed=%d ours %.3f s, ELKI %.3f s, Smile %.3f s%n",
          k,
          seed,
          ours,
          elki,
          smileSeconds);
      if (seed > 0) {
        total[0] += ours;
        total[1] += elki;
        total[2] += smileSeconds;
      }
    }
    System.out.printf(
        Locale.ROOT,
        "k=%d seeds 1..%d total: ours %.3f s, ELKI %.3f s, Smile %.3f s%n",
        k,
        seeds,
        total[0],
        total[1],
        total[2]);
  }
}
