package org.dataeval4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.dataeval4j.data.NpyFixtures.expectedDoubles;
import static org.dataeval4j.data.NpyFixtures.expectedInteger;
import static org.dataeval4j.data.NpyFixtures.path;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The writers produce numpy's bytes exactly, and read back what they wrote. */
class NpyWriteTest {

  @Test
  void writtenFilesAreByteForByteWhatNumpySaves(@TempDir Path dir) throws IOException {
    // The fixtures were written by numpy.lib.format.write_array (= numpy.save).
    Path f8 = dir.resolve("f8.npy");
    Npy.writeFloat64(f8, expectedDoubles("f8", 12), 3, 4);
    assertThat(Files.readAllBytes(f8)).isEqualTo(Files.readAllBytes(path("dtype_f8_le.npy")));

    float[] floats = new float[12];
    long[] longs = new long[12];
    for (int k = 0; k < 12; k++) {
      floats[k] = (float) expectedDoubles("f4", 12)[k];
      longs[k] = expectedInteger("i8", k).longValueExact();
    }
    Path f4 = dir.resolve("f4.npy");
    Npy.writeFloat32(f4, floats, 3, 4);
    assertThat(Files.readAllBytes(f4)).isEqualTo(Files.readAllBytes(path("dtype_f4_le.npy")));

    Path i8 = dir.resolve("i8.npy");
    Npy.writeInt64(i8, longs, 3, 4);
    assertThat(Files.readAllBytes(i8)).isEqualTo(Files.readAllBytes(path("dtype_i8_le.npy")));

    Path labels = dir.resolve("labels.npy");
    Npy.writeInt64(labels, new int[] {0, 1, 2, 1, 0, -1});
    assertThat(Files.readAllBytes(labels)).isEqualTo(Files.readAllBytes(path("labels_i8.npy")));

    Path vector = dir.resolve("vector.npy");
    Npy.writeFloat64(vector, expectedDoubles("f8", 5), 5);
    assertThat(Files.readAllBytes(vector)).isEqualTo(Files.readAllBytes(path("vector_f8.npy")));

    Path empty = dir.resolve("empty.npy");
    Npy.writeFloat32(empty, new float[0], 0, 3);
    assertThat(Files.readAllBytes(empty)).isEqualTo(Files.readAllBytes(path("empty_f4.npy")));

    Path scalar = dir.resolve("scalar.npy");
    Npy.writeFloat64(scalar, new double[] {1.5}, new int[0]);
    // An empty shape means 1-D, not 0-d: (1,) rather than numpy's ().
    assertThat(Npy.read(scalar).shape()).containsExactly(1);
  }

  @Test
  void dataStartsAtAMultipleOf64ForAnyHeaderLength() throws IOException {
    // Vary the digits of the first dimension and the number of axes: every padding length occurs.
    for (int ndim = 1; ndim <= 40; ndim++) {
      for (int first : new int[] {1, 12, 123, 12345, 1234567}) {
        int[] shape = new int[ndim];
        java.util.Arrays.fill(shape, 1);
        shape[0] = first;
        byte[] header = Npy.header("<f8", shape);
        assertThat(header.length % 64).as("ndim %d, first %d", ndim, first).isZero();
        assertThat(header[header.length - 1]).isEqualTo((byte) '\n');
        int declared =
            ByteBuffer.wrap(header, 8, 2).order(ByteOrder.LITTLE_ENDIAN).getShort() & 0xffff;
        assertThat(declared + 10).isEqualTo(header.length);
      }
    }
  }

  @Test
  void version2WhenTheHeaderExceeds64KiB() {
    byte[] header = Npy.header("<" + "f".repeat(70_000), new int[] {3});
    assertThat(header[6]).isEqualTo((byte) 2);
    assertThat(header.length % 64).isZero();
    int declared = ByteBuffer.wrap(header, 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
    assertThat(declared + 12).isEqualTo(header.length);
  }

  @Test
  void randomArraysRoundTripExactly(@TempDir Path dir) throws IOException {
    SplittableRandom random = new SplittableRandom(42);
    // Sizes around the writer's 8192-element chunk.
    for (int n : new int[] {0, 1, 7, 8191, 8192, 8193, 20000}) {
      double[] d = new double[n];
      float[] f = new float[n];
      long[] l = new long[n];
      int[] i = new int[n];
      for (int k = 0; k < n; k++) {
        d[k] = random.nextDouble(-1e300, 1e300) * (k % 5 == 0 ? 1e-300 : 1);
        f[k] = (float) random.nextGaussian();
        l[k] = random.nextLong();
        i[k] = random.nextInt();
      }
      Path pd = dir.resolve("d.npy");
      Npy.writeFloat64(pd, d, n);
      assertThat(Npy.read(pd).toDoubles()).containsExactly(d);
      Path pf = dir.resolve("f.npy");
      Npy.writeFloat32(pf, f);
      NpyArray af = Npy.read(pf);
      assertThat(af.descr()).isEqualTo("<f4");
      double[] widened = af.toDoubles();
      for (int k = 0; k < n; k++) {
        assertThat((float) widened[k]).isEqualTo(f[k]);
      }
      Path pl = dir.resolve("l.npy");
      Npy.writeInt64(pl, l);
      assertThat(Npy.read(pl).toLongs()).containsExactly(l);
      Path pi = dir.resolve("i.npy");
      Npy.writeInt64(pi, i);
      assertThat(Npy.readLabels(pi)).containsExactly(i);
    }
  }

  @Test
  void matrixRoundTripThroughEmbeddings(@TempDir Path dir) throws IOException {
    Path p = dir.resolve("m.npy");
    double[] data = expectedDoubles("f8", 2 * 3 * 4);
    Npy.writeFloat64(p, data, 2, 3, 4);
    Embeddings e = Npy.readEmbeddings(p);
    assertThat(e.size()).isEqualTo(2);
    assertThat(e.dim()).isEqualTo(12);
    assertThat(e.flat()).containsExactly(data);
  }

  @Test
  void overwritingReplacesTheFileAndLeavesNoTemporaryFile(@TempDir Path dir) throws IOException {
    Path p = dir.resolve("x.npy");
    Npy.writeFloat64(p, new double[1000]);
    Npy.writeInt64(p, new int[] {7, 8});
    assertThat(Npy.read(p).toLongs()).containsExactly(7, 8);
    try (var files = Files.list(dir)) {
      assertThat(files).containsExactly(p);
    }
    // A relative path (no parent directory given) works too.
    Path relative = Path.of("target", "npy-write-test.npy");
    Files.createDirectories(relative.toAbsolutePath().getParent());
    Npy.writeFloat32(relative, new float[] {1.5f});
    assertThat(Npy.read(relative).toDoubles()).containsExactly(1.5);
    Files.delete(relative);
  }

  @Test
  void shapesThatDoNotHoldTheDataAreRejected(@TempDir Path dir) {
    Path p = dir.resolve("x.npy");
    assertThatThrownBy(() -> Npy.writeFloat64(p, new double[6], 2, 4))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("shape must hold data.length = 6 elements, got (2, 4)");
    assertThatThrownBy(() -> Npy.writeInt64(p, new int[6], -2, -3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("shape must have non-negative dimensions, got (-2, -3)");
    assertThatThrownBy(() -> Npy.writeFloat32(p, new float[0], 65536, 65536, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(Files.exists(p)).isFalse();
  }
}
