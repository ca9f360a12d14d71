package org.dataeval4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.dataeval4j.data.Embeddings;
import org.dataeval4j.data.Npy;
import picocli.CommandLine;

/** Runs the command line in-process with captured output, and writes seeded input fixtures. */
final class Cli {
  private Cli() {}

  /** What a run returned and printed. */
  record Run(int exitCode, String out, String err) {
    /** The non-empty lines of stderr. */
    String[] errLines() {
      return err.lines().filter(l -> !l.isBlank()).toArray(String[]::new);
    }
  }

  /** A reducer for tests: keeps the first D columns; ratio i is 1 / 2^(i+1). */
  static final Reducer FIRST_COLUMNS =
      (x, components) -> {
        int n = x.size();
        double[] out = new double[n * components];
        for (int i = 0; i < n; i++) {
          for (int j = 0; j < components; j++) {
            out[i * components + j] = x.get(i, j);
          }
        }
        double[] ratio = new double[components];
        for (int j = 0; j < components; j++) {
          ratio[j] = 1.0 / (2L << j);
        }
        return new Reducer.Reduction(Embeddings.wrap(out, n, components), ratio);
      };

  static Run run(String... args) {
    return run(FIRST_COLUMNS, args);
  }

  static Run run(Reducer reducer, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = Main.commandLine(reducer);
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int code = cl.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  /**
   * {@code blobs} well separated Gaussian blobs (centres 30 apart on the diagonal, std 1), sample i
   * in blob {@code i % blobs}, written as float32 n x d.
   */
  static float[] blobs(int n, int d, int blobs, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    float[] x = new float[n * d];
    for (int i = 0; i < n; i++) {
      double centre = 30.0 * (i % blobs);
      for (int j = 0; j < d; j++) {
        x[i * d + j] = (float) (centre + nextGaussian(random));
      }
    }
    return x;
  }

  /** Uniform in the unit cube: no density structure at all. */
  static float[] uniform(int n, int d, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    float[] x = new float[n * d];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) random.nextDouble();
    }
    return x;
  }

  static Path write(Path file, float[] x, int n, int d) throws IOException {
    Npy.writeFloat32(file, x, n, d);
    return file;
  }

  private static double nextGaussian(SplittableRandom random) {
    // Box-Muller; SplittableRandom has no nextGaussian on Java 17.
    double u = 1.0 - random.nextDouble();
    double v = random.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
}
