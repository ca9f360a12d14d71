package org.dataeval4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.dataeval4j.data.NpyFixtures.expectedDouble;
import static org.dataeval4j.data.NpyFixtures.expectedDoubles;
import static org.dataeval4j.data.NpyFixtures.expectedInteger;
import static org.dataeval4j.data.NpyFixtures.path;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Reading numpy-written fixtures: values against an independent formula, and every error. */
class NpyReadTest {

  static final String[] CODES = {
    "f2", "f4", "f8", "i1", "i2", "i4", "i8", "u1", "u2", "u4", "u8", "b1"
  };

  /** Every dtype in every byte order: (file, dtype code, expected descr). */
  static Stream<Arguments> dtypeFiles() {
    List<Arguments> out = new ArrayList<>();
    for (String code : CODES) {
      if (code.endsWith("1")) {
        out.add(Arguments.of("dtype_" + code + ".npy", code, "|" + code));
      } else {
        out.add(Arguments.of("dtype_" + code + "_le.npy", code, "<" + code));
        out.add(Arguments.of("dtype_" + code + "_be.npy", code, ">" + code));
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dtypeFiles")
  void everyDtypeAndByteOrderReadsTheValuesNumpyWrote(String file, String code, String descr)
      throws IOException {
    NpyArray array = Npy.read(path(file));
    assertThat(array.shape()).containsExactly(3, 4);
    assertThat(array.descr()).isEqualTo(descr);
    assertThat(array.fortranOrder()).isFalse();
    assertThat(array.size()).isEqualTo(12);
    assertThat(array.version()).isEqualTo("1.0");
    assertThat(array.toDoubles()).containsExactly(expectedDoubles(code, 12));
    if (code.startsWith("f")) {
      assertThatThrownBy(array::toLongs)
          .isInstanceOf(InvalidInputException.class)
          .hasMessage(path(file) + ": expected an integer dtype, got '" + descr + "'");
      return;
    }
    long[] longs = new long[12];
    boolean fitsLong = true;
    for (int k = 0; k < 12; k++) {
      BigInteger v = expectedInteger(code, k);
      fitsLong &= v.bitLength() < 64;
      longs[k] = v.longValue();
    }
    if (fitsLong) {
      assertThat(array.toLongs()).containsExactly(longs);
    } else {
      assertThatThrownBy(array::toLongs)
          .isInstanceOf(InvalidInputException.class)
          .hasMessageContaining("does not fit in a 64-bit signed long");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dtypeFiles")
  void smallMappedSegmentsGiveTheSameValues(String file, String code, String descr)
      throws IOException {
    // Segments of one element, and of 5 elements (not a divisor of a row), as a >2 GiB file has.
    for (long segment : new long[] {1, 5L * Integer.parseInt(code.substring(1))}) {
      assertThat(Npy.read(path(file), segment).toDoubles())
          .containsExactly(expectedDoubles(code, 12));
    }
  }

  @Test
  void fortranOrderIsReturnedRowMajor() throws IOException {
    NpyArray f = Npy.read(path("fortran_f8.npy"));
    assertThat(f.fortranOrder()).isTrue();
    assertThat(f.shape()).containsExactly(3, 4);
    assertThat(f.toDoubles()).containsExactly(expectedDoubles("f8", 12));

    NpyArray f3 = Npy.read(path("fortran3d_i4_be.npy"));
    assertThat(f3.fortranOrder()).isTrue();
    assertThat(f3.shape()).containsExactly(2, 3, 4);
    assertThat(f3.toDoubles()).containsExactly(expectedDoubles("i4", 24));
    long[] longs = new long[24];
    for (int k = 0; k < 24; k++) {
      longs[k] = expectedInteger("i4", k).longValue();
    }
    assertThat(f3.toLongs()).containsExactly(longs);

    for (long segment : new long[] {4, 12, 28, 1 << 20}) {
      assertThat(Npy.read(path("fortran3d_f4.npy"), segment).toDoubles())
          .as("segment %d", segment)
          .containsExactly(expectedDoubles("f4", 24));
    }
  }

  @Test
  void embeddingsFlattenTrailingAxesAndTakeVectorsAsColumns() throws IOException {
    Embeddings e3 = Npy.readEmbeddings(path("shape3d_f4.npy"));
    assertThat(e3.size()).isEqualTo(2);
    assertThat(e3.dim()).isEqualTo(12);
    assertThat(e3.flat()).containsExactly(expectedDoubles("f4", 24));
    assertThat(e3.isFloat32Exact()).isTrue();

    Embeddings f3 = Npy.readEmbeddings(path("fortran3d_f4.npy"));
    assertThat(f3.flat()).containsExactly(e3.flat());

    Embeddings v = Npy.readEmbeddings(path("vector_f8.npy"));
    assertThat(v.size()).isEqualTo(5);
    assertThat(v.dim()).isEqualTo(1);
    assertThat(v.flat()).containsExactly(expectedDoubles("f8", 5));
    assertThat(v.isFloat32Exact()).isFalse(); // (k - 5) / 3 in double

    Embeddings empty = Npy.readEmbeddings(path("empty_f4.npy"));
    assertThat(empty.size()).isZero();
    assertThat(empty.dim()).isEqualTo(3);

    Embeddings ints = Npy.readEmbeddings(path("dtype_i2_be.npy"));
    assertThat(ints.get(2, 3)).isEqualTo(expectedDouble("i2", 11));
  }

  @Test
  void allFormatVersionsAndOldHeadersAreRead() throws IOException {
    for (int v = 1; v <= 3; v++) {
      NpyArray a = Npy.read(path("version" + v + ".npy"));
      assertThat(a.version()).isEqualTo(v + ".0");
      assertThat(a.toDoubles()).containsExactly(expectedDoubles("f8", 12));
    }
    // Python 2 era: 16-byte aligned data and "2L" dimensions.
    NpyArray py2 = Npy.read(path("py2_long.npy"));
    assertThat(py2.shape()).containsExactly(2, 3);
    assertThat(py2.toDoubles()).containsExactly(expectedDoubles("i2", 6));
    // '=' is the native order, which numpy wrote it in.
    assertThat(Npy.read(path("native_order_i4.npy")).toDoubles())
        .containsExactly(expectedDoubles("i4", 12));
    // A 3.0 header is UTF-8: the field name comes back intact in the message.
    assertThatThrownBy(() -> Npy.read(path("version3_utf8.npy")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("unsupported dtype (structured record)")
        .hasMessageContaining("\u00e9t\u00e9");
  }

  @Test
  void scalarIsReadableButNotEmbeddings() throws IOException {
    NpyArray s = Npy.read(path("scalar_f8.npy"));
    assertThat(s.shape()).isEmpty();
    assertThat(s.size()).isEqualTo(1);
    assertThat(s.toDoubles()).containsExactly(1.5);
    assertThatThrownBy(() -> Npy.readEmbeddings(path("scalar_f8.npy")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(
            path("scalar_f8.npy")
                + ": embeddings must be an array of shape (n, d), got a 0-d array (a scalar)");
  }

  @Test
  void nonFiniteEmbeddingsAreRejectedWithRowAndColumn() {
    assertThatThrownBy(() -> Npy.readEmbeddings(path("nan_f8.npy")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(path("nan_f8.npy") + ": embeddings must be finite, got NaN at row 1, column 2");
    assertThatThrownBy(() -> Npy.readEmbeddings(path("inf_f4.npy")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(
            path("inf_f4.npy") + ": embeddings must be finite, got -Infinity at row 2, column 0");
  }

  @Test
  void labelsOfEveryIntegerShape() throws IOException {
    assertThat(Npy.readLabels(path("labels_i8.npy"))).containsExactly(0, 1, 2, 1, 0, -1);
    assertThat(Npy.readLabels(path("labels_u1_column.npy"))).containsExactly(3, 1, 2);
    assertThat(Npy.readLabels(path("labels_b1.npy"))).containsExactly(1, 0, 1);
    for (String code : new String[] {"i1", "u1", "i2", "u2"}) {
      String file = code.endsWith("1") ? "dtype_" + code + ".npy" : "dtype_" + code + "_be.npy";
      // (3, 4) is not a label shape, but the values decode through toInts.
      int[] ints = Npy.read(path(file)).toInts();
      for (int k = 0; k < 12; k++) {
        assertThat(ints[k]).isEqualTo(expectedInteger(code, k).intValueExact());
      }
    }
  }

  @Test
  void badLabelsAreRejected() {
    assertThatThrownBy(() -> Npy.readLabels(path("labels_f4.npy")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(path("labels_f4.npy") + ": labels must have an integer dtype, got <f4");
    assertThatThrownBy(() -> Npy.readLabels(path("labels_too_big.npy")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(
            path("labels_too_big.npy")
                + ": value 2147483648 at index 1 does not fit in a 32-bit int");
    assertThatThrownBy(() -> Npy.readLabels(path("labels_u8_huge.npy")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("value 18446744073709551615 at index 1");
    assertThatThrownBy(() -> Npy.readLabels(path("labels_2d.npy")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(path("labels_2d.npy") + ": labels must have shape (n,) or (n, 1), got (2, 3)");
  }

  /** (file, expected message after "<file>: "), as a user would read it. */
  static Stream<Arguments> badFiles() {
    return Stream.of(
        Arguments.of(
            "object.npy",
            "object arrays (dtype '|O') are not supported: they hold pickled Python objects, not"
                + " numbers"),
        Arguments.of(
            "complex.npy",
            "unsupported dtype '<c16' (complex); supported: float16, float32, float64,"
                + " int8..int64, uint8..uint64, bool"),
        Arguments.of(
            "string.npy",
            "unsupported dtype '<U2' (string); supported: float16, float32, float64, int8..int64,"
                + " uint8..uint64, bool"),
        Arguments.of("structured.npy", "unsupported dtype (structured record) in header"),
        Arguments.of(
            "truncated.npy",
            "truncated data: shape (3, 4) of '<f8' needs 96 bytes after the header, the file has"
                + " 91"),
        Arguments.of(
            "trailing.npy",
            "file size does not match the shape: shape (3, 4) of '<f8' needs 96 bytes after the"
                + " header, the file has 104"),
        Arguments.of(
            "bad_magic.npy", "not a .npy file: bad magic '\\x93NUMPZ' (expected '\\x93NUMPY')"),
        Arguments.of(
            "bad_version.npy", "unsupported .npy format version 4.0 (supported: 1.0, 2.0, 3.0)"),
        Arguments.of(
            "header_beyond_file.npy",
            "header length 60000 goes beyond the end of the file (100 bytes)"),
        Arguments.of("tiny.npy", "not a .npy file: bad magic"),
        Arguments.of(
            "huge_shape.npy",
            "absurd header: dimension 0 of shape (100000000000, 100000000000) is out of range"),
        Arguments.of(
            "overflow_shape.npy",
            "absurd header: shape (65536, 65536) has more elements than a Java array can hold"),
        Arguments.of(
            "negative_shape.npy", "absurd header: dimension 0 of shape (-1, 3) is out of range"),
        Arguments.of("bad_dict.npy", "malformed header: expected ',' or '}' at character"),
        Arguments.of(
            "missing_key.npy",
            "malformed header: the header must have exactly the keys 'descr', 'fortran_order',"
                + " 'shape'"),
        Arguments.of("not_a_dict.npy", "malformed header: the header is not a dict"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badFiles")
  void badFilesGetOneClearMessageNamingTheFile(String file, String problem) {
    Path p = path(file);
    assertThatThrownBy(() -> Npy.read(p))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith(p + ": " + problem);
    assertThatThrownBy(() -> Npy.readEmbeddings(p))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith(p + ": " + problem);
  }

  @Test
  void missingFileAndDirectory(@TempDir Path dir) {
    Path missing = dir.resolve("nope.npy");
    assertThatThrownBy(() -> Npy.read(missing))
        .isInstanceOf(NoSuchFileException.class)
        .hasMessage(missing + ": no such file");
    assertThatThrownBy(() -> Npy.readEmbeddings(dir))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(dir + ": is a directory, not a .npy file");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{'descr': '<f8', 'fortran_order': False, 'shape': (3), }",
        "{'descr': '<f8', 'fortran_order': 0, 'shape': (3,), }",
        "{'descr': '<f8', 'fortran_order': False, 'shape': [3], }",
        "{'descr': '<f8', 'fortran_order': False, 'shape': (3.5,), }",
        "{'descr': '<f8', 'fortran_order': False, 'shape': (3,), 'extra': 1}",
        "{'descr': '<f8', 'descr': '<f8', 'fortran_order': False, 'shape': (3,), }",
        "{'descr': '<f8' 'fortran_order': False, 'shape': (3,), }",
        "{'descr': '<f8, 'fortran_order': False, 'shape': (3,), }",
        "{1: '<f8', 'fortran_order': False, 'shape': (3,), }",
        "",
        "{'descr': '<f8', 'fortran_order': False, 'shape': ((((((((((((((((((((((((((((((((((("
      })
  void malformedHeadersAreRejected(String header, @TempDir Path dir) throws IOException {
    Path file = dir.resolve("h.npy");
    byte[] text = (header + "\n").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    java.nio.ByteBuffer b =
        java.nio.ByteBuffer.allocate(10 + text.length + 24).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    b.put(NpyHeader.MAGIC).put((byte) 1).put((byte) 0).putShort((short) text.length).put(text);
    java.nio.file.Files.write(file, b.array());
    assertThatThrownBy(() -> Npy.read(file))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith(file + ": malformed header: ");
  }
}
