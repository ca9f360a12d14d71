package org.dataeval4j.data;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Reading and writing NumPy {@code .npy} files (format versions 1.0, 2.0 and 3.0, as specified by
 * {@code numpy.lib.format}).
 *
 * <p>Reading maps the file read-only and decodes the data straight from the mapping into the one
 * destination array: no {@code byte[]} of the file and no second copy of the data. Supported
 * dtypes: float16, float32, float64, int8..int64, uint8..uint64 and bool, in little-endian,
 * big-endian or native byte order ({@code '<'}, {@code '>'}, {@code '='}, {@code '|'}), in C or
 * Fortran order (Fortran data is returned row-major).
 *
 * <p>Every format problem (bad magic, unsupported version or dtype, object arrays, malformed or
 * absurd header, truncated data, file size not matching the shape) is an {@link
 * InvalidInputException} with the message {@code <file>: <problem>}; real I/O failures are {@link
 * IOException}s.
 *
 * <p>Writing produces exactly the bytes {@code numpy.save} produces for a C-order little-endian
 * array: version 1.0 (2.0 if the header needs it), the header padded with spaces so that the data
 * starts at a multiple of 64 bytes.
 */
public final class Npy {

  /** Largest region mapped at once (a MappedByteBuffer is limited to 2 GiB). */
  private static final long SEGMENT_BYTES = 1L << 30;

  /** Elements per buffer when writing. */
  private static final int WRITE_CHUNK = 8192;

  /** numpy leaves room for the growing axis to reach this many digits. */
  private static final int GROWTH_AXIS_MAX_DIGITS = 21;

  private static final int ARRAY_ALIGN = 64;

  private Npy() {}

  /**
   * Opens a {@code .npy} file: validates its header and maps its data read-only. Nothing is decoded
   * until one of the {@link NpyArray} {@code to...} methods is called.
   *
   * @throws InvalidInputException for a format problem
   * @throws NoSuchFileException if the file does not exist
   * @throws IOException for an I/O failure
   */
  public static NpyArray read(Path file) throws IOException {
    return read(file, SEGMENT_BYTES);
  }

