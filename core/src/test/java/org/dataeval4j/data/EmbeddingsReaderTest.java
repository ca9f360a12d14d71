package org.dataeval4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.dataeval4j.data.NpyFixtures.expectedDoubles;
import static org.dataeval4j.data.NpyFixtures.path;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Dispatch by extension, .npz members, and CSV/TSV parsing with its error positions. */
class EmbeddingsReaderTest {

  private static String spec(String fixture) {
    return path(fixture).toString();
  }

  private static Path text(Path dir, String name, String content) throws IOException {
    Path file = dir.resolve(name);
    Files.write(file, content.getBytes(StandardCharsets.UTF_8));
    return file;
  }

  // ------------------------------------------------------------------------------------ .npy

  @Test
  void npyGoesThroughNpy() throws IOException {
    Embeddings e = EmbeddingsReader.readEmbeddings(spec("dtype_f8_be.npy"));
    assertThat(e.flat()).containsExactly(expectedDoubles("f8", 12));
    assertThat(EmbeddingsReader.readLabels(spec("labels_i8.npy")))
        .containsExactly(0, 1, 2, 1, 0, -1);
  }

  // ------------------------------------------------------------------------------------ .npz

  @Test
  void npzDefaultsToTheArrayNamedEmbeddingsOrLabels() throws IOException {
    for (String archive : new String[] {"stored.npz", "compressed.npz"}) {
      Embeddings e = EmbeddingsReader.readEmbeddings(spec(archive));
      assertThat(e.size()).isEqualTo(4);
      assertThat(e.dim()).isEqualTo(3);
      String code = archive.equals("stored.npz") ? "f4" : "f8";
      assertThat(e.flat()).as(archive).containsExactly(expectedDoubles(code, 12));
      assertThat(EmbeddingsReader.readLabels(spec(archive))).containsExactly(0, 1, 1, 0);
    }
  }

  @Test
  void npzArrayChosenByName() throws IOException {
    assertThat(EmbeddingsReader.readEmbeddings(spec("compressed.npz") + ":other").flat())
        .containsExactly(0, 1, 2);
    assertThat(EmbeddingsReader.readLabels(spec("compressed.npz") + ":other"))
        .containsExactly(0, 1, 2);
    // Labels read as embeddings (n x 1) work too: any numeric dtype is accepted there.
    assertThat(EmbeddingsReader.readEmbeddings(spec("stored.npz") + ":labels").dim()).isEqualTo(1);
    assertThat(EmbeddingsReader.readEmbeddings(spec("two.npz") + ":b").flat())
        .containsExactly(1, 1);
  }

  @Test
  void npzWithOneArrayNeedsNoName() throws IOException {
    Embeddings e = EmbeddingsReader.readEmbeddings(spec("single.npz"));
    assertThat(e.size()).isEqualTo(2);
    assertThat(e.flat()).containsExactly(expectedDoubles("f8", 10));
  }

