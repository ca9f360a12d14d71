package org.dataeval4j.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * Small pieces shared by the evaluator commands (duplicates, outliers, label-errors, prioritize).
 */
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
