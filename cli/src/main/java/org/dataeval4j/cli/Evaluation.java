package org.dataeval4j.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.dataeval4j.cluster.Algorithm;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/** Small pieces shared by the commands: option checks, timing, JSON members. */
final class Evaluation {
  private Evaluation() {}

  /**
   * Rejects a negative {@code --threads}.
   *
   * @throws ParameterException if {@code threads < 0}
   */
  static void checkThreads(CommandLine commandLine, int threads) {
    if (threads < 0) {
      throw new ParameterException(
          commandLine, "--threads must be >= 0 (0 = all processors), got " + threads);
    }
  }

  /**
   * The {@code --algorithm} value: hdbscan or kmeans, any case.
   *
   * @throws ParameterException for any other value
   */
  static Algorithm algorithm(CommandLine commandLine, String value) {
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "hdbscan" -> Algorithm.HDBSCAN;
      case "kmeans" -> Algorithm.KMEANS;
      default ->
          throw new ParameterException(
              commandLine, "--algorithm must be hdbscan or kmeans, got " + value);
    };
  }

  /**
   * Rejects a count option below 1; {@code null} (not given) passes.
   *
   * @throws ParameterException if {@code value <= 0}
   */
  static void requirePositive(CommandLine commandLine, String option, @Nullable Integer value) {
    if (value != null && value <= 0) {
      throw new ParameterException(commandLine, option + " must be >= 1, got " + value);
    }
  }

  /** Seconds since {@code startNanos}. */
  static double since(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  /**
   * {@code [{"dataset": d, "index": j}, ...]} for parallel arrays of datasets and local indices.
   */
  static List<Map<String, Integer>> members(int[] datasets, int[] local) {
    List<Map<String, Integer>> out = new ArrayList<>(datasets.length);
    for (int t = 0; t < datasets.length; t++) {
      Map<String, Integer> m = new LinkedHashMap<>();
      m.put("dataset", datasets[t]);
      m.put("index", local[t]);
      out.add(m);
    }
    return out;
  }
}
