package org.dataeval4j.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * CSV and TSV text tables: one sample per line, cells separated by ',' (CSV) or a tab (TSV).
 *
 * <p>Rules: UTF-8 (a leading byte-order mark is ignored); blank lines and lines starting with '#'
 * (numpy.savetxt's header) are skipped; cells are trimmed and may be double-quoted; the first line
 * is a header, and skipped, when some of its cells are not numbers. Numbers are decimal ({@code
 * -1.5e-3}; {@code nan} and {@code inf} are recognised so that they can be rejected with their
 * position). Every data line must have the same number of cells. A bad cell is reported with its
 * line and column (both 1-based), a NaN or infinity also with its row and column in the matrix
 * (0-based, as in {@link Embeddings}).
 */
final class Delimited {

  private Delimited() {}

  static Embeddings readEmbeddings(Path file, char separator) throws IOException {
    String name = file.toString();
    Values sink = new Values(name);
    Table table = new Table(name, separator);
    table.read(file, sink);
    double[] data =
        sink.count == sink.buffer.length ? sink.buffer : Arrays.copyOf(sink.buffer, sink.count);
    return Embeddings.wrapFromFile(name, data, table.rows, table.width);
  }

  static int[] readLabels(Path file, char separator) throws IOException {
    String name = file.toString();
    Labels sink = new Labels(name);
    Table table = new Table(name, separator);
    table.read(file, sink);
    return Arrays.copyOf(sink.labels, table.rows);
  }

  /** Consumes one data line (its cells, 1-based line number, 0-based row). */
  private interface RowSink {
    void row(List<String> cells, int line, int row);
  }

  /** Numbers of every cell, row after row, in a growing flat array. */
  private static final class Values implements RowSink {
    final String name;
    double[] buffer = new double[1024];
    int count;

    Values(String name) {
      this.name = name;
    }

    @Override
    public void row(List<String> cells, int line, int row) {
      int d = cells.size();
      if ((long) count + d > buffer.length) {
        long capacity = Math.max((long) count + d, 2L * buffer.length);
        if ((long) count + d > NpyHeader.MAX_ELEMENTS) {
          throw InvalidInputException.of(name, "too many values for one Java array");
        }
        buffer = Arrays.copyOf(buffer, (int) Math.min(capacity, NpyHeader.MAX_ELEMENTS));
      }
      for (int j = 0; j < d; j++) {
        String cell = cells.get(j);
        if (!isNumber(cell)) {
          throw InvalidInputException.of(
              name,
              "line " + line + ", column " + (j + 1) + ": expected a number, got " + quote(cell));
        }
        double v = parse(cell);
        if (!Double.isFinite(v)) {
          throw InvalidInputException.of(
              name,
              "embeddings must be finite, got "
                  + v
                  + " at row "
                  + row
                  + ", column "
                  + j
                  + " (line "
                  + line
                  + ")");
        }
        buffer[count++] = v;
      }
    }
  }

  /** One integer per line. */
  private static final class Labels implements RowSink {
    final String name;
    int[] labels = new int[1024];

    Labels(String name) {
      this.name = name;
    }

    @Override
    public void row(List<String> cells, int line, int row) {
      if (cells.size() != 1) {
        throw InvalidInputException.of(
            name, "labels must have one column, got " + cells.size() + " on line " + line);
      }
      String cell = cells.get(0);
      if (!isInteger(cell)) {
        throw InvalidInputException.of(
            name, "line " + line + ", column 1: a label must be an integer, got " + quote(cell));
      }
      long v;
      try {
        v = Long.parseLong(cell.startsWith("+") ? cell.substring(1) : cell);
      } catch (NumberFormatException e) {
        v = Long.MAX_VALUE; // more digits than a long holds
      }
      if (v != (int) v) {
        throw InvalidInputException.of(
            name, "line " + line + ", column 1: label " + cell + " does not fit in a 32-bit int");
      }
      if (row == labels.length) {
        labels = Arrays.copyOf(labels, (int) Math.min(NpyHeader.MAX_ELEMENTS, 2L * row));
      }
      labels[row] = (int) v;
    }
  }

  /** Line splitting, header detection and the width check; a {@link RowSink} takes data lines. */
  private static final class Table {
    final String name;
    final char separator;
    int width = -1;
    int rows;

    Table(String name, char separator) {
      this.name = name;
      this.separator = separator;
    }

    void read(Path file, RowSink sink) throws IOException {
      if (Files.isDirectory(file)) {
        throw InvalidInputException.of(name, "is a directory, not a file");
      }
      // Malformed UTF-8 becomes U+FFFD and then fails as a non-numeric cell with its position.
      try (BufferedReader in =
          new BufferedReader(
              new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8))) {
        int lineNumber = 0;
        int headerWidth = -1;
        int headerLine = 0;
        boolean first = true;
        List<String> cells = new ArrayList<>();
        String line;
        while ((line = in.readLine()) != null) {
          lineNumber++;
          if (lineNumber == 1 && line.startsWith("\uFEFF")) {
            line = line.substring(1);
          }
          String stripped = line.strip();
          if (stripped.isEmpty() || stripped.startsWith("#")) {
            continue;
          }
          split(line, lineNumber, cells);
          if (first) {
            first = false;
            if (!allNumbers(cells)) {
              headerWidth = cells.size();
              headerLine = lineNumber;
              continue;
            }
          }
          if (width < 0) {
            width = cells.size();
            if (headerWidth >= 0 && headerWidth != width) {
              throw InvalidInputException.of(
                  name,
                  "the header (line "
                      + headerLine
                      + ") has "
                      + headerWidth
                      + " columns but line "
                      + lineNumber
                      + " has "
                      + width);
            }
          } else if (cells.size() != width) {
            throw InvalidInputException.of(
                name,
                "line "
                    + lineNumber
                    + " has "
                    + cells.size()
                    + " columns, expected "
                    + width
                    + " like the first data line");
          }
          if (rows == NpyHeader.MAX_ELEMENTS) {
            throw InvalidInputException.of(name, "too many lines");
          }
          sink.row(cells, lineNumber, rows);
          rows++;
        }
      } catch (NoSuchFileException e) {
        throw Npy.missing(Path.of(name), e);
      }
      if (rows == 0) {
        throw InvalidInputException.of(name, "no data lines");
      }
    }

    /** Splits one line into trimmed cells; a cell in double quotes may hold the separator. */
    private void split(String line, int lineNumber, List<String> cells) {
      cells.clear();
      StringBuilder cell = new StringBuilder();
      int i = 0;
      int len = line.length();
      while (true) {
        // One cell: optional spaces, then either a quoted string or plain text up to a separator.
        while (i < len && line.charAt(i) != separator && Character.isWhitespace(line.charAt(i))) {
          i++;
        }
        cell.setLength(0);
        if (i < len && line.charAt(i) == '"') {
          i++;
          boolean closed = false;
          while (i < len) {
            char c = line.charAt(i++);
            if (c == '"') {
              if (i < len && line.charAt(i) == '"') {
                cell.append('"');
                i++;
              } else {
                closed = true;
                break;
              }
            } else {
              cell.append(c);
            }
          }
          if (!closed) {
            throw InvalidInputException.of(
                name, "line " + lineNumber + ", column " + (cells.size() + 1) + ": unclosed quote");
          }
          while (i < len && line.charAt(i) != separator) {
            if (!Character.isWhitespace(line.charAt(i))) {
              throw InvalidInputException.of(
                  name,
                  "line "
                      + lineNumber
                      + ", column "
                      + (cells.size() + 1)
                      + ": text after a closing quote");
            }
            i++;
          }
          cells.add(cell.toString());
        } else {
          int start = i;
          while (i < len && line.charAt(i) != separator) {
            i++;
          }
          cells.add(line.substring(start, i).strip());
        }
        if (i >= len) {
          return;
        }
        i++; // the separator
      }
    }
  }

  private static boolean allNumbers(List<String> cells) {
    for (String c : cells) {
      if (!isNumber(c)) {
        return false;
      }
    }
    return true;
  }

  /**
   * A decimal number ({@code [+-]digits[.digits][e[+-]digits]}, digits on at least one side of the
   * point) or nan / inf / infinity in any case. Stricter than {@link Double#parseDouble}, which
   * also takes hexadecimal and suffixes like "1f".
   */
  static boolean isNumber(String s) {
    int i = 0;
    int n = s.length();
    if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
      i++;
    }
    String rest = s.substring(i);
    if (rest.equalsIgnoreCase("nan")
        || rest.equalsIgnoreCase("inf")
        || rest.equalsIgnoreCase("infinity")) {
      return true;
    }
    int digits = 0;
    while (i < n && isDigit(s.charAt(i))) {
      i++;
      digits++;
    }
    if (i < n && s.charAt(i) == '.') {
      i++;
      while (i < n && isDigit(s.charAt(i))) {
        i++;
        digits++;
      }
    }
    if (digits == 0) {
      return false;
    }
    if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
      i++;
      if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
        i++;
      }
      int exp = 0;
      while (i < n && isDigit(s.charAt(i))) {
        i++;
        exp++;
      }
      if (exp == 0) {
        return false;
      }
    }
    return i == n;
  }

  /** Parses a cell accepted by {@link #isNumber}. */
  static double parse(String s) {
    String t = s.startsWith("+") ? s.substring(1) : s;
    boolean negative = t.startsWith("-");
    String body = negative ? t.substring(1) : t;
    if (body.equalsIgnoreCase("nan")) {
      return Double.NaN;
    }
    if (body.equalsIgnoreCase("inf") || body.equalsIgnoreCase("infinity")) {
      return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }
    return Double.parseDouble(t);
  }

  static boolean isInteger(String s) {
    int i = 0;
    int n = s.length();
    if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
      i++;
    }
    if (i == n) {
      return false;
    }
    for (; i < n; i++) {
      if (!isDigit(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static String quote(String cell) {
    String c = cell.length() > 40 ? cell.substring(0, 40) + "..." : cell;
    return cell.isEmpty() ? "an empty cell" : "'" + c + "'";
  }
}
