package org.dataeval4j.data;

import java.nio.ByteOrder;

/**
 * The element types of {@code .npy} arrays this package decodes: IEEE floats of 2, 4 and 8 bytes,
 * signed and unsigned integers of 1 to 8 bytes, and booleans (one byte, zero or not).
 */
enum NpyDtype {
  F2('f', 2),
  F4('f', 4),
  F8('f', 8),
  I1('i', 1),
  I2('i', 2),
  I4('i', 4),
  I8('i', 8),
  U1('u', 1),
  U2('u', 2),
  U4('u', 4),
  U8('u', 8),
  B1('b', 1);

  final char kind;
  final int itemSize;

  NpyDtype(char kind, int itemSize) {
    this.kind = kind;
    this.itemSize = itemSize;
  }

  /** True for the integer and boolean types (the ones {@code toLongs} accepts). */
  boolean isInteger() {
    return kind != 'f';
  }

  /** The numpy type string without byte order, e.g. {@code "f4"}. */
  String code() {
    return kind + Integer.toString(itemSize);
  }

  /** A dtype with its byte order, as parsed from a header's {@code descr}. */
  record Parsed(NpyDtype dtype, ByteOrder order) {}

  /**
   * Parses a numpy type string such as {@code "<f4"}, {@code ">i8"}, {@code "|u1"} or {@code
   * "|b1"}. '=' and '|' (and no prefix) mean the native order.
   *
   * @throws InvalidInputException naming {@code file} for object, complex, string and other
   *     unsupported types
   */
  static Parsed parse(String descr, String file) {
    String rest = descr;
    ByteOrder order = ByteOrder.nativeOrder();
    if (!rest.isEmpty() && "<>|=".indexOf(rest.charAt(0)) >= 0) {
      char c = rest.charAt(0);
      if (c == '<') {
        order = ByteOrder.LITTLE_ENDIAN;
      } else if (c == '>') {
        order = ByteOrder.BIG_ENDIAN;
      }
      rest = rest.substring(1);
    }
    if (rest.equals("?")) {
      rest = "b1";
    }
    for (NpyDtype t : values()) {
      if (t.code().equals(rest)) {
        return new Parsed(t, order);
      }
    }
    if (rest.startsWith("O")) {
      throw InvalidInputException.of(
          file,
          "object arrays (dtype '"
              + descr
              + "') are not supported: they hold pickled Python objects, not numbers");
    }
    throw InvalidInputException.of(
        file,
        "unsupported dtype '"
            + descr
            + "'"
            + describe(rest)
            + "; supported: float16, float32, float64, int8..int64, uint8..uint64, bool");
  }

  private static String describe(String code) {
    if (code.isEmpty()) {
      return "";
    }
    return switch (code.charAt(0)) {
      case 'c' -> " (complex)";
      case 'U', 'S', 'a' -> " (string)";
      case 'M', 'm' -> " (date/time)";
      case 'V' -> " (raw bytes or structured)";
      case 'f', 'i', 'u', 'b' -> " (unsupported size)";
      default -> "";
    };
  }
}
