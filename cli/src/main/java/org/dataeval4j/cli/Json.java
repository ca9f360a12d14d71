package org.dataeval4j.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The JSON writer of every file the CLI writes. JSON has no NaN or Infinity, so a non-finite {@code
 * double} or {@code float} (boxed, primitive or inside a {@code double[]}/{@code float[]}) is
 * written as {@code null}. Output is indented, with map keys in insertion order, and ends with a
 * newline.
 */
final class Json {
  private static final ObjectMapper MAPPER = createMapper();

  private Json() {}

  /** The configured mapper (thread-safe once configured). */
  static ObjectMapper mapper() {
    return MAPPER;
  }

  /** {@code value} as indented JSON text ending with a newline. */
  static String toString(Object value) throws IOException {
    return MAPPER.writeValueAsString(value) + "\n";
  }

  /** Writes {@code value} to {@code file} (the caller takes care of atomicity). */
  static void write(Path file, Object value) throws IOException {
    try (OutputStream out = Files.newOutputStream(file)) {
      out.write(toString(value).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
  }

  private static ObjectMapper createMapper() {
    SimpleModule nonFinite = new SimpleModule("non-finite-as-null");
    JsonSerializer<Double> doubles = new DoubleSerializer();
    JsonSerializer<Float> floats = new FloatSerializer();
    nonFinite.addSerializer(Double.class, doubles);
    nonFinite.addSerializer(Double.TYPE, doubles);
    nonFinite.addSerializer(Float.class, floats);
    nonFinite.addSerializer(Float.TYPE, floats);
    nonFinite.addSerializer(double[].class, new DoubleArraySerializer());
    nonFinite.addSerializer(float[].class, new FloatArraySerializer());
    ObjectMapper mapper = new ObjectMapper();
    mapper.registerModule(nonFinite);
    mapper.enable(SerializationFeature.INDENT_OUTPUT);
    return mapper;
  }

  private static void writeDouble(JsonGenerator gen, double v) throws IOException {
    if (Double.isFinite(v)) {
      gen.writeNumber(v);
    } else {
      gen.writeNull();
    }
  }

  private static final class DoubleSerializer extends JsonSerializer<Double> {
    @Override
    public void serialize(Double value, JsonGenerator gen, SerializerProvider provider)
        throws IOException {
      writeDouble(gen, value);
    }
  }

  private static final class FloatSerializer extends JsonSerializer<Float> {
    @Override
    public void serialize(Float value, JsonGenerator gen, SerializerProvider provider)
        throws IOException {
      if (Float.isFinite(value)) {
        gen.writeNumber(value);
      } else {
        gen.writeNull();
      }
    }
  }

  private static final class DoubleArraySerializer extends JsonSerializer<double[]> {
    @Override
    public void serialize(double[] value, JsonGenerator gen, SerializerProvider provider)
        throws IOException {
      gen.writeStartArray(value, value.length);
      for (double v : value) {
        writeDouble(gen, v);
      }
      gen.writeEndArray();
    }
  }

  private static final class FloatArraySerializer extends JsonSerializer<float[]> {
    @Override
    public void serialize(float[] value, JsonGenerator gen, SerializerProvider provider)
        throws IOException {
      gen.writeStartArray(value, value.length);
      for (float v : value) {
        if (Float.isFinite(v)) {
          gen.writeNumber(v);
        } else {
          gen.writeNull();
        }
      }
      gen.writeEndArray();
    }
  }
}
