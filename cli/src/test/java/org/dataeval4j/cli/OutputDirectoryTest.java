package org.dataeval4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** All-or-nothing output: a failure midway leaves nothing of this run behind. */
class OutputDirectoryTest {

  @SuppressWarnings("NullAway.Init")
  @TempDir
  Path tmp;

  private final CommandLine cl = Main.commandLine();

  @Test
  void failureMidwayInAFreshDirectoryRemovesTheDirectories() throws IOException {
    Path dir = tmp.resolve("a/b/out");
    assertThatThrownBy(
            () -> {
              try (OutputDirectory out = OutputDirectory.prepare(cl, dir, false, Set.of())) {
                out.stage("one.txt", f -> Files.writeString(f, "1"));
                out.stage(
                    "two.txt",
                    f -> {
                      Files.writeString(f, "half");
                      throw new IOException("disk full");
                    });
                out.commit();
              }
            })
        .hasMessage("disk full");
    assertThat(tmp.resolve("a")).doesNotExist();
  }

  @Test
  void failureMidwayWithForceLeavesTheEarlierFilesUntouched() throws IOException {
    Path dir = Files.createDirectory(tmp.resolve("out"));
    Files.writeString(dir.resolve("one.txt"), "old");
    assertThatThrownBy(
            () -> {
              try (OutputDirectory out = OutputDirectory.prepare(cl, dir, true, Set.of())) {
                out.stage("one.txt", f -> Files.writeString(f, "new"));
                out.stage(
                    "two.txt",
                    f -> {
                      throw new IOException("disk full");
                    });
                out.commit();
              }
            })
        .hasMessage("disk full");
    assertThat(ClusterCommandTest.names(dir)).containsExactly("one.txt");
    assertThat(Files.readString(dir.resolve("one.txt"))).isEqualTo("old");
  }

  @Test
  void commitMovesEveryStagedFileIntoPlace() throws IOException {
    Path dir = tmp.resolve("out");
    try (OutputDirectory out = OutputDirectory.prepare(cl, dir, false, Set.of("stale.txt"))) {
      out.stage("one.txt", f -> Files.writeString(f, "1"));
      assertThat(dir.resolve("one.txt")).doesNotExist();
      out.commit();
    }
    assertThat(ClusterCommandTest.names(dir)).containsExactly("one.txt");
  }

  @Test
  void emptyExistingDirectoryIsAccepted() throws IOException {
    Path dir = Files.createDirectory(tmp.resolve("out"));
    try (OutputDirectory out = OutputDirectory.prepare(cl, dir, false, Set.of())) {
      out.stage("one.txt", f -> Files.writeString(f, "1"));
      out.commit();
    }
    assertThat(Files.readString(dir.resolve("one.txt"))).isEqualTo("1");
  }
}
