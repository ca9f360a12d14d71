package org.dataeval4j.data;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * An immutable n x d matrix of embeddings, one sample per row, stored flat in row-major order:
 * element (i, j) is {@code data[i * d + j]}.
 *
 * <p>Values are kept in double precision (float32 input is widened exactly, so every distance is
 * computed from the caller's values as {@code cluster.md} §0.1 prescribes). Every value is finite:
 * the factories reject NaN and infinities with the row and column of the first one.
 *
 * <p>{@link #isFloat32Exact()} records whether every value is exactly representable as a float32
 * (always true for float32 input); the k-NN search then screens candidates in float without any
 * conversion error.
 */
public final class Embeddings {

  private final int n;
  private final int d;
  private final double[] data;
  private final boolean float32Exact;

  private Embeddings(int n, int d, double[] data, boolean float32Exact) {
    this.n = n;
    this.d = d;
    this.data = data;
    this.float32Exact = float32Exact;
  }

  /**
   * Wraps a flat row-major array without copying it. The caller hands the array over and must not
   * modify it afterwards.
   *
   * @throws IllegalArgumentException if the sizes do not match or a value is not finite
   */
  public static Embeddings wrap(double[] data, int n, int d) {
    checkShape(data.length, n, d);
    return new Embeddings(n, d, data, checkFinite(data, d, null));
  }

  /**
   * {@link #wrap} for data read from {@code file}: a NaN or infinity is an {@link
   * InvalidInputException} naming the file, its row and its column.
   */
  static Embeddings wrapFromFile(String file, double[] data, int n, int d) {
    checkShape(data.length, n, d);
    return new Embeddings(n, d, data, checkFinite(data, d, file));
  }

  /** Copies a flat row-major double array. */
  public static Embeddings ofFlat(double[] data, int n, int d) {
    checkShape(data.length, n, d);
    return wrap(data.clone(), n, d);
  }

  /** Copies (and widens) a flat row-major float array. */
  public static Embeddings ofFlat(float[] data, int n, int d) {
    checkShape(data.length, n, d);
    double[] copy = new double[data.length];
    for (int i = 0; i < data.length; i++) {
      copy[i] = data[i];
    }
    return wrap(copy, n, d);
  }

  /** Copies rows given as a Java matrix; every row must have the same length. */
  public static Embeddings of(double[][] rows) {
    int n = rows.length;
    int d = n == 0 ? 0 : rows[0].length;
    double[] flat = new double[Math.multiplyExact(n, d)];
    for (int i = 0; i < n; i++) {
      if (rows[i].length != d) {
        throw new IllegalArgumentException(
            "rows must all have the same length: row 0 has "
                + d
                + ", row "
                + i
                + " has "
                + rows[i].length);
      }
      System.arraycopy(rows[i], 0, flat, i * d, d);
    }
    return wrap(flat, n, d);
  }

  /** Copies rows given as a Java float matrix; every row must have the same length. */
  public static Embeddings of(float[][] rows) {
    int n = rows.length;
    int d = n == 0 ? 0 : rows[0].length;
    double[] flat = new double[Math.multiplyExact(n, d)];
    for (int i = 0; i < n; i++) {
      if (rows[i].length != d) {
        throw new IllegalArgumentException(
            "rows must all have the same length: row 0 has "
                + d
                + ", row "
                + i
                + " has "
                + rows[i].length);
      }
      for (int j = 0; j < d; j++) {
        flat[i * d + j] = rows[i][j];
      }
    }
    return wrap(flat, n, d);
  }

  /** One value per sample (n x 1), as DataEval treats 1-D input. */
  public static Embeddings ofColumn(double... values) {
    return ofFlat(values, values.length, 1);
  }

  /** The number of samples (rows). */
  public int size() {
    return n;
  }

  /** The number of features per sample (columns). */
  public int dim() {
    return d;
  }

  /** Element (i, j). */
  public double get(int i, int j) {
    return data[i * d + j];
  }

  /** Copies row i into a new array. */
  public double[] row(int i) {
    return Arrays.copyOfRange(data, i * d, i * d + d);
  }

  /**
   * The backing flat row-major array, shared, not copied: element (i, j) is at {@code i * d + j}.
   * Callers must not modify it.
   */
  public double[] flat() {
    return data;
  }

  /** True if every value is exactly a float32 value (always the case for float32 input). */
  public boolean isFloat32Exact() {
    return float32Exact;
  }

  /** The samples with the given indices, in that order (a copy). */
  public Embeddings select(int[] rows) {
    double[] out = new double[Math.multiplyExact(rows.length, d)];
    for (int r = 0; r < rows.length; r++) {
      int i = rows[r];
      if (i < 0 || i >= n) {
        throw new IndexOutOfBoundsException("row " + i + " outside [0, " + n + ")");
      }
      System.arraycopy(data, i * d, out, r * d, d);
    }
    return new Embeddings(rows.length, d, out, float32Exact);
  }

  /** Stacks several embedding sets of the same dimension into one (a copy). */
  public static Embeddings concat(Embeddings... parts) {
    if (parts.length == 0) {
      throw new IllegalArgumentException("at least one embedding set is needed");
    }
    int d = parts[0].d;
    long total = 0;
    boolean exact = true;
    for (int p = 0; p < parts.length; p++) {
      if (parts[p].d != d) {
        throw new IllegalArgumentException(
            "embedding sets must have the same dimension: set 0 has d = "
                + d
                + ", set "
                + p
                + " has d = "
                + parts[p].d);
      }
      total += parts[p].n;
      exact &= parts[p].float32Exact;
    }
    int n = Math.toIntExact(total);
    double[] out = new double[Math.multiplyExact(n, d)];
    int offset = 0;
    for (Embeddings e : parts) {
      System.arraycopy(e.data, 0, out, offset, e.data.length);
      offset += e.data.length;
    }
    return new Embeddings(n, d, out, exact);
  }

  static void checkShape(int length, int n, int d) {
    if (n < 0 || d < 0) {
      throw new IllegalArgumentException("shape must be non-negative, got " + n + " x " + d);
    }
    if ((long) n * d != length) {
      throw new IllegalArgumentException(
          "data length must be n * d = " + ((long) n * d) + ", got " + length);
    }
  }

  /**
   * Throws at the first value (row-major) that is not finite, naming {@code file} if there is one;
   * otherwise returns whether every value is exactly a float32 value.
   */
  private static boolean checkFinite(double[] data, int d, @Nullable String file) {
    boolean exact = true;
    for (int k = 0; k < data.length; k++) {
      double v = data[k];
      if (!Double.isFinite(v)) {
        String problem =
            "embeddings must be finite, got " + v + " at row " + (k / d) + ", column " + (k % d);
        throw file == null
            ? new IllegalArgumentException(problem)
            : InvalidInputException.of(file, problem);
      }
      exact &= (double) (float) v == v;
    }
    return exact;
  }
}
