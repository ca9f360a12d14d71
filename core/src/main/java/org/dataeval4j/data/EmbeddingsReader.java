package org.dataeval4j.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.jspecify.annotations.Nullable;

/**
 * Reads embeddings and labels from the file formats users have, chosen by extension:
 *
 * <ul>
 *   <li>{@code .npy}: see {@link Npy} (memory-mapped, decoded once);
 *   <li>{@code .npz} (numpy.savez / savez_compressed: a zip of {@code name.npy} members, stored or
 *       deflated): {@code IN.npz:name} picks the array {@code name}; without a name the archive's
 *       only array is taken, else the one named {@code embeddings} (for labels: {@code labels}). A
 *       member is decoded while it is inflated, through a 64 KiB buffer, straight into the result;
 *   <li>{@code .csv} and {@code .tsv}: one sample per line; a first line whose cells are not all
 *       numbers is a header and skipped; a non-numeric cell is rejected with its line and column;
 *       all lines must have the same number of cells. Labels take one integer column.
 * </ul>
 *
 * <p>Embeddings accept any supported numeric dtype and shape (n, d), (n, d1, d2, ...) flattened
 * row-major, or (n,) as n x 1; NaN and infinity are rejected with row and column. Labels accept
 * integer and bool dtypes of shape (n,) or (n, 1), every value within the int range.
 *
 * <p>Format problems are {@link InvalidInputException}s whose message starts with the file (and
 * {@code :array} for an .npz member); a missing file is a {@link NoSuchFileException}.
 */
public final class EmbeddingsReader {

  /** Default array of an .npz archive holding several. */
  static final String DEFAULT_EMBEDDINGS = "embeddings";

  static final String DEFAULT_LABELS = "labels";

  private static final int STREAM_CHUNK = 1 << 16;

  private EmbeddingsReader() {}

  /**
   * Reads embeddings from {@code spec}: a path ending in .npy, .csv or .tsv, or {@code
   * path.npz[:array]}.
   */
  public static Embeddings readEmbeddings(String spec) throws IOException {
    Spec s = Spec.parse(spec);
    return switch (s.extension) {
      case "npy" -> Npy.readEmbeddings(s.path);
      case "npz" -> readNpz(s, DEFAULT_EMBEDDINGS, Npy::embeddings);
      case "csv" -> Delimited.readEmbeddings(s.path, ',');
      case "tsv" -> Delimited.readEmbeddings(s.path, '\t');
      default -> throw s.unknownExtension();
    };
  }

  /**
   * Reads labels (one int per sample) from {@code spec}: a path ending in .npy, .csv or .tsv, or
   * {@code path.npz[:array]}.
   */
  public static int[] readLabels(String spec) throws IOException {
    Spec s = Spec.parse(spec);
    return switch (s.extension) {
      case "npy" -> Npy.readLabels(s.path);
      case "npz" -> readNpz(s, DEFAULT_LABELS, Npy::labels);
      case "csv" -> Delimited.readLabels(s.path, ',');
      case "tsv" -> Delimited.readLabels(s.path, '\t');
      default -> throw s.unknownExtension();
    };
  }

  /** A parsed spec: the file, its lower-case extension and, for .npz, an optional array name. */
  static final class Spec {
    final String text;
    final Path path;
    final String extension;
    final @Nullable String array;

    private Spec(String text, Path path, String extension, @Nullable String array) {
      this.text = text;
      this.path = path;
      this.extension = extension;
      this.array = array;
    }

    static Spec parse(String spec) {
      if (spec.isEmpty()) {
        throw new InvalidInputException("input file name must not be empty");
      }
      // "IN.npz:name": split at the last ".npz:" followed by a plain name (no path separator),
      // so that Windows drive letters and directories named x.npz:y are left alone.
      int at = spec.toLowerCase(Locale.ROOT).lastIndexOf(".npz:");
      if (at >= 0) {
        String name = spec.substring(at + 5);
        if (name.indexOf('/') < 0 && name.indexOf('\\') < 0) {
          String file = spec.substring(0, at + 4);
          if (name.isEmpty()) {
            throw InvalidInputException.of(file, "empty array name after ':'");
          }
          return new Spec(spec, Path.of(file), "npz", name);
        }
      }
      Path path = Path.of(spec);
      Path fileName = path.getFileName();
      String base = fileName == null ? "" : fileName.toString();
      int dot = base.lastIndexOf('.');
      String ext = dot < 0 ? "" : base.substring(dot + 1).toLowerCase(Locale.ROOT);
      return new Spec(spec, path, ext, null);
    }

