package org.dataeval4j.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dataeval4j.cluster.KMeans;
import org.dataeval4j.cluster.KMeansOptions;
import org.dataeval4j.cluster.KMeansResult;
import org.dataeval4j.data.Embeddings;
import org.dataeval4j.exec.Exec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link KMeans#fit} (one k-means++ run, seed 0) on Fashion-MNIST's 60,000 training images
 * projected on 50 principal components, at k = 10 and k = 245; compare with {@code
 * bench/kmeans_sklearn.py} (scikit-learn's {@code KMeans.fit} on the same file, one thread).
 *
 * <p>Data: {@code -Ddataeval4j.data=<dir>} (default {@code ../shared/data/inputs}) must hold {@code
 * fmnist_pca50_train.npy}; {@code -Ddataeval4j.threads=N} (default 1) sets the threads. Run from
 * the project root: {@code java -jar bench/target/benchmarks.jar KMeansBenchmark} (add {@code
 * -jvmArgsAppend "-Ddataeval4j.data=DIR -Ddataeval4j.threads=N"} to change them).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx2g"})
public class KMeansBenchmark {

  // No @Param: JMH injects parameters through setAccessible, which the forbidden-apis gate
  // rejects in generated code; one method per k, and the thread count from a system property.

  private Embeddings x = Embeddings.ofColumn(0, 1);
  private Exec exec = Exec.serial();

  @Setup
  public void setUp() throws IOException {
    Path dir = Path.of(System.getProperty("dataeval4j.data", "../shared/data/inputs"));
    x = readFloat32(dir.resolve("fmnist_pca50_train.npy"));
    exec = Exec.create(Integer.getInteger("dataeval4j.threads", 1));
  }

  @TearDown
  public void tearDown() {
    exec.close();
  }

  /** k = 10, one k-means++ run, seed 0. */
  @Benchmark
  public KMeansResult fitK10() {
    return KMeans.fit(x, new KMeansOptions(10, null, 0L), exec);
  }

  /** k = 245 (about sqrt(60,000)), one k-means++ run, seed 0. */
  @Benchmark
  public KMeansResult fitK245() {
    return KMeans.fit(x, new KMeansOptions(245, null, 0L), exec);
  }

  private static final Pattern SHAPE = Pattern.compile("'shape':\\s*\\((\\d+),\\s*(\\d+)\\)");

  /**
   * A minimal reader of a little-endian C-order float32 2-D {@code .npy} file. TODO: switch to
   * {@code org.dataeval4j.data.Npy.readEmbeddings(Path)} once it is merged.
   */
  static Embeddings readFloat32(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    int headerLen = bytes[6] == 1 ? buf.getShort(8) & 0xffff : buf.getInt(8);
    int offset = bytes[6] == 1 ? 10 : 12;
    String header = new String(bytes, offset, headerLen, StandardCharsets.ISO_8859_1);
    Matcher m = SHAPE.matcher(header);
    if (!header.contains("'<f4'") || header.contains("'fortran_order': True") || !m.find()) {
      throw new IOException(file + ": expected a C-order '<f4' 2-D array, got header " + header);
    }
    int n = Integer.parseInt(m.group(1));
    int d = Integer.parseInt(m.group(2));
    float[] values = new float[n * d];
    buf.position(offset + headerLen);
    buf.asFloatBuffer().get(values);
    return Embeddings.ofFlat(values, n, d);
  }
}
