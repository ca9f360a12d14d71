package org.dataeval4j.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.dataeval4j.cluster.Algorithm;
import org.dataeval4j.cluster.ClusterResult;
import org.dataeval4j.data.Npy;
import org.dataeval4j.data.NpyArray;
import org.dataeval4j.neighbors.KnnGraph;
import org.jspecify.annotations.Nullable;

/**
 * Reads a clustering from a directory in the {@code cluster} output layout ({@code --cluster-result
 * DIR}): {@code clusters.npy} (n), optional {@code raw_labels.npy} (n; when absent {@code
 * clusters.npy} is taken as the raw labels, which is what DataEval's folders hold), {@code mst.npy}
 * ((n-1) x 3), {@code k_neighbors.npy} and {@code k_distances.npy} (n x k).
 *
 * <p>DataEval's {@code kmeans} folders leave out the files identical to the sibling {@code hdbscan}
 * folder and list them in {@code SAME_AS_HDBSCAN.txt}: a file missing from DIR is read from {@code
 * DIR/../hdbscan/} when DIR has that marker and the marker names the file; otherwise the error
 * names the missing file. Every file is checked against the input's n and for consistent shapes,
 * labels {@code >= -1}, indices in range and finite non-negative distances: any inconsistency is an
 * {@link IllegalArgumentException} (exit code 2) that names the file.
 */
final class ClusterResultDir {
  static final String MARKER = "SAME_AS_HDBSCAN.txt";

  /** The clustering and, per file name, the path it was read from. */
  record Loaded(ClusterResult result, Map<String, String> files) {}

  private final Path dir;
  private final int n;
  private final Map<String, String> files = new LinkedHashMap<>();

  private ClusterResultDir(Path dir, int n) {
    this.dir = dir;
    this.n = n;
  }

  /**
   * Loads the clustering of {@code n} samples from {@code dir}.
   *
   * @param graph whether the spanning tree and the k-NN graph are needed (duplicates); without them
   *     only the labels are read, and the result has an empty k-NN graph and a zero spanning tree
   *     (outliers read the labels only)
   * @throws IllegalArgumentException if a needed file is missing or inconsistent
   */
  static Loaded load(Path dir, int n, boolean graph) throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException(
          "--cluster-result must be a directory in the cluster output layout, got " + dir);
    }
    ClusterResultDir r = new ClusterResultDir(dir, n);
    int[] clusters = r.labels("clusters.npy");
    @Nullable Path rawFile = r.find("raw_labels.npy");
    int[] raw = rawFile == null ? clusters : r.labels("raw_labels.npy");
    float[] mst;
    KnnGraph knn;
    if (graph) {
      mst = r.mst();
      knn = r.knn();
    } else {
      mst = new float[3 * Math.max(0, n - 1)];
      knn = new KnnGraph(n, 0, new int[0], new float[0]);
    }
    Algorithm algorithm =
        Files.exists(dir.resolve("centers.npy")) || Files.exists(dir.resolve("kmeans_centers.npy"))
            ? Algorithm.KMEANS
            : Algorithm.HDBSCAN;
    ClusterResult result =
        ClusterResult.precomputed(
            algorithm, raw, rawFile == null ? null : clusters, mst, null, knn);
    return new Loaded(result, r.files);
  }

  /** The path of {@code name}: in DIR, else in the sibling hdbscan folder if the marker says so. */
  private @Nullable Path find(String name) throws IOException {
    Path own = dir.resolve(name);
    if (Files.exists(own)) {
      files.put(name, own.toString());
      return own;
    }
    Path marker = dir.resolve(MARKER);
    Path parent = dir.toAbsolutePath().normalize().getParent();
    if (Files.isRegularFile(marker) && parent != null) {
      String text = new String(Files.readAllBytes(marker), StandardCharsets.UTF_8);
      Path sibling = parent.resolve("hdbscan").resolve(name);
      if (text.lines().anyMatch(l -> l.strip().equals(name)) && Files.exists(sibling)) {
        files.put(name, sibling.toString());
        return sibling;
      }
    }
    return null;
  }

  private Path require(String name) throws IOException {
    Path p = find(name);
    if (p == null) {
      throw new IllegalArgumentException(
          "--cluster-result "
              + dir
              + ": missing "
              + name
              + (Files.exists(dir.resolve(MARKER))
                  ? " (not in ../hdbscan/ either, or not listed in " + MARKER + ")"
                  : ""));
    }
    return p;
  }

  private int[] labels(String name) throws IOException {
    Path file = require(name);
    int[] labels = Npy.readLabels(file);
    if (labels.length != n) {
      throw new IllegalArgumentException(
          file + ": must have one label per input sample (" + n + "), got " + labels.length);
    }
    for (int i = 0; i < n; i++) {
      if (labels[i] < -1) {
        throw new IllegalArgumentException(
            file + ": labels must be >= -1 (-1 = noise), got " + labels[i] + " at index " + i);
      }
    }
    return labels;
  }

  private float[] mst() throws IOException {
    Path file = require("mst.npy");
    NpyArray a = Npy.read(file);
    int rows = Math.max(0, n - 1);
    requireShape(file, a, rows, 3);
    double[] v = a.toDoubles();
    float[] out = new float[v.length];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < 2; c++) {
        double e = v[3 * r + c];
        if (!(e >= 0 && e < n && e == Math.rint(e))) {
          throw new IllegalArgumentException(
              file
                  + ": edge endpoints must be sample indices in [0, "
                  + n
                  + "), got "
                  + e
                  + " in row "
                  + r);
        }
      }
      double w = v[3 * r + 2];
      if (!(Double.isFinite(w) && w >= 0)) {
        throw new IllegalArgumentException(
            file + ": edge weights must be finite and >= 0, got " + w + " in row " + r);
      }
    }
    for (int t = 0; t < v.length; t++) {
      out[t] = (float) v[t];
    }
    return out;
  }

  private KnnGraph knn() throws IOException {
    Path idxFile = require("k_neighbors.npy");
    Path distFile = require("k_distances.npy");
    NpyArray idx = Npy.read(idxFile);
    NpyArray dist = Npy.read(distFile);
    int[] shape = idx.shape();
    if (shape.length != 2 || shape[0] != n) {
      throw new IllegalArgumentException(
          idxFile
              + ": must have shape ("
              + n
              + ", k) for the "
              + n
              + " input samples, got "
              + Arrays.toString(shape));
    }
    int k = shape[1];
    requireShape(distFile, dist, n, k);
    int[] indices = idx.toInts();
    for (int t = 0; t < indices.length; t++) {
      if (indices[t] < 0 || indices[t] >= n) {
        throw new IllegalArgumentException(
            idxFile
                + ": neighbours must be sample indices in [0, "
                + n
                + "), got "
                + indices[t]
                + " in row "
                + t / k);
      }
    }
    double[] d = dist.toDoubles();
    float[] distances = new float[d.length];
    for (int t = 0; t < d.length; t++) {
      if (!(Double.isFinite(d[t]) && d[t] >= 0)) {
        throw new IllegalArgumentException(
            distFile + ": distances must be finite and >= 0, got " + d[t] + " in row " + t / k);
      }
      distances[t] = (float) d[t];
    }
    return new KnnGraph(n, k, indices, distances);
  }

  private static void requireShape(Path file, NpyArray a, int rows, int cols) {
    int[] shape = a.shape();
    if (shape.length != 2 || shape[0] != rows || shape[1] != cols) {
      throw new IllegalArgumentException(
          file
              + ": must have shape ("
              + rows
              + ", "
              + cols
              + ") for the input, got "
              + Arrays.toString(shape));
    }
  }
}
