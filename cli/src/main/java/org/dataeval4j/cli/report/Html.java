package org.dataeval4j.cli.report;

import java.util.Locale;

/** HTML text helpers: escaping of everything that comes from input, and number formatting. */
final class Html {
  private Html() {}

  /** {@code s} as HTML text or attribute value: {@code & < > " '} become entities. */
  static String escape(String s) {
    StringBuilder b = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }

  /**
   * A coordinate or value with at most {@code decimals} decimals, no trailing zeros, Locale.ROOT.
   */
  static String num(double v, int decimals) {
    if (!Double.isFinite(v)) {
      return Double.isNaN(v) ? "NaN" : (v > 0 ? "inf" : "-inf");
    }
    String s = String.format(Locale.ROOT, "%." + decimals + "f", v);
    if (s.indexOf('.') >= 0) {
      int end = s.length();
      while (s.charAt(end - 1) == '0') {
        end--;
      }
      if (s.charAt(end - 1) == '.') {
        end--;
      }
      s = s.substring(0, end);
    }
    return s.equals("-0") ? "0" : s;
  }

  /** A pixel coordinate (one decimal). */
  static String px(double v) {
    return num(v, 1);
  }
}