  /**
   * {@link #read(Path)} mapping at most {@code maxSegmentBytes} at a time (tests use tiny ones).
   */
  static NpyArray read(Path file, long maxSegmentBytes) throws IOException {
    String name = file.toString();
    if (Files.isDirectory(file)) {
      throw InvalidInputException.of(name, "is a directory, not a .npy file");
    }
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long total = channel.size();
      // The stream reads only the bytes asked for, so the channel is left at the data.
      NpyHeader h = NpyHeader.read(Channels.newInputStream(channel), name, total);
      int itemSize = h.dtype.itemSize;
      long segment = Math.max(itemSize, maxSegmentBytes / itemSize * itemSize);
      int count = (int) ((h.dataBytes + segment - 1) / segment);
      ByteBuffer[] segments = new ByteBuffer[count];
      for (int s = 0; s < count; s++) {
        long start = s * segment;
        long length = Math.min(segment, h.dataBytes - start);
        segments[s] =
            channel.map(FileChannel.MapMode.READ_ONLY, h.dataOffset + start, length).order(h.order);
      }
      return new NpyArray(h, segments);
    } catch (NoSuchFileException e) {
      throw missing(file, e);
    }
  }

  /**
   * Reads embeddings: shape (n, d) as is, (n, d1, d2, ...) flattened row-major to n x (d1 * d2 *
   * ...), and (n,) as n x 1. Any supported dtype; the data is decoded once into the embeddings' own
   * array.
   *
   * @throws InvalidInputException for a format problem, a 0-d array, or a NaN or infinite value
   *     (the message gives its row and column)
   */
  public static Embeddings readEmbeddings(Path file) throws IOException {
    NpyArray array = read(file);
    return embeddings(array.header(), array::feed);
  }

  /**
   * Reads class labels: a 1-D array (n,) or a column (n, 1) of any integer or bool dtype, every
   * value within the int range. The data is decoded once, straight into the result.
   *
   * @throws InvalidInputException for a format problem, a float dtype, another shape, or a value
   *     outside the int range
   */
  public static int[] readLabels(Path file) throws IOException {
    NpyArray array = read(file);
    return labels(array.header(), array::feed);
  }

  /**
   * Writes int values as an int64 array of the given shape (omitted: 1-D of {@code data.length});
   * {@code data} is read in C order.
   *
   * @throws IllegalArgumentException if the shape does not hold {@code data.length} elements
   */
  public static void writeInt64(Path file, int[] data, int... shape) throws IOException {
    int[] s = checkWriteShape(data.length, shape);
    write(
        file,
        "<i8",
        s,
        8,
        data.length,
        (buf, from, to) -> {
          for (int i = from; i < to; i++) {
            buf.putLong(data[i]);
          }
        });
  }

  /** Writes an int64 array; see {@link #writeInt64(Path, int[], int...)}. */
  public static void writeInt64(Path file, long[] data, int... shape) throws IOException {
    int[] s = checkWriteShape(data.length, shape);
    write(
        file,
        "<i8",
        s,
        8,
        data.length,
        (buf, from, to) -> {
          for (int i = from; i < to; i++) {
            buf.putLong(data[i]);
          }
        });
  }

  /** Writes a float32 array; see {@link #writeInt64(Path, int[], int...)}. */
  public static void writeFloat32(Path file, float[] data, int... shape) throws IOException {
    int[] s = checkWriteShape(data.length, shape);
    write(
        file,
        "<f4",
        s,
        4,
        data.length,
        (buf, from, to) -> {
          for (int i = from; i < to; i++) {
            buf.putFloat(data[i]);
          }
        });
  }

  /** Writes a float64 array; see {@link #writeInt64(Path, int[], int...)}. */
  public static void writeFloat64(Path file, double[] data, int... shape) throws IOException {
    int[] s = checkWriteShape(data.length, shape);
    write(
        file,
        "<f8",
        s,
        8,
        data.length,
        (buf, from, to) -> {
          for (int i = from; i < to; i++) {
            buf.putDouble(data[i]);
          }
        });
  }

  // ---------------------------------------------------------------- shared with EmbeddingsReader

  /** Rows and columns of embeddings stored with this header. */
  static int[] embeddingShape(NpyHeader h) {
    int[] shape = h.shape;
    if (shape.length == 0) {
      throw InvalidInputException.of(
          h.file, "embeddings must be an array of shape (n, d), got a 0-d array (a scalar)");
    }
    long d = 1;
    for (int k = 1; k < shape.length; k++) {
      d *= shape[k];
      if (d > NpyHeader.MAX_ELEMENTS) {
        throw InvalidInputException.of(
            h.file, "absurd shape " + h.shapeString() + ": too many columns per row");
      }
    }
    return new int[] {shape[0], (int) d};
  }

  /** Decodes embeddings (shape checked first), rejecting NaN and infinity with row and column. */
  static Embeddings embeddings(NpyHeader h, DataSource source) throws IOException {
    int[] nd = embeddingShape(h);
    NpyDecoder decoder = new NpyDecoder(h, NpyDecoder.Target.DOUBLE);
    source.feed(decoder);
    return Embeddings.wrapFromFile(h.file, decoder.doubles(), nd[0], nd[1]);
  }

  /** Decodes labels (dtype and shape checked first). */
  static int[] labels(NpyHeader h, DataSource source) throws IOException {
    checkLabels(h);
    NpyDecoder decoder = new NpyDecoder(h, NpyDecoder.Target.INT);
    source.feed(decoder);
    return decoder.ints();
  }

  /** Feeds an array's data, in file order, to a decoder: mapped segments or a stream. */
  @FunctionalInterface
  interface DataSource {
    void feed(NpyDecoder decoder) throws IOException;
  }

  /** Labels must be (n,) or (n, 1) of an integer or bool dtype. */
  static void checkLabels(NpyHeader h) {
    if (!h.dtype.isInteger()) {
      throw InvalidInputException.of(h.file, "labels must have an integer dtype, got " + h.descr);
    }
    if (!(h.shape.length == 1 || (h.shape.length == 2 && h.shape[1] == 1))) {
      throw InvalidInputException.of(
          h.file, "labels must have shape (n,) or (n, 1), got " + h.shapeString());
    }
  }

  static NoSuchFileException missing(Path file, NoSuchFileException e) {
    NoSuchFileException wrapped = new NoSuchFileException(file.toString(), null, "no such file");
    wrapped.initCause(e);
    return wrapped;
  }

  // ---------------------------------------------------------------------------------- writing

  @FunctionalInterface
  private interface Filler {
    /** Puts elements {@code from..to-1} into the buffer. */
    void fill(ByteBuffer buf, int from, int to);
  }

  private static int[] checkWriteShape(int length, int[] shape) {
    if (shape.length == 0) {
      return new int[] {length};
    }
    long product = 1;
    for (int dim : shape) {
      if (dim < 0) {
        throw new IllegalArgumentException(
            "shape must have non-negative dimensions, got " + NpyHeader.shapeString(shape));
      }
      product *= dim;
      if (product > Integer.MAX_VALUE) {
        product = -1;
        break;
      }
    }
    if (product != length) {
      throw new IllegalArgumentException(
          "shape must hold data.length = "
              + length
              + " elements, got "
              + NpyHeader.shapeString(shape));
    }
    return shape.clone();
  }

  private static void write(
      Path file, String descr, int[] shape, int itemSize, int length, Filler filler)
      throws IOException {
    byte[] header = header(descr, shape);
    ByteBuffer buf =
        ByteBuffer.allocate(Math.max(header.length, WRITE_CHUNK * itemSize))
            .order(ByteOrder.LITTLE_ENDIAN);
    // Write beside the target, then move it into place: a reader never sees half a file, and a
    // failure leaves any previous file intact.
    Path absolute = file.toAbsolutePath();
    Path parent = absolute.getParent();
    Path fileName = absolute.getFileName();
    Path tmp =
        Files.createTempFile(
            parent == null ? Path.of(".") : parent,
            "." + (fileName == null ? "array" : fileName.toString()),
            ".tmp");
    boolean moved = false;
    try {
      try (FileChannel channel =
          FileChannel.open(tmp, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
        buf.put(header).flip();
        writeFully(channel, buf);
        for (int from = 0; from < length; from += WRITE_CHUNK) {
          int to = Math.min(length, from + WRITE_CHUNK);
          buf.clear();
          filler.fill(buf, from, to);
          buf.flip();
          writeFully(channel, buf);
        }
      }
      try {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
      moved = true;
    } finally {
      if (!moved) {
        Files.deleteIfExists(tmp);
      }
    }
  }

  private static void writeFully(FileChannel channel, ByteBuffer buf) throws IOException {
    while (buf.hasRemaining()) {
      channel.write(buf);
    }
  }

  /** Magic, version, length and the padded header, byte for byte as numpy writes them. */
  static byte[] header(String descr, int[] shape) {
    StringBuilder sb =
        new StringBuilder("{'descr': '")
            .append(descr)
            .append("', 'fortran_order': False, 'shape': ")
            .append(NpyHeader.shapeString(shape))
            .append(", }");
    if (shape.length > 0) {
      sb.append(" ".repeat(GROWTH_AXIS_MAX_DIGITS - Integer.toString(shape[0]).length()));
    }
    byte[] text = sb.toString().getBytes(StandardCharsets.ISO_8859_1);
    int hlen = text.length + 1; // the final newline
    int prefix = 10;
    int padlen = ARRAY_ALIGN - ((prefix + hlen) % ARRAY_ALIGN);
    int major = 1;
    if (hlen + padlen > 0xffff) {
      major = 2;
      prefix = 12;
      padlen = ARRAY_ALIGN - ((prefix + hlen) % ARRAY_ALIGN);
    }
    ByteBuffer out = ByteBuffer.allocate(prefix + hlen + padlen).order(ByteOrder.LITTLE_ENDIAN);
    out.put(NpyHeader.MAGIC).put((byte) major).put((byte) 0);
    if (major == 1) {
      out.putShort((short) (hlen + padlen));
    } else {
      out.putInt(hlen + padlen);
    }
    out.put(text);
    for (int i = 0; i < padlen; i++) {
      out.put((byte) ' ');
    }
    out.put((byte) '\n');
    return out.array();
  }
}
