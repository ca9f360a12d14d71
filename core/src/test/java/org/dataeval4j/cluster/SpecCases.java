package org.dataeval4j.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.dataeval4j.data.Embeddings;

/** The spec's conformance inputs ({@code spec/data/*.csv}) and DataEval's values for them. */
final class SpecCases {
  private static final JsonNode EXPECTED = load();

  private SpecCases() {}

  private static JsonNode load() {
    try (InputStream in = SpecCases.class.getResourceAsStream("/spec/expected.json")) {
      if (in == null) {
        throw new IllegalStateException("missing test resource /spec/expected.json");
      }
      return new ObjectMapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode expected(String key) {
    JsonNode node = EXPECTED.get(key);
    if (node == null) {
      throw new IllegalArgumentException("no key " + key + " in expected.json");
    }
    return node;
  }

  static Embeddings csv(String name) {
    try (InputStream in = SpecCases.class.getResourceAsStream("/spec/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource /spec/" + name);
      }
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      List<double[]> rows = new ArrayList<>();
      for (String line : text.split("\n")) {
        if (line.isBlank()) {
          continue;
        }
        String[] cells = line.trim().split(",");
        double[] row = new double[cells.length];
        for (int j = 0; j < cells.length; j++) {
          row[j] = Double.parseDouble(cells[j]);
        }
        rows.add(row);
      }
      return Embeddings.of(rows.toArray(new double[0][]));
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

  static float[] floats(JsonNode array) {
    float[] out = new float[array.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = (float) array.get(i).asDouble();
    }
    return out;
  }
}
