package org.dataeval4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.dataeval4j.data.Embeddings;
import org.dataeval4j.data.EmbeddingsReader;
import org.dataeval4j.data.Npy;
import org.dataeval4j.exec.Progress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code dataeval4j pca IN --components D --out OUT.npy}: the reduced embeddings on their own. */
@Command(
    name = "pca",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    sortOptions = false,
    description = {
      "Projects embeddings on their first D principal components and writes them as a float32"
          + " n x D .npy file.",
      "IN is a .npy file, FILE.npz[:ARRAY], or a .csv/.tsv file with one sample per line."
    },
    exitCodeListHeading = "Exit codes:%n",
    exitCodeList = {"0:success", "2:bad usage or bad input", "1:internal failure"})
final class PcaCommand implements Callable<Integer>, HasCommonOptions {

  @SuppressWarnings("NullAway.Init")
  @Spec
  CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "IN",
      description = "Input embeddings (n x d): .npy, FILE.npz[:ARRAY], .csv or .tsv.")
  String input = "";

  @Option(
      names = "--components",
      required = true,
      paramLabel = "D",
      description = "Number of principal components to keep, 1 <= D <= d. Required, no default.")
  int components;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "OUT.npy",
      description =
          "Output file (float32, n x D); an existing file is refused unless --force. Required, no"
              + " default.")
  Path out = Path.of("");

  @Mixin CommonOptions common = new CommonOptions();

  private final Reducer reducer;

  PcaCommand(Reducer reducer) {
    this.reducer = reducer;
  }

  @Override
  public CommonOptions common() {
    return common;
  }

  @Override
  public Integer call() throws Exception {
    if (components <= 0) {
      throw new ParameterException(
          spec.commandLine(), "--components must be >= 1, got " + components);
    }
    OutputDirectory.checkFile(spec.commandLine(), out, common.force);
    Embeddings x = EmbeddingsReader.readEmbeddings(input);
    if (components > x.dim()) {
      throw new ParameterException(
          spec.commandLine(),
          "--components must be <= d = " + x.dim() + " (the input dimension), got " + components);
    }
    PrintWriter err = spec.commandLine().getErr();
    Progress progress = CliProgress.create(common.quiet, err);
    progress.start("PCA", 1);
    Reducer.Reduction r = reducer.reduce(x, components);
    progress.finish();
    Embeddings y = r.reduced();
    double[] values = y.flat();
    float[] reduced = new float[values.length];
    for (int i = 0; i < values.length; i++) {
      reduced[i] = (float) values[i];
    }
    OutputDirectory.writeFile(
        spec.commandLine(),
        out,
        common.force,
        f -> Npy.writeFloat32(f, reduced, y.size(), y.dim()));
    if (!common.quiet) {
      double kept = 0;
      for (double v : r.explainedVarianceRatio()) {
        kept += v;
      }
      PrintWriter stdout = spec.commandLine().getOut();
      stdout.println(
          String.format(
              Locale.ROOT,
              "pca: %d x %d -> %d x %d, %.1f%% of the variance kept; wrote %s",
              x.size(),
              x.dim(),
              y.size(),
              y.dim(),
              100 * kept,
              out));
      stdout.flush();
    }
    return 0;
  }
}
