package org.dataeval4j.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongSupplier;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.dataeval4j.exec.Progress;
import org.jspecify.annotations.Nullable;

/**
 * Progress on stderr for the library's long stages (k-NN, MST, KMeans, ...): a progress bar (the
 * {@code me.tongfei:progressbar} library) when stderr is a terminal, plain lines otherwise ({@code
 * STAGE ...} at the start, {@code STAGE: P% (done of total)} at most every {@link
 * #PLAIN_INTERVAL_NANOS}, {@code STAGE: done in S s} at the end), nothing with {@code --quiet}.
 *
 * <p>Whether stderr is a terminal: the launcher script tests it ({@code [ -t 2 ]}) before it
 * filters the JVM's stderr and passes {@code -Ddataeval4j.tty=true|false}; without the property,
 * {@code System.console() != null} (stdin and stdout are a terminal) is taken as the best guess.
 */
final class CliProgress {
  /** Plain mode prints a line at most this often during a stage. */
  static final long PLAIN_INTERVAL_NANOS = 2_000_000_000L;

  private CliProgress() {}

  /** The progress reporter of a command run. */
  static Progress create(boolean quiet, PrintWriter err) {
    if (quiet) {
      return Progress.NONE;
    }
    return stderrIsTerminal() ? new Bar() : new Plain(err, System::nanoTime);
  }

  @SuppressWarnings("SystemConsoleNull") // Java 17: null exactly when not interactive
  static boolean stderrIsTerminal() {
    String property = System.getProperty("dataeval4j.tty");
    if (property != null) {
      return Boolean.parseBoolean(property);
    }
    return System.console() != null;
  }

  /** A progress bar per stage on {@code System.err} (the library writes to a PrintStream). */
  static final class Bar implements Progress {
    private volatile @Nullable ProgressBar bar;

    @Override
    public void start(String stage, long total) {
      finish();
      bar =
          new ProgressBarBuilder()
              .setTaskName(stage)
              .setInitialMax(Math.max(1, total))
              .setStyle(ProgressBarStyle.ASCII)
              .setUpdateIntervalMillis(200)
              .setConsumer(new ConsoleProgressBarConsumer(System.err))
              .build();
    }

    @Override
    public void advance(long amount) {
      ProgressBar b = bar;
      if (b != null) {
        b.stepBy(amount);
      }
    }

    @Override
    public void finish() {
      ProgressBar b = bar;
      bar = null;
      if (b != null) {
        b.stepTo(b.getMax());
        b.close();
      }
    }
  }

  /** Plain periodic lines, for logs and pipes. */
  static final class Plain implements Progress {
    private final PrintWriter err;
    private final LongSupplier clock;
    private @Nullable String stage;
    private long total;
    private long done;
    private long startNanos;
    private long lastPrintNanos;

    Plain(PrintWriter err, LongSupplier clock) {
      this.err = err;
      this.clock = clock;
    }

    @Override
    public synchronized void start(String stage, long total) {
      this.stage = stage;
      this.total = Math.max(1, total);
      this.done = 0;
      this.startNanos = clock.getAsLong();
      this.lastPrintNanos = startNanos;
      err.println(stage + " ...");
      err.flush();
    }

    @Override
    public synchronized void advance(long amount) {
      if (stage == null) {
        return;
      }
      done += amount;
      long now = clock.getAsLong();
      if (now - lastPrintNanos >= PLAIN_INTERVAL_NANOS && done < total) {
        lastPrintNanos = now;
        err.println(
            String.format(
                Locale.ROOT, "%s: %d%% (%d of %d)", stage, 100 * done / total, done, total));
        err.flush();
      }
    }

    @Override
    public synchronized void finish() {
      if (stage == null) {
        return;
      }
      double seconds = (clock.getAsLong() - startNanos) / 1e9;
      err.println(String.format(Locale.ROOT, "%s: done in %.1f s", stage, seconds));
      err.flush();
      stage = null;
    }
  }
}
