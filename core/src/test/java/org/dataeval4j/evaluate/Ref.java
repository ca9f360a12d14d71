package org.dataeval4j.evaluate;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.dataeval4j.cluster.Algorithm;
import org.dataeval4j.cluster.ClusterResult;
import org.dataeval4j.data.Embeddings;
import org.dataeval4j.exec.Exec;
import org.dataeval4j.neighbors.KnnGraph;
import org.dataeval4j.neighbors.Neighbors;
import org.jspecify.annotations.Nullable;

/**
 * DataEval's reference outputs (test resources copied from {@code shared/data}): the inputs,
 * DataEval's HDBSCAN clustering ({@code clusters.npy}, {@code mst.npy}) and its evaluator outputs.
 * The k-NN graph of a reference clustering is recomputed with our exact search (k = min(25, n-1),
 * as {@code cluster()} does), which differs from DataEval's only in tie order and for duplicates,
 * where ours gives exactly 0 ({@code cluster.md} §0.1).
 */
final class Ref {
  static final List<String> DATASETS =
      List.of(
          "digits64",
          "fmnist_pca50_5k",
          "blobs_n1k_d2",
          "blobs_n1k_d64",
          "blobs_n10k_d16",
          "moons_n1k");

  private static final Map<String, Ref> CACHE = new ConcurrentHashMap<>();

  final String name;
  final Embeddings x;
  final long[] labels;
  final int[] clusters;
  final float[] mst;

  private Ref(String name) {
    this.name = name;
    this.x = TestNpy.read("inputs/" + name + ".npy").embeddings();
    this.labels = TestNpy.read("inputs/" + name + "_labels.npy").longs();
    this.clusters = TestNpy.read(dir(name) + "clusters.npy").ints();
    this.mst = TestNpy.read(dir(name) + "mst.npy").floats();
  }

  static Ref of(String name) {
    return CACHE.computeIfAbsent(name, Ref::new);
  }

  static String dir(String name) {
    return "dataeval/" + name + "/hdbscan/";
  }

  String file(String f) {
    return dir(name) + f;
  }

  private @Nullable ClusterResult clusterResult;

  /** DataEval's clustering as a ClusterResult, with our k-NN graph (computed once). */
  synchronized ClusterResult clusterResult() {
    ClusterResult r = clusterResult;
    if (r == null) {
      r = precomputed(x, clusters, mst);
      clusterResult = r;
    }
    return r;
  }

  static ClusterResult precomputed(Embeddings x, int[] rawLabels, float[] mst) {
    KnnGraph knn = Neighbors.selfKnn(x, Math.min(25, x.size() - 1), Exec.serial());
    return ClusterResult.precomputed(Algorithm.HDBSCAN, rawLabels, null, mst, null, knn);
  }

  /** A result without k-NN data and MST (for rule-level tests). */
  static ClusterResult withMst(int[] rawLabels, float[] mst) {
    int n = rawLabels.length;
    return ClusterResult.precomputed(
        Algorithm.HDBSCAN,
        rawLabels,
        null,
        mst,
        null,
        new KnnGraph(n, 0, new int[0], new float[0]));
  }

  // ------------------------------------------------------------------ spec/data/expected.json

  private static volatile @Nullable Map<String, Object> expected;

  static Map<String, Object> expected() {
    Map<String, Object> e = expected;
    if (e == null) {
      e = TestJson.obj(TestJson.read("spec/expected.json"));
      expected = e;
    }
    return e;
  }

  static Map<String, Object> expected(String key) {
    return TestJson.obj(TestJson.get(expected(), key));
  }

  /** The {@code data} rows of an expected.json case as embeddings. */
  static Embeddings expectedData(String key) {
    Object data = TestJson.get(expected(key), "data");
    if (data.equals("inline")) {
      // x13 = conformance C-10's input, one feature.
      return Embeddings.ofColumn(0, 1, 3, 6, 10, 15, 100, 107, 115, 124, 134, 145, 300);
    }
    String file = (String) data;
    return csv("spec/" + file.substring(file.lastIndexOf('/') + 1));
  }

  /** A comma-separated file of doubles, one sample per line. */
  static Embeddings csv(String resource) {
    try (java.io.InputStream in = Ref.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("missing test resource " + resource);
      }
      String text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      java.util.List<double[]> rows = new java.util.ArrayList<>();
      for (String line : text.split("\\R")) {
        if (line.isBlank()) {
          continue;
        }
        String[] parts = line.split(",");
        double[] row = new double[parts.length];
        for (int j = 0; j < parts.length; j++) {
          row[j] = Double.parseDouble(parts[j].trim());
        }
        rows.add(row);
      }
      return Embeddings.of(rows.toArray(new double[0][]));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("reading " + resource, e);
    }
  }
}
