package org.dataeval4j.cli.report;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Headless Chromium driven from the command line: one run renders a page, prints its DOM after
 * parsing ({@code --dump-dom}), saves a screenshot, and logs every console message on stderr
 * ({@code --enable-logging=stderr}: one {@code ...:CONSOLE...] "message", source: ...} line each).
 * The executable is {@code $DATAEVAL4J_CHROMIUM}, else the first of chromium, chromium-browser,
 * google-chrome on the PATH.
 */
final class Chromium {
  private static final long TIMEOUT_SECONDS = 120;

  /** What one run produced. */
  record Page(int exitCode, String dom, List<String> consoleMessages, String stderr) {}

  private final Path executable;

  private Chromium(Path executable) {
    this.executable = executable;
  }

  /** The browser, or null if none is installed. */
  static @Nullable Chromium find() {
    String env = System.getenv("DATAEVAL4J_CHROMIUM");
    if (env != null && !env.isBlank()) {
      Path p = Path.of(env);
      return Files.isExecutable(p) ? new Chromium(p) : null;
    }
    String path = System.getenv("PATH");
    if (path == null) {
      return null;
    }
    for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
      for (String dir : path.split(File.pathSeparator)) {
        Path p = Path.of(dir, name);
        if (Files.isExecutable(p)) {
          return new Chromium(p);
        }
      }
    }
    return null;
  }

  /** Opens {@code html} in a fresh profile under {@code work}, saving a screenshot. */
  Page open(Path html, Path screenshot, Path work, int width, int height)
      throws IOException, InterruptedException {
    Path profile = Files.createTempDirectory(work, "chromium-profile");
    Path stderr = work.resolve("chromium-stderr.txt");
    Path stdout = work.resolve("chromium-stdout.txt");
    List<String> cmd = new ArrayList<>();
    cmd.add(executable.toString());
    cmd.addAll(
        List.of(
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--hide-scrollbars",
            "--enable-logging=stderr",
            "--v=0",
            "--user-data-dir=" + profile,
            "--window-size=" + width + "," + height,
            "--screenshot=" + screenshot.toAbsolutePath(),
            "--dump-dom",
            html.toAbsolutePath().toUri().toString()));
    Process p =
        new ProcessBuilder(cmd)
            .redirectOutput(stdout.toFile())
            .redirectError(stderr.toFile())
            .start();
    if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException("chromium did not finish in " + TIMEOUT_SECONDS + " s");
    }
    String err = Files.readString(stderr, StandardCharsets.UTF_8);
    List<String> console = new ArrayList<>();
    for (String line : err.split("\n", -1)) {
      if (line.contains(":CONSOLE")) {
        console.add(line);
      }
    }
    return new Page(p.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8), console, err);
  }
}
