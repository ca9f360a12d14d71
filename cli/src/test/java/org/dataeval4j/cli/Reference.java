package org.dataeval4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.dataeval4j.data.Npy;

/**
 * DataEval's reference outputs on digits64, copied from {@code shared/data} into the test resources
 * with the same layout ({@code inputs/digits64.npy}, {@code dataeval/digits64/hdbscan/...}).
 */
final class Reference {
  private Reference() {}

  /** The path of a test resource, e.g. {@code "inputs/digits64.npy"}. */
  static Path path(String resource) {
    URL url = Reference.class.getResource("/" + resource);
    if (url == null) {
      throw new IllegalStateException("missing test resource " + resource);
    }
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static Path digits() {
    return path("inputs/digits64.npy");
  }

  static Path digitsLabels() {
    return path("inputs/digits64_labels.npy");
  }

  /** {@code dataeval/digits64/VARIANT}. */
  static Path dataEval(String variant) {
    return path("dataeval/digits64/" + variant);
  }

  /** A float32 (or any numeric) .npy file's values as floats, in C order. */
  static float[] floats(Path file) throws IOException {
    double[] v = Npy.read(file).toDoubles();
    float[] out = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = (float) v[i];
    }
    return out;
  }

  static JsonNode json(Path file) {
    try {
      return Json.mapper().readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static int[] ints(JsonNode array) {
    int[] out = new int[array.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = array.get(i).asInt();
    }
    return out;
  }

  static double[] doubles(JsonNode array) {
    double[] out = new double[array.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = array.get(i).asDouble();
    }
    return out;
  }

  /** The names of the entries of a directory, or an empty list if it does not exist. */
  static List<String> names(Path dir) throws IOException {
    List<String> out = new ArrayList<>();
    if (!Files.exists(dir)) {
      return out;
    }
    try (Stream<Path> s = Files.list(dir)) {
      s.forEach(p -> out.add(String.valueOf(p.getFileName())));
    }
    return out;
  }
}
