package org.dataeval4j.bench;

import java.util.concurrent.TimeUnit;
import org.dataeval4j.cluster.ClusterOptions;
import org.dataeval4j.cluster.ClusterResult;
import org.dataeval4j.cluster.Clustering;
import org.dataeval4j.data.Embeddings;
import org.dataeval4j.exec.Exec;
import org.dataeval4j.neighbors.KnnGraph;
import org.dataeval4j.neighbors.Neighbors;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The k-NN step and the whole HDBSCAN {@code cluster()} on Fashion-MNIST PCA-50 (issue #2's speed
 * targets). Run as BENCHMARKS.md says; the JVM gets the Vector API module and a 1 GiB heap.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx1g", "--add-modules", "jdk.incubator.vector"})
public class ClusterBenchmark {

  @Param({"5000", "20000", "60000"})
  public int n;

  @Param({"2"})
  public int threads;

  private Embeddings x;
  private Exec exec;

  @Setup(Level.Trial)
  public void load() {
    x = BenchData.fmnist(n);
    exec = Exec.create(threads);
  }

  @TearDown(Level.Trial)
  public void close() {
    exec.close();
  }

  @Benchmark
  public KnnGraph knn() {
    return Neighbors.selfKnn(x, Math.min(25, n - 1), exec);
  }

  @Benchmark
  public ClusterResult clusterHdbscan() {
    return Clustering.cluster(x, ClusterOptions.defaults(), exec);
  }
}
