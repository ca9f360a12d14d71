package org.dataeval4j.evaluate;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A minimal test-only JSON reader (Jackson is not a core dependency): objects become {@code
 * LinkedHashMap<String, Object>}, arrays {@code List<Object>}, numbers {@code Double}, plus
 * strings, booleans and null. Enough for the reference files' plain JSON.
 */
final class TestJson {
  private final String s;
  private int p;

  private TestJson(String s) {
    this.s = s;
  }

  static Object read(String resource) {
    try (InputStream in = TestJson.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("missing test resource " + resource);
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + resource, e);
    }
  }

  static Object parse(String text) {
    TestJson j = new TestJson(text);
    Object v = j.value();
    j.ws();
    if (j.p != text.length()) {
      throw new IllegalArgumentException("trailing text at " + j.p);
    }
    return v;
  }

  /** The value of key k, which must exist. */
  static Object get(Map<String, Object> m, String k) {
    Object v = m.get(k);
    if (v == null) {
      throw new IllegalArgumentException("missing key " + k + " among " + m.keySet());
    }
    return v;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> obj(Object o) {
    return (Map<String, Object>) o;
  }

  @SuppressWarnings("unchecked")
  static List<Object> list(Object o) {
    return (List<Object>) o;
  }

  static int[] ints(Object o) {
    List<Object> l = list(o);
    int[] out = new int[l.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = ((Double) l.get(i)).intValue();
    }
    return out;
  }

  static double[] doubles(Object o) {
    List<Object> l = list(o);
    double[] out = new double[l.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = (Double) l.get(i);
    }
    return out;
  }

  static int[][] intRows(Object o) {
    List<Object> l = list(o);
    int[][] out = new int[l.size()][];
    for (int i = 0; i < out.length; i++) {
      out[i] = ints(l.get(i));
    }
    return out;
  }

  static double[][] doubleRows(Object o) {
    List<Object> l = list(o);
    double[][] out = new double[l.size()][];
    for (int i = 0; i < out.length; i++) {
      out[i] = doubles(l.get(i));
    }
    return out;
  }

  private void ws() {
    while (p < s.length() && Character.isWhitespace(s.charAt(p))) {
      p++;
    }
  }

  private Object value() {
    ws();
    char c = s.charAt(p);
    switch (c) {
      case '{':
        return object();
      case '[':
        return array();
      case '"':
        return string();
      case 't':
        p += 4;
        return Boolean.TRUE;
      case 'f':
        p += 5;
        return Boolean.FALSE;
      case 'n':
        p += 4;
        return NULL;
      default:
        return number();
    }
  }

  /** JSON null (a sentinel, as the maps hold no Java nulls). */
  static final Object NULL = new Object();

  private Map<String, Object> object() {
    Map<String, Object> m = new LinkedHashMap<>();
    p++;
    ws();
    if (s.charAt(p) == '}') {
      p++;
      return m;
    }
    while (true) {
      ws();
      String k = string();
      ws();
      p++; // ':'
      m.put(k, value());
      ws();
      char c = s.charAt(p++);
      if (c == '}') {
        return m;
      }
    }
  }

  private List<Object> array() {
    List<Object> l = new ArrayList<>();
    p++;
    ws();
    if (s.charAt(p) == ']') {
      p++;
      return l;
    }
    while (true) {
      l.add(value());
      ws();
      char c = s.charAt(p++);
      if (c == ']') {
        return l;
      }
    }
  }

  private String string() {
    StringBuilder b = new StringBuilder();
    p++;
    while (true) {
      char c = s.charAt(p++);
      if (c == '"') {
        return b.toString();
      }
      if (c == '\\') {
        char e = s.charAt(p++);
        switch (e) {
          case 'n' -> b.append('\n');
          case 't' -> b.append('\t');
          case 'u' -> {
            b.append((char) Integer.parseInt(s.substring(p, p + 4), 16));
            p += 4;
          }
          default -> b.append(e);
        }
      } else {
        b.append(c);
      }
    }
  }

  private Double number() {
    int start = p;
    while (p < s.length() && "+-0123456789.eEINaift".indexOf(s.charAt(p)) >= 0) {
      p++;
    }
    String t = s.substring(start, p);
    return switch (t) {
      case "NaN" -> Double.NaN;
      case "Infinity" -> Double.POSITIVE_INFINITY;
      case "-Infinity" -> Double.NEGATIVE_INFINITY;
      default -> Double.parseDouble(t);
    };
  }
}