    InvalidInputException unknownExtension() {
      return InvalidInputException.of(
          text,
          (extension.isEmpty()
                  ? "no file extension"
                  : "unknown file extension '." + extension + "'")
              + "; expected .npy, .npz (optionally FILE.npz:ARRAY), .csv or .tsv");
    }
  }

  /** Decodes one array from its header and data. */
  @FunctionalInterface
  private interface MemberReader<T> {
    T read(NpyHeader header, Npy.DataSource data) throws IOException;
  }

  private static <T> T readNpz(Spec spec, String defaultName, MemberReader<T> reader)
      throws IOException {
    Path path = spec.path;
    String file = path.toString();
    if (!Files.exists(path)) {
      throw new NoSuchFileException(file, null, "no such file");
    }
    if (Files.isDirectory(path)) {
      throw InvalidInputException.of(file, "is a directory, not a .npz file");
    }
    try (ZipFile zip = new ZipFile(path.toFile())) {
      List<String> names = new ArrayList<>();
      for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
        ZipEntry entry = e.nextElement();
        if (!entry.isDirectory() && entry.getName().endsWith(".npy")) {
          names.add(entry.getName().substring(0, entry.getName().length() - 4));
        }
      }
      String name = choose(file, names, spec.array, defaultName);
      ZipEntry entry = zip.getEntry(name + ".npy");
      if (entry == null) {
        throw InvalidInputException.of(file, "array '" + name + "' vanished from the archive");
      }
      String label = file + ":" + name;
      try (InputStream in = new BufferedInputStream(zip.getInputStream(entry), STREAM_CHUNK)) {
        NpyHeader h = NpyHeader.read(in, label, entry.getSize());
        return reader.read(h, decoder -> feed(in, h, decoder));
      } catch (EOFException e) {
        throw new InvalidInputException(label + ": truncated archive member", e);
      }
    } catch (ZipException e) {
      throw new InvalidInputException(
          file + ": not a valid .npz (zip) archive: " + e.getMessage(), e);
    }
  }

  /** The array to read: the named one, else the only one, else the default name. */
  static String choose(String file, List<String> names, @Nullable String wanted, String dflt) {
    if (names.isEmpty()) {
      throw InvalidInputException.of(file, "the archive holds no .npy arrays");
    }
    if (wanted != null) {
      if (!names.contains(wanted)) {
        throw InvalidInputException.of(
            file, "no array named '" + wanted + "'; available: " + String.join(", ", names));
      }
      return wanted;
    }
    if (names.size() == 1) {
      return names.get(0);
    }
    if (names.contains(dflt)) {
      return dflt;
    }
    throw InvalidInputException.of(
        file,
        "the archive holds "
            + names.size()
            + " arrays and none is named '"
            + dflt
            + "'; choose one with "
            + file
            + ":NAME, available: "
            + String.join(", ", names));
  }

  /** Streams the data into the decoder, in chunks of whole elements. */
  private static void feed(InputStream in, NpyHeader h, NpyDecoder decoder) throws IOException {
    int itemSize = h.dtype.itemSize;
    byte[] buf = new byte[STREAM_CHUNK / itemSize * itemSize];
    long remaining = h.dataBytes;
    while (remaining > 0) {
      int want = (int) Math.min(buf.length, remaining);
      int got = in.readNBytes(buf, 0, want);
      if (got < want) {
        throw InvalidInputException.of(
            h.file,
            "truncated data: "
                + (h.dataBytes - remaining + got)
                + " of "
                + h.dataBytes
                + " data bytes present");
      }
      decoder.accept(ByteBuffer.wrap(buf, 0, got).order(h.order));
      remaining -= got;
    }
  }
}
