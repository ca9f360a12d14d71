package org.dataeval4j.data;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parsed and validated header of a {@code .npy} array (NumPy format versions 1.0, 2.0 and 3.0,
 * see {@code numpy.lib.format}).
 *
 * <p>Layout: the magic {@code \x93NUMPY}, a major and a minor version byte, the header length
 * (little-endian uint16 for 1.0, uint32 for 2.0 and 3.0), then the header: a Python dict literal
 * with exactly the keys {@code descr}, {@code fortran_order} and {@code shape} (Latin-1 for 1.0 and
 * 2.0, UTF-8 for 3.0), padded with spaces and a newline. The data follows immediately.
 */
final class NpyHeader {

  static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};

  /** Larger headers are refused as absurd (numpy's own reader stops at 10,000 by default). */
  static final int MAX_HEADER_LENGTH = 1 << 20;

  /** numpy's own limit on the number of dimensions. */
  static final int MAX_DIMS = 64;

  /** The largest element count a Java array can hold. */
  static final long MAX_ELEMENTS = Integer.MAX_VALUE - 8;

  final String file;
  final int major;
  final int minor;
  final String descr;
  final NpyDtype dtype;
  final ByteOrder order;
  final boolean fortranOrder;
  final int[] shape;

  /** Product of the dimensions (1 for a 0-d array). */
  final long size;

  /** Offset of the first data byte from the start of the file (or zip entry). */
  final long dataOffset;

  /** {@code size * dtype.itemSize}. */
  final long dataBytes;

  private NpyHeader(
      String file,
      int major,
      int minor,
      String descr,
      NpyDtype.Parsed parsed,
      boolean fortranOrder,
      int[] shape,
      long size,
      long dataOffset) {
    this.file = file;
    this.major = major;
    this.minor = minor;
    this.descr = descr;
    this.dtype = parsed.dtype();
    this.order = parsed.order();
    this.fortranOrder = fortranOrder;
    this.shape = shape;
    this.size = size;
    this.dataOffset = dataOffset;
    this.dataBytes = size * dtype.itemSize;
  }

  /**
   * Reads and validates the header from the start of {@code in}, leaving the stream at the first
   * data byte.
   *
   * @param file the name used in messages
   * @param total the number of bytes in the file or entry, so that the data size can be checked
   *     against the shape
   * @throws InvalidInputException for any format problem
   */
  static NpyHeader read(InputStream in, String file, long total) throws IOException {
    byte[] prefix = in.readNBytes(10);
    if (prefix.length < MAGIC.length
        || !Arrays.equals(Arrays.copyOf(prefix, MAGIC.length), MAGIC)) {
      throw InvalidInputException.of(
          file, "not a .npy file: bad magic " + show(prefix) + hint(prefix));
    }
    if (prefix.length < 10) {
      throw InvalidInputException.of(
          file, "truncated header: the file ends after " + prefix.length + " bytes");
    }
    int major = prefix[6] & 0xff;
    int minor = prefix[7] & 0xff;
    long headerLength;
    int prefixLength;
    if (major == 1 && minor == 0) {
      headerLength = (prefix[8] & 0xff) | (prefix[9] & 0xff) << 8;
      prefixLength = 10;
    } else if ((major == 2 || major == 3) && minor == 0) {
      byte[] more = in.readNBytes(2);
      if (more.length < 2) {
        throw InvalidInputException.of(file, "truncated header: the file ends after 10 bytes");
      }
      headerLength =
          ByteBuffer.wrap(new byte[] {prefix[8], prefix[9], more[0], more[1]})
                  .order(ByteOrder.LITTLE_ENDIAN)
                  .getInt()
              & 0xffffffffL;
      prefixLength = 12;
    } else {
      throw InvalidInputException.of(
          file,
          "unsupported .npy format version " + major + "." + minor + " (supported: 1.0, 2.0, 3.0)");
    }
    if (total >= 0 && prefixLength + headerLength > total) {
      throw InvalidInputException.of(
          file,
          "header length "
              + headerLength
              + " goes beyond the end of the file ("
              + total
              + " bytes)");
    }
    if (headerLength > MAX_HEADER_LENGTH) {
      throw InvalidInputException.of(
          file, "absurd header length " + headerLength + " (limit " + MAX_HEADER_LENGTH + ")");
    }
    byte[] headerBytes = in.readNBytes((int) headerLength);
    if (headerBytes.length < headerLength) {
      throw InvalidInputException.of(
          file,
          "truncated header: header length "
              + headerLength
              + " but the file ends after "
              + (prefixLength + headerBytes.length)
              + " bytes");
    }
    String text;
    if (major == 3) {
      try {
        text =
            StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(headerBytes))
                .toString();
      } catch (CharacterCodingException e) {
        throw new InvalidInputException(file + ": malformed header: not valid UTF-8", e);
      }
    } else {
      text = new String(headerBytes, StandardCharsets.ISO_8859_1);
    }
    return parse(file, major, minor, text, prefixLength + headerLength, total);
  }

  private static NpyHeader parse(
      String file, int major, int minor, String text, long dataOffset, long total) {
    Object literal = new Literal(file, text).parseAll();
    if (!(literal instanceof Map<?, ?> dict)) {
      throw malformed(file, text, "the header is not a dict");
    }
    Object descr = dict.get("descr");
    Object fortran = dict.get("fortran_order");
    Object shapeValue = dict.get("shape");
    if (dict.size() != 3 || descr == null || fortran == null || shapeValue == null) {
      throw malformed(
          file, text, "the header must have exactly the keys 'descr', 'fortran_order', 'shape'");
    }
    if (!(descr instanceof String descrText)) {
      throw InvalidInputException.of(
          file,
          "unsupported dtype "
              + (descr instanceof List ? "(structured record) " : "")
              + "in header "
              + snippet(text));
    }
    if (!(fortran instanceof Boolean fortranFlag)) {
      throw malformed(file, text, "'fortran_order' must be True or False");
    }
    if (!(shapeValue instanceof Tuple tuple)) {
      throw malformed(file, text, "'shape' must be a tuple of integers");
    }
    NpyDtype.Parsed parsed = NpyDtype.parse(descrText, file);
    List<Object> dims = tuple.items;
    if (dims.size() > MAX_DIMS) {
      throw InvalidInputException.of(
          file, "absurd header: " + dims.size() + " dimensions (limit " + MAX_DIMS + ")");
    }
    int[] shape = new int[dims.size()];
    boolean empty = false;
    for (int k = 0; k < shape.length; k++) {
      Object dim = dims.get(k);
      if (!(dim instanceof Long) && !(dim instanceof BigInteger)) {
        throw malformed(file, text, "'shape' must be a tuple of integers");
      }
      long v = dim instanceof Long l ? l : -1;
      if (v < 0 || v > Integer.MAX_VALUE) {
        throw InvalidInputException.of(
            file,
            "absurd header: dimension "
                + k
                + " of shape "
                + shapeString(dims)
                + " is out of range");
      }
      shape[k] = (int) v;
      empty |= v == 0;
    }
    long size = 1;
    if (empty) {
      size = 0;
    } else {
      for (int dim : shape) {
        size *= dim;
        if (size > MAX_ELEMENTS) {
          throw InvalidInputException.of(
              file,
              "absurd header: shape "
                  + shapeString(dims)
                  + " has more elements than a Java array can hold ("
                  + MAX_ELEMENTS
                  + ")");
        }
      }
    }
    NpyHeader h =
        new NpyHeader(file, major, minor, descrText, parsed, fortranFlag, shape, size, dataOffset);
    if (total >= 0) {
      long available = total - dataOffset;
      if (available < h.dataBytes) {
        throw InvalidInputException.of(
            file,
            "truncated data: shape "
                + h.shapeString()
                + " of '"
                + h.descr
                + "' needs "
                + h.dataBytes
                + " bytes after the header, the file has "
                + available);
      }
      if (available > h.dataBytes) {
        throw InvalidInputException.of(
            file,
            "file size does not match the shape: shape "
                + h.shapeString()
                + " of '"
                + h.descr
                + "' needs "
                + h.dataBytes
                + " bytes after the header, the file has "
                + available);
      }
    }
    return h;
  }

  /** The shape as Python prints it: {@code ()}, {@code (5,)}, {@code (3, 4)}. */
  String shapeString() {
    return shapeString(shape);
  }

  static String shapeString(int[] shape) {
    StringBuilder sb = new StringBuilder("(");
    for (int k = 0; k < shape.length; k++) {
      if (k > 0) {
        sb.append(", ");
      }
      sb.append(shape[k]);
    }
    return sb.append(shape.length == 1 ? ",)" : ")").toString();
  }

  private static String shapeString(List<Object> dims) {
    StringBuilder sb = new StringBuilder("(");
    for (int k = 0; k < dims.size(); k++) {
      if (k > 0) {
        sb.append(", ");
      }
      sb.append(dims.get(k));
    }
    return sb.append(dims.size() == 1 ? ",)" : ")").toString();
  }

  private static String show(byte[] b) {
    StringBuilder sb = new StringBuilder("'");
    for (int i = 0; i < Math.min(b.length, 6); i++) {
      int c = b[i] & 0xff;
      if (c >= 0x20 && c < 0x7f && c != '\'' && c != '\\') {
        sb.append((char) c);
      } else {
        sb.append(String.format(java.util.Locale.ROOT, "\\x%02x", c));
      }
    }
    return sb.append("' (expected '\\x93NUMPY')").toString();
  }

  private static String hint(byte[] b) {
    if (b.length >= 2 && b[0] == 'P' && b[1] == 'K') {
      return "; this looks like a zip archive, name it .npz";
    }
    return "";
  }

  private static InvalidInputException malformed(String file, String text, String problem) {
    return InvalidInputException.of(file, "malformed header: " + problem + ": " + snippet(text));
  }

  private static String snippet(String text) {
    String t = text.strip();
    return t.length() <= 200 ? t : t.substring(0, 200) + "...";
  }

  /** A Python tuple in the header (kept apart from lists: 'shape' must be a tuple). */
  private static final class Tuple {
    final List<Object> items;

    Tuple(List<Object> items) {
      this.items = items;
    }
  }

  /** Placeholder for Python's None (maps cannot hold null values here). */
  private static final Object NONE = new Object();

  /**
   * A recursive-descent parser for the Python literals numpy writes in headers: dicts, tuples,
   * lists, strings, integers, True, False and None. Nesting is limited to {@link #MAX_DEPTH}, so a
   * hostile header cannot exhaust the stack.
   */
  private static final class Literal {
    private static final int MAX_DEPTH = 32;
    private static final String[] WORDS = {"True", "False", "None"};
    private static final Object[] WORD_VALUES = {true, false, NONE};
    private final String file;
    private final String s;
    private int pos;

    Literal(String file, String s) {
      this.file = file;
      this.s = s;
    }

    Object parseAll() {
      Object v = value(0);
      skipSpace();
      if (pos != s.length()) {
        throw error("unexpected text after the dict");
      }
      return v;
    }

    private Object value(int depth) {
      if (depth > MAX_DEPTH) {
        throw error("nested too deeply");
      }
      skipSpace();
      if (pos >= s.length()) {
        throw error("unexpected end");
      }
      char c = s.charAt(pos);
      switch (c) {
        case '{' -> {
          return dict(depth);
        }
        case '(' -> {
          return new Tuple(sequence(')', depth));
        }
        case '[' -> {
          return sequence(']', depth);
        }
        case '\'', '"' -> {
          return string(c);
        }
        default -> {
          if (c == '-' || c == '+' || (c >= '0' && c <= '9')) {
            return integer();
          }
          for (int w = 0; w < WORDS.length; w++) {
            if (s.startsWith(WORDS[w], pos)) {
              pos += WORDS[w].length();
              return WORD_VALUES[w];
            }
          }
          throw error("unexpected character '" + c + "'");
        }
      }
    }

    private Map<Object, Object> dict(int depth) {
      pos++; // '{'
      Map<Object, Object> map = new LinkedHashMap<>();
      while (true) {
        skipSpace();
        if (peek('}')) {
          pos++;
          return map;
        }
        Object key = value(depth + 1);
        if (!(key instanceof String)) {
          throw error("dict keys must be strings");
        }
        skipSpace();
        expect(':');
        Object v = value(depth + 1);
        if (map.put(key, v) != null) {
          throw error("duplicate key '" + key + "'");
        }
        skipSpace();
        if (peek(',')) {
          pos++;
        } else if (!peek('}')) {
          throw error("expected ',' or '}'");
        }
      }
    }

    private List<Object> sequence(char close, int depth) {
      pos++; // '(' or '['
      List<Object> items = new ArrayList<>();
      boolean comma = false;
      while (true) {
        skipSpace();
        if (peek(close)) {
          pos++;
          // (3) is an integer in Python, not a tuple; only (3,) is.
          if (close == ')' && items.size() == 1 && !comma) {
            throw error("a one-element tuple needs a trailing comma");
          }
          return items;
        }
        items.add(value(depth + 1));
        skipSpace();
        comma = false;
        if (peek(',')) {
          pos++;
          comma = true;
        } else if (!peek(close)) {
          throw error("expected ',' or '" + close + "'");
        }
      }
    }

    private String string(char quote) {
      pos++;
      StringBuilder sb = new StringBuilder();
      while (pos < s.length()) {
        char c = s.charAt(pos++);
        if (c == quote) {
          return sb.toString();
        }
        if (c == '\\' && pos < s.length()) {
          c = s.charAt(pos++);
        }
        sb.append(c);
      }
      throw error("unterminated string");
    }

    private Object integer() {
      int start = pos;
      if (s.charAt(pos) == '-' || s.charAt(pos) == '+') {
        pos++;
      }
      int digits = pos;
      while (pos < s.length() && s.charAt(pos) >= '0' && s.charAt(pos) <= '9') {
        pos++;
      }
      if (pos == digits) {
        throw error("malformed number");
      }
      String text = s.substring(start, pos);
      if (pos < s.length() && (s.charAt(pos) == 'L' || s.charAt(pos) == 'l')) {
        pos++; // Python 2 long, as old numpy wrote shapes
      }
      if (pos < s.length()
          && (s.charAt(pos) == '.' || s.charAt(pos) == 'e' || s.charAt(pos) == 'E')) {
        throw error("non-integer number");
      }
      try {
        return Long.parseLong(text);
      } catch (NumberFormatException e) {
        return new BigInteger(text); // too many digits for a long: certainly no valid dimension
      }
    }

    private void skipSpace() {
      while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
        pos++;
      }
    }

    private boolean peek(char c) {
      return pos < s.length() && s.charAt(pos) == c;
    }

    private void expect(char c) {
      if (!peek(c)) {
        throw error("expected '" + c + "'");
      }
      pos++;
    }

    private InvalidInputException error(String problem) {
      return malformed(file, s, problem + " at character " + pos);
    }
  }
}
