package org.dataeval4j.evaluate;

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
 * A minimal test-only reader of little-endian, C-order {@code .npy} files with dtype {@code <f4},
 * {@code <f8} or {@code <i8} (the formats of the reference data), read from the test classpath.
 */
final class TestNpy {
  final int[] shape;
  final String descr;
  private final ByteBuffer data;

  private TestNpy(int[] shape, String descr, ByteBuffer data) {
    this.shape = shape;
    this.descr = descr;
    this.data = data;
  }

  /** Reads a resource such as {@code "inputs/digits64.npy"}. */
  static TestNpy read(String resource) {
    try (InputStream in = TestNpy.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("missing test resource " + resource);
      }
      return parse(in.readAllBytes(), resource);
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + resource, e);
    }
  }

  /** Reads a file from disk (for by-hand runs on data that is not a test resource). */
  static TestNpy readFile(java.nio.file.Path path) {
    try {
      return parse(java.nio.file.Files.readAllBytes(path), path.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + path, e);
    }
  }

  static boolean exists(String resource) {
    return TestNpy.class.getClassLoader().getResource(resource) != null;
  }

  private static TestNpy parse(byte[] bytes, String name) {
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    if ((bytes[0] & 0xff) != 0x93 || bytes[1] != 'N') {
      throw new IllegalArgumentException(name + ": not a .npy file");
    }
    int major = bytes[6];
    int headerLen;
    int off;
    if (major == 1) {
      headerLen = b.getShort(8) & 0xffff;
      off = 10;
    } else {
      headerLen = b.getInt(8);
      off = 12;
    }
    String header = new String(bytes, off, headerLen, StandardCharsets.ISO_8859_1);
    Matcher dm = Pattern.compile("'descr':\\s*'([^']*)'").matcher(header);
    Matcher fm = Pattern.compile("'fortran_order':\\s*(True|False)").matcher(header);
    Matcher sm = Pattern.compile("'shape':\\s*\\(([^)]*)\\)").matcher(header);
    if (!dm.find() || !fm.find() || !sm.find()) {
      throw new IllegalArgumentException(name + ": bad header " + header);
    }
    if (fm.group(1).equals("True")) {
      throw new IllegalArgumentException(name + ": Fortran order unsupported");
    }
    String descr = dm.group(1);
    if (!descr.equals("<f4") && !descr.equals("<f8") && !descr.equals("<i8")) {
      throw new IllegalArgumentException(name + ": unsupported dtype " + descr);
    }
    String[] parts = sm.group(1).split(",");
    int dims = 0;
    int[] shape = new int[parts.length];
    for (String p : parts) {
      if (!p.isBlank()) {
        shape[dims++] = Integer.parseInt(p.trim());
      }
    }
    int[] s = java.util.Arrays.copyOf(shape, dims);
    ByteBuffer body =
        ByteBuffer.wrap(bytes, off + headerLen, bytes.length - off - headerLen)
            .slice()
            .order(ByteOrder.LITTLE_ENDIAN);
    return new TestNpy(s, descr, body);
  }

  int count() {
    int c = 1;
    for (int v : shape) {
      c *= v;
    }
    return c;
  }

  double[] doubles() {
    int c = count();
    double[] out = new double[c];
    for (int i = 0; i < c; i++) {
      out[i] =
          switch (descr) {
            case "<f4" -> data.getFloat(4 * i);
            case "<f8" -> data.getDouble(8 * i);
            default -> (double) data.getLong(8 * i);
          };
    }
    return out;
  }

  float[] floats() {
    if (!descr.equals("<f4")) {
      throw new IllegalStateException("not float32: " + descr);
    }
    int c = count();
    float[] out = new float[c];
    for (int i = 0; i < c; i++) {
      out[i] = data.getFloat(4 * i);
    }
    return out;
  }

  long[] longs() {
    if (!descr.equals("<i8")) {
      throw new IllegalStateException("not int64: " + descr);
    }
    int c = count();
    long[] out = new long[c];
    for (int i = 0; i < c; i++) {
      out[i] = data.getLong(8 * i);
    }
    return out;
  }

  int[] ints() {
    long[] l = longs();
    int[] out = new int[l.length];
    for (int i = 0; i < l.length; i++) {
      out[i] = Math.toIntExact(l[i]);
    }
    return out;
  }

  /** A 2-D array as embeddings (float32 widened exactly). */
  Embeddings embeddings() {
    int n = shape[0];
    int d = shape.length > 1 ? shape[1] : 1;
    return Embeddings.wrap(doubles(), n, d);
  }
}
