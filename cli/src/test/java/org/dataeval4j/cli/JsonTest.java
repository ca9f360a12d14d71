package org.dataeval4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** JSON has no NaN or Infinity: every non-finite number we write becomes null. */
class JsonTest {

  /** A bean with primitive fields, which Jackson serializes through the primitive types. */
  public static final class Primitives {
    public double nan = Double.NaN;
    public float inf = Float.POSITIVE_INFINITY;
    public double finite = 0.25;
  }

  @Test
  void nonFiniteNumbersAreWrittenAsNull(@TempDir Path dir) throws IOException {
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("nan", Double.NaN);
    value.put("pos_inf", Double.POSITIVE_INFINITY);
    value.put("neg_inf", Double.NEGATIVE_INFINITY);
    value.put("float_nan", Float.NaN);
    value.put("finite", 1.5);
    value.put("array", new double[] {1.0, Double.NaN, Double.NEGATIVE_INFINITY, -2.5});
    value.put("float_array", new float[] {Float.POSITIVE_INFINITY, 3f});
    value.put("list", List.of(Double.NaN, 2.0));
    value.put("nested", Map.of("inf", Double.POSITIVE_INFINITY));
    value.put("bean", new Primitives());
    Path file = dir.resolve("x.json");
    Json.write(file, value);

    JsonNode root = Json.mapper().readTree(file.toFile());
    assertThat(root.get("nan").isNull()).isTrue();
    assertThat(root.get("pos_inf").isNull()).isTrue();
    assertThat(root.get("neg_inf").isNull()).isTrue();
    assertThat(root.get("float_nan").isNull()).isTrue();
    assertThat(root.get("finite").doubleValue()).isEqualTo(1.5);
    assertThat(root.get("array").toString()).isEqualTo("[1.0,null,null,-2.5]");
    assertThat(root.get("float_array").toString()).isEqualTo("[null,3.0]");
    assertThat(root.get("list").toString()).isEqualTo("[null,2.0]");
    assertThat(root.get("nested").get("inf").isNull()).isTrue();
    assertThat(root.get("bean").toString())
        .isEqualTo("{\"nan\":null,\"inf\":null,\"finite\":0.25}");
    // Strict parsers (Python's json with allow_nan=False, JavaScript) accept the text.
    assertThat(Json.toString(value)).doesNotContain("NaN", "Infinity").endsWith("}\n");
  }
}