  @Test
  void npzNameErrorsListTheAvailableArrays() {
    Path file = path("compressed.npz");
    assertThatThrownBy(() -> EmbeddingsReader.readEmbeddings(file + ":embedding"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(file + ": no array named 'embedding'; available: embeddings, labels, other");
    Path two = path("two.npz");
    assertThatThrownBy(() -> EmbeddingsReader.readEmbeddings(two.toString()))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(
            two
                + ": the archive holds 2 arrays and none is named 'embeddings'; choose one with "
                + two
                + ":NAME, available: a, b");
    assertThatThrownBy(() -> EmbeddingsReader.readEmbeddings(file + ":"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(file + ": empty array name after ':'");
  }

  @Test
  void npzMemberErrorsNameFileAndArray() {
    Path bad = path("bad_member.npz");
    assertThatThrownBy(() -> EmbeddingsReader.readEmbeddings(bad.toString()))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith(bad + ":embeddings: truncated data: shape (3, 4) of '<f8'");
    Path stored = path("stored.npz");
    assertThatThrownBy(() -> EmbeddingsReader.readLabels(stored + ":embeddings"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(stored + ":embeddings: labels must have an integer dtype, got <f4");
  }

  @Test
  void npzThatIsNotAZip(@TempDir Path dir) throws IOException {
    Path fake = text(dir, "fake.npz", "hello");
    assertThatThrownBy(() -> EmbeddingsReader.readEmbeddings(fake.toString()))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith(fake + ": not a valid .npz (zip) archive");
    Path missing = dir.resolve("missing.npz");
    assertThatThrownBy(() -> EmbeddingsReader.readEmbeddings(missing + ":embeddings"))
        .isInstanceOf(NoSuchFileException.class)
        .hasMessage(missing + ": no such file");
  }

  @Test
  void aZipNamedNpyGetsAHint() {
    // A .npz renamed to .npy: the magic is 'PK..'.
    assertThatThrownBy(() -> Npy.read(path("stored.npz")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageEndingWith("this looks like a zip archive, name it .npz");
  }

  // ------------------------------------------------------------------------------- CSV / TSV

  @Test
  void numpySavetxtFilesRoundTripExactly() throws IOException {
    // "%.18e" is enough digits for every double; the '#' header line is skipped.
    for (String file : new String[] {"savetxt.csv", "savetxt.tsv"}) {
      Embeddings e = EmbeddingsReader.readEmbeddings(spec(file));
      assertThat(e.size()).isEqualTo(3);
      assertThat(e.dim()).isEqualTo(4);
      assertThat(e.flat()).as(file).containsExactly(expectedDoubles("f8", 12));
    }
    assertThat(EmbeddingsReader.readLabels(spec("labels.csv"))).containsExactly(2, 0, 1, -1);
  }

  @Test
  void headerIsDetectedWhenSomeCellIsNotANumber(@TempDir Path dir) throws IOException {
    Path withHeader = text(dir, "h.csv", "\uFEFF\"x\", \"y, z\"\n1,2\n\n3.5,-4e-1\n");
    Embeddings e = EmbeddingsReader.readEmbeddings(withHeader.toString());
    assertThat(e.size()).isEqualTo(2);
    assertThat(e.flat()).containsExactly(1, 2, 3.5, -0.4);

    Path mixedHeader = text(dir, "m.tsv", "id\t2\n1\t2\n");
    assertThat(EmbeddingsReader.readEmbeddings(mixedHeader.toString()).flat())
        .containsExactly(1, 2);

    Path noHeader = text(dir, "n.csv", "1,2\r\n3,4\r\n");
    assertThat(EmbeddingsReader.readEmbeddings(noHeader.toString()).flat())
        .containsExactly(1, 2, 3, 4);

    Path labels = text(dir, "l.tsv", "label\n3\n-1\n+2\n");
    assertThat(EmbeddingsReader.readLabels(labels.toString())).containsExactly(3, -1, 2);
  }

  @Test
  void badCellsAreReportedWithLineAndColumn(@TempDir Path dir) throws IOException {
    Path bad = text(dir, "bad.csv", "a,b,c\n1,2,3\n4,x5,6\n");
    assertThatThrownBy(() -> EmbeddingsReader.readEmbeddings(bad.toString()))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(bad + ": line 3, column 2: expected a number, got 'x5'");

    Path empty = text(dir, "empty.csv", "1,2,3\n4,,6\n");
    assertThatThrownBy(() -> EmbeddingsReader.readEmbeddings(empty.toString()))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(empty + ": line 2, column 2: expected a number, got an empty cell");

    // Java would parse these; a data file should not contain them.
    for (String cell : new String[] {"0x1p3", "1f", "1d", "1e", ".", "--1", "1_000"}) {
      Path odd = text(dir, "odd.csv", "1,2\n3," + cell + "\n");
      assertThatThrownBy(() -> EmbeddingsReader.readEmbeddings(odd.toString()))
          .as(cell)
          .isInstanceOf(InvalidInputException.class)
          .hasMessage(odd + ": line 2, column 2: expected a number, got '" + cell + "'");
    }

    Path ragged = text(dir, "ragged.tsv", "1\t2\t3\n4\t5\n");
    assertThatThrownBy(() -> EmbeddingsReader.readEmbeddings(ragged.toString()))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(ragged + ": line 2 has 2 columns, expected 3 like the first data line");

    Path header = text(dir, "header.csv", "a,b,c\n1,2\n");
    assertThatThrownBy(() -> EmbeddingsReader.readEmbeddings(header.toString()))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(header + ": the header (line 1) has 3 columns but line 2 has 2");

    Path nan = text(dir, "nan.csv", "x,y\n1,2\n3,4\n5,NaN\n");
    assertThatThrownBy(() -> EmbeddingsReader.readEmbeddings(nan.toString()))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(nan + ": embeddings must be finite, got NaN at row 2, column 1 (line 4)");

    Path inf = text(dir, "inf.csv", "-inf,2\n");
    assertThatThrownBy(() -> EmbeddingsReader.readEmbeddings(inf.toString()))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(inf + ": embeddings must be finite, got -Infinity at row 0, column 0 (line 1)");

    Path quote = text(dir, "quote.csv", "1,\"2\n");
    assertThatThrownBy(() -> EmbeddingsReader.readEmbeddings(quote.toString()))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(quote + ": line 1, column 2: unclosed quote");

    Path nothing = text(dir, "nothing.csv", "a,b\n\n");
    assertThatThrownBy(() -> EmbeddingsReader.readEmbeddings(nothing.toString()))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(nothing + ": no data lines");
  }

  @Test
  void badLabelCells(@TempDir Path dir) throws IOException {
    Path fraction = text(dir, "f.csv", "label\n1\n2.5\n");
    assertThatThrownBy(() -> EmbeddingsReader.readLabels(fraction.toString()))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(fraction + ": line 3, column 1: a label must be an integer, got '2.5'");
    Path wide = text(dir, "w.csv", "1,2\n");
    assertThatThrownBy(() -> EmbeddingsReader.readLabels(wide.toString()))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(wide + ": labels must have one column, got 2 on line 1");
    Path big = text(dir, "b.csv", "1\n99999999999999999999\n");
    assertThatThrownBy(() -> EmbeddingsReader.readLabels(big.toString()))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(
            big + ": line 2, column 1: label 99999999999999999999 does not fit in a 32-bit int");
  }

  @Test
  void manyLinesGrowTheBuffers(@TempDir Path dir) throws IOException {
    StringBuilder emb = new StringBuilder("a,b,c\n");
    StringBuilder lab = new StringBuilder();
    int n = 5000;
    for (int i = 0; i < n; i++) {
      emb.append(i).append(',').append(i * 0.5).append(',').append(-i).append('\n');
      lab.append(i % 7).append('\n');
    }
    Embeddings e = EmbeddingsReader.readEmbeddings(text(dir, "e.csv", emb.toString()).toString());
    assertThat(e.size()).isEqualTo(n);
    assertThat(e.get(4321, 1)).isEqualTo(4321 * 0.5);
    assertThat(e.flat()).hasSize(3 * n);
    int[] labels = EmbeddingsReader.readLabels(text(dir, "l.csv", lab.toString()).toString());
    assertThat(labels).hasSize(n);
    assertThat(labels[4321]).isEqualTo(4321 % 7);
  }

  // ----------------------------------------------------------------------------- dispatching

  @Test
  void unknownOrMissingExtension(@TempDir Path dir) throws IOException {
    Path txt = text(dir, "data.txt", "1,2\n");
    assertThatThrownBy(() -> EmbeddingsReader.readEmbeddings(txt.toString()))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(
            txt
                + ": unknown file extension '.txt'; expected .npy, .npz (optionally"
                + " FILE.npz:ARRAY), .csv or .tsv");
    assertThatThrownBy(() -> EmbeddingsReader.readLabels(dir.resolve("labels").toString()))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining(": no file extension; expected .npy");
    Path missing = dir.resolve("missing.csv");
    assertThatThrownBy(() -> EmbeddingsReader.readEmbeddings(missing.toString()))
        .isInstanceOf(NoSuchFileException.class)
        .hasMessage(missing + ": no such file");
  }

  @Test
  void specParsing() {
    EmbeddingsReader.Spec plain = EmbeddingsReader.Spec.parse("dir/x.NPZ");
    assertThat(plain.extension).isEqualTo("npz");
    assertThat(plain.array).isNull();
    EmbeddingsReader.Spec named = EmbeddingsReader.Spec.parse("dir/x.npz:emb_2");
    assertThat(named.path).isEqualTo(Path.of("dir/x.npz"));
    assertThat(named.array).isEqualTo("emb_2");
    // A directory that happens to be called "a.npz:b" is a path, not an array name.
    EmbeddingsReader.Spec dirLike = EmbeddingsReader.Spec.parse("a.npz:b/c.csv");
    assertThat(dirLike.extension).isEqualTo("csv");
    assertThat(dirLike.array).isNull();
  }
}
