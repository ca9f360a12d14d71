package org.dataeval4j.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dataeval4j.data.Embeddings;

/**
 * Test-only reader of the reference files under {@code src/test/resources}: little-endian C-order
 * {@code .npy} arrays of {@code <f4} or {@code <i8}, and the inertia in {@code kmeans_info.json}.
 * (The library's own reader, {@code org.dataeval4j.data.Npy}, is written on another branch.)
 */
final class KMeansTestFiles {
  private KMeansTestFiles() {}

  private static final Pattern DESCR = Pattern.compile("'descr':\\s*'([^']+)'");
  private static final Pattern SHAPE = Pattern.compile("'shape':\\s*\\(([^)]*)\\)");

  /** A decoded array: its shape and values widened to double. */
  record Array(int[] shape, double[] values) {}

  static Array read(String resource) {
    byte[] bytes = bytes(resource);
    ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    int major = bytes[6];
    int headerLen;
    int offset;
    if (major == 1) {
      headerLen = buf.getShort(8) & 0xffff;
      offset = 10;
    } else {
      headerLen = buf.getInt(8);
      offset = 12;
    }
    String header = new String(bytes, offset, headerLen, StandardCharsets.ISO_8859_1);
    if (header.contains("'fortran_order': True")) {
      throw new IllegalArgumentException(resource + ": Fortran order is not supported");
    }
    Matcher dm = DESCR.matcher(header);
    Matcher sm = SHAPE.matcher(header);
    if (!dm.find() || !sm.find()) {
      throw new IllegalArgumentException(resource + ": bad header " + header);
    }
    String[] parts = sm.group(1).split(",");
    int count = 0;
    for (String p : parts) {
      if (!p.isBlank()) {
        count++;
      }
    }
    int[] shape = new int[count];
    long total = 1;
    int s = 0;
    for (String p : parts) {
      if (!p.isBlank()) {
        shape[s] = Integer.parseInt(p.trim());
        total *= shape[s++];
      }
    }
    int data = offset + headerLen;
    double[] values = new double[Math.toIntExact(total)];
    switch (dm.group(1)) {
      case "<f4":
        for (int i = 0; i < values.length; i++) {
          values[i] = buf.getFloat(data + 4 * i);
        }
        break;
      case "<i8":
        for (int i = 0; i < values.length; i++) {
          values[i] = buf.getLong(data + 8 * i);
        }
        break;
      default:
        throw new IllegalArgumentException(resource + ": unsupported dtype " + dm.group(1));
    }
    return new Array(shape, values);
  }

  static Embeddings embeddings(String resource) {
    Array a = read(resource);
    int d = a.shape().length == 1 ? 1 : a.shape()[1];
    return Embeddings.wrap(a.values(), a.shape()[0], d);
  }

  static int[] ints(String resource) {
    double[] v = read(resource).values();
    int[] out = new int[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = (int) v[i];
    }
    return out;
  }

  static float[] floats(String resource) {
    double[] v = read(resource).values();
    float[] out = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = (float) v[i];
    }
    return out;
  }

  /** The "inertia" number of a {@code kmeans_info.json}. */
  static double inertia(String resource) {
    String json = new String(bytes(resource), StandardCharsets.UTF_8);
    Matcher m = Pattern.compile("\"inertia\":\\s*([-0-9.eE+]+)").matcher(json);
    if (!m.find()) {
      throw new IllegalArgumentException(resource + ": no inertia");
    }
    return Double.parseDouble(m.group(1));
  }

  private static byte[] bytes(String resource) {
    try (InputStream in = KMeansTestFiles.class.getResourceAsStream("/" + resource)) {
      if (in == null) {
        throw new IllegalArgumentException("missing test resource " + resource);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(resource, e);
    }
  }

  /** Adjusted Rand index of two labelings (Hubert and Arabie, 1985). */
  static double adjustedRand(int[] a, int[] b) {
    int n = a.length;
    int ka = 0;
    int kb = 0;
    for (int i = 0; i < n; i++) {
      ka = Math.max(ka, a[i] + 1);
      kb = Math.max(kb, b[i] + 1);
    }
    long[] table = new long[ka * kb];
    long[] rows = new long[ka];
    long[] cols = new long[kb];
    for (int i = 0; i < n; i++) {
      table[a[i] * kb + b[i]]++;
      rows[a[i]]++;
      cols[b[i]]++;
    }
    double index = 0;
    for (long t : table) {
      index += t * (t - 1) / 2.0;
    }
    double sumA = 0;
    for (long r : rows) {
      sumA += r * (r - 1) / 2.0;
    }
    double sumB = 0;
    for (long c : cols) {
      sumB += c * (c - 1) / 2.0;
    }
    double expected = sumA * sumB / (n * (n - 1) / 2.0);
    double max = (sumA + sumB) / 2;
    return (index - expected) / (max - expected);
  }
}
