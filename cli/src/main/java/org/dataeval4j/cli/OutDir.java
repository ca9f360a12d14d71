package org.dataeval4j.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --out DIR} option of every command that writes a directory (a picocli mixin). */
final class OutDir {

  @Option(
      names = "--out",
      required = true,
      paramLabel = "DIR",
      description =
          "Output directory; created if missing. An existing non-empty DIR is refused unless"
              + " --force. Required, no default.")
  Path path = Path.of("");
}
