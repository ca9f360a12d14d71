package org.dataeval4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dataeval4j.data.Embeddings;
import org.dataeval4j.data.Npy;
import org.dataeval4j.data.NpyArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dataeval4j pca}: the reduced embeddings as float32 n x D, one file written atomically. */
class PcaCommandTest {

  @SuppressWarnings("NullAway.Init")
  @TempDir
  Path tmp;

  @Test
  void writesTheReducedEmbeddingsAsFloat32() throws IOException {
    Path in = Cli.write(tmp.resolve("x.npy"), Cli.blobs(40, 5, 2, 3), 40, 5);
    Path out = tmp.resolve("sub/reduced.npy");
    Cli.Run run = Cli.run("pca", in.toString(), "--components", "3", "--out", out.toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    NpyArray a = Npy.read(out);
    assertThat(a.descr()).isEqualTo("<f4");
    assertThat(a.shape()).containsExactly(40, 3);
    Embeddings expected = Cli.FIRST_COLUMNS.reduce(Npy.readEmbeddings(in), 3).reduced();
    assertThat(a.toDoubles()).isEqualTo(expected.flat());
    assertThat(run.out()).contains("87.5% of the variance");
    assertThat(ClusterCommandTest.names(tmp.resolve("sub"))).containsExactly("reduced.npy");
  }

  @Test
  void refusesAnExistingFileUnlessForced() throws IOException {
    Path in = Cli.write(tmp.resolve("x.npy"), Cli.blobs(40, 5, 2, 3), 40, 5);
    Path out = Files.writeString(tmp.resolve("reduced.npy"), "keep");
    Cli.Run run = Cli.run("pca", in.toString(), "--components", "2", "--out", out.toString());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.errLines()).hasSize(1);
    assertThat(Files.readString(out)).isEqualTo("keep");

    Cli.Run forced =
        Cli.run("pca", in.toString(), "--components", "2", "--out", out.toString(), "--force");
    assertThat(forced.exitCode()).as(forced.err()).isZero();
    assertThat(Npy.read(out).shape()).containsExactly(40, 2);
  }

  @Test
  void badComponentsAndInputsAreExit2() throws IOException {
    Path in = Cli.write(tmp.resolve("x.npy"), Cli.blobs(40, 5, 2, 3), 40, 5);
    Path out = tmp.resolve("r.npy");
    for (String c : new String[] {"0", "6", "-1"}) {
      Cli.Run run = Cli.run("pca", in.toString(), "--components", c, "--out", out.toString());
      assertThat(run.exitCode()).as(c).isEqualTo(2);
      assertThat(run.errLines()).hasSize(1);
    }
    Cli.Run missing =
        Cli.run(
            "pca",
            tmp.resolve("nope.csv").toString(),
            "--components",
            "2",
            "--out",
            out.toString());
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.err()).contains("nope.csv");
    assertThat(out).doesNotExist();

    Path file = Files.writeString(tmp.resolve("file"), "x");
    Cli.Run unwritable =
        Cli.run(
            "pca", in.toString(), "--components", "2", "--out", file.resolve("r.npy").toString());
    assertThat(unwritable.exitCode()).isEqualTo(2);
    assertThat(unwritable.errLines()).hasSize(1);
    assertThat(unwritable.err()).contains("is not a directory");
  }
}
