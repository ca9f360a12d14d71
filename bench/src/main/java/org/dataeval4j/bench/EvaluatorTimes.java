package org.dataeval4j.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Locale;
import org.dataeval4j.data.Embeddings;
import org.dataeval4j.data.Npy;
import org.dataeval4j.evaluate.LabelErrors;
import org.dataeval4j.evaluate.LabelErrorsOptions;
import org.dataeval4j.evaluate.Prioritize;
import org.dataeval4j.evaluate.PrioritizeMethod;
import org.dataeval4j.evaluate.PrioritizeOptions;
import org.dataeval4j.exec.Exec;

/**
 * Wall-clock times of the evaluators on 60,000 x 50 Fashion-MNIST with the true labels (issue #4's
 * speed targets against DataEval's figures): {@code label_errors} (k = 50) and each Prioritize
 * method with its defaults, easy-first, difficulty policy. Each named evaluator runs RUNS times in
 * turn in this one JVM; the first run of a method includes the JIT's warm-up of its code (about a
 * second for the SIMD kernels), which a CLI user pays on every call.
 *
 * <p>Usage: {@code java --add-modules jdk.incubator.vector -Xmx1g -cp bench/target/benchmarks.jar
 * org.dataeval4j.bench.EvaluatorTimes [THREADS [RUNS [NAME,...]]] [-Ddataeval4j.data=DIR]};
 * defaults 2 threads, 1 run, every evaluator.
 */
public final class EvaluatorTimes {
  private EvaluatorTimes() {}

  private static final String ALL =
      "label_errors,kmeans_distance,kmeans_complexity,hdbscan_distance,hdbscan_complexity,knn";

  public static void main(String[] args) {
    int threads = args.length > 0 ? Integer.parseInt(args[0]) : 2;
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 1;
    String[] names = (args.length > 2 ? args[2] : ALL).split(",");
    Embeddings x = BenchData.fmnist(60_000);
    Path labelFile = BenchData.dir().resolve("fmnist_pca50_train_labels.npy");
    int[] labels;
    try {
      labels = Npy.readLabels(labelFile);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + labelFile, e);
    }
    try (Exec exec = Exec.create(threads)) {
      for (String name : names) {
        for (int run = 1; run <= runs; run++) {
          long t = System.nanoTime();
          if (name.equals("label_errors")) {
            LabelErrors.evaluate(x, labels, LabelErrorsOptions.defaults(), exec);
          } else {
            PrioritizeOptions options = PrioritizeOptions.of(PrioritizeMethod.of(name));
            Prioritize.evaluate(x, null, options, null, exec);
          }
          double seconds = (System.nanoTime() - t) / 1e9;
          System.out.printf(
              Locale.ROOT, "%-20s run %d  %6.2f s  (%d threads)%n", name, run, seconds, threads);
        }
      }
    }
  }
}
