package org.dataeval4j.cli;

import picocli.CommandLine.Option;

/** Options every command shares (a picocli mixin). */
final class CommonOptions {

  @Option(
      names = "--threads",
      paramLabel = "T",
      defaultValue = "0",
      description = "Worker threads; 0 = all available processors. Default: ${DEFAULT-VALUE}.")
  int threads;

  @Option(
      names = "--seed",
      paramLabel = "S",
      defaultValue = "0",
      description =
          "Seed of every random draw (KMeans); the same seed gives the same output. Default:"
              + " ${DEFAULT-VALUE}.")
  long seed;

  @Option(
      names = "--quiet",
      description = "No progress on stderr (warnings and errors still show). Default: off.")
  boolean quiet;

  @Option(
      names = "--force",
      description =
          "Write into an existing non-empty output, replacing the files dataeval4j writes"
              + " (other files are left alone). Default: off (a non-empty output is refused).")
  boolean force;

  @Option(
      names = "--debug",
      description =
          "Print the stack trace of an internal error (also: environment variable"
              + " DATAEVAL4J_DEBUG=1). Default: off.")
  boolean debug;
}
