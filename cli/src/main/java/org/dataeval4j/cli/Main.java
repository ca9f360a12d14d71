package org.dataeval4j.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Entry point of the {@code dataeval4j} command line. Exit codes: 0 success, 2 bad usage or bad
 * input, 1 internal failure (see {@link ErrorHandler}).
 */
@Command(
    name = "dataeval4j",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = "Clusters, near-duplicates, outliers, label errors and priorities in embeddings.",
    commandListHeading = "%nCommands:%n",
    exitCodeListHeading = "Exit codes:%n",
    exitCodeList = {"0:success", "2:bad usage or bad input", "1:internal failure"})
public final class Main implements Callable<Integer> {

  @SuppressWarnings("NullAway.Init")
  @Spec
  CommandSpec spec;

  public static void main(String[] args) {
    int code;
    try {
      code = commandLine().execute(args);
    } catch (OutOfMemoryError e) {
      // picocli handles Exceptions only; this Error is the one a user can act on.
      System.err.println(
          "dataeval4j: out of memory; give Java more, e.g. DATAEVAL4J_JAVA_OPTS=-Xmx8g with the"
              + " launcher (or java -Xmx8g -jar ...)");
      code = ErrorHandler.INTERNAL;
    }
    System.exit(code);
  }

  /** The command line with every subcommand and the exit-code handlers, PCA from the library. */
  public static CommandLine commandLine() {
    return commandLine(Reducer.pca());
  }

  /** The command line with the given dimensionality reduction (tests pass their own). */
  static CommandLine commandLine(Reducer reducer) {
    ErrorHandler handler = new ErrorHandler();
    return new CommandLine(new Main())
        .addSubcommand(new ClusterCommand(reducer))
        .addSubcommand(new PcaCommand(reducer))
        .addSubcommand(new DuplicatesCommand())
        .addSubcommand(new OutliersCommand())
        .addSubcommand(new LabelErrorsCommand())
        .addSubcommand(new PrioritizeCommand())
        .addSubcommand(new AuditCommand(reducer))
        .setExecutionExceptionHandler(handler)
        .setParameterExceptionHandler(handler);
  }

  /** Without a subcommand: the usage on stderr, exit 2. */
  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return ErrorHandler.USAGE;
  }
}
