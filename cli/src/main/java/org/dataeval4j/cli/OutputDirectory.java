package org.dataeval4j.cli;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.ParameterException;

/**
 * The output directory of one command run, written all-or-nothing.
 *
 * <ul>
 *   <li>{@link #prepare} refuses an existing non-empty directory unless {@code force}, and a path
 *       that is not a directory; it creates nothing, so a run that fails on its input leaves no
 *       trace.
 *   <li>{@link #stage} writes each file to a temporary name ({@code .NAME.tmp}) inside the
 *       directory, which it creates on first use (parents included).
 *   <li>{@link #commit} moves every staged file onto its final name (atomically where the file
 *       system allows) and, with {@code force}, deletes the files of {@code ownedNames} that this
 *       run did not write (a {@code centers.npy} left by an earlier KMeans run, say); nothing else
 *       in the directory is touched.
 *   <li>{@link #close} without a commit removes the temporary files and the directories this run
 *       created, so a failure midway leaves no partial output and earlier files are untouched.
 * </ul>
 */
final class OutputDirectory implements AutoCloseable {

  /** Writes the content of one file to the path it is given. */
  @FunctionalInterface
  interface FileWriter {
    void write(Path file) throws IOException;
  }

  private final Path dir;
  private final Set<String> ownedNames;
  private final Map<String, Path> staged = new LinkedHashMap<>();
  private final List<Path> createdDirs = new ArrayList<>();
  private final List<Path> moved = new ArrayList<>();
  private boolean committed;

  private OutputDirectory(Path dir, Set<String> ownedNames) {
    this.dir = dir;
    this.ownedNames = ownedNames;
  }

  /**
   * Checks that {@code dir} can receive the output and returns a writer for it. Creates nothing.
   *
   * @param ownedNames every file name this command can write; with {@code force} the ones not
   *     written by this run are deleted at commit
   * @throws ParameterException if {@code dir} is not a directory, or is non-empty and {@code force}
   *     is false
   */
  static OutputDirectory prepare(
      picocli.CommandLine commandLine, Path dir, boolean force, Set<String> ownedNames)
      throws IOException {
    if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS) || Files.exists(dir)) {
      if (!Files.isDirectory(dir)) {
        throw new ParameterException(commandLine, dir + " exists and is not a directory");
      }
      if (!force && !isEmpty(dir)) {
        throw new ParameterException(
            commandLine,
            dir
                + " is not empty; choose another --out or pass --force to replace the files"
                + " dataeval4j writes there");
      }
    }
    checkCreatable(commandLine, dir);
    return new OutputDirectory(dir, ownedNames);
  }

  /**
   * Fails early, before any work, if {@code path} or its nearest existing ancestor cannot take new
   * entries (not a directory, or not writable). Later I/O errors are still reported as they come.
   */
  private static void checkCreatable(picocli.CommandLine commandLine, Path path) {
    @Nullable Path p = path.toAbsolutePath();
    while (p != null && !Files.exists(p)) {
      p = p.getParent();
    }
    if (p == null) {
      return;
    }
    if (!Files.isDirectory(p)) {
      throw new ParameterException(
          commandLine, "cannot write " + path + ": " + p + " is not a directory");
    }
    if (!Files.isWritable(p)) {
      throw new ParameterException(
          commandLine, "cannot write " + path + ": " + p + " is not writable");
    }
  }

  /** The directory. */
  Path dir() {
    return dir;
  }

  /** Writes {@code name} to a temporary file inside the directory, to be moved at commit. */
  void stage(String name, FileWriter writer) throws IOException {
    if (staged.containsKey(name)) {
      throw new IllegalStateException(name + " staged twice");
    }
    ensureDirectory();
    Path tmp = dir.resolve("." + name + ".tmp");
    staged.put(name, tmp);
    writer.write(tmp);
  }

  /** Moves every staged file into place. */
  void commit() throws IOException {
    for (Map.Entry<String, Path> e : staged.entrySet()) {
      Path target = dir.resolve(e.getKey());
      move(e.getValue(), target);
      moved.add(target);
    }
    committed = true;
    for (String name : ownedNames) {
      if (!staged.containsKey(name)) {
        Files.deleteIfExists(dir.resolve(name));
      }
    }
  }

  /** Without a commit: removes the temporary files and the directories this run created. */
  @Override
  public void close() {
    if (committed) {
      return;
    }
    // A failed commit may have moved some files already: they are this run's, remove them too.
    for (Path p : moved) {
      deleteQuietly(p);
    }
    for (Path tmp : staged.values()) {
      deleteQuietly(tmp);
    }
    for (int i = createdDirs.size() - 1; i >= 0; i--) {
      deleteQuietly(createdDirs.get(i));
    }
  }

  /**
   * Writes one file ({@code pca --out OUT.npy}) through a temporary name in the same directory.
   * Refuses an existing file unless {@code force}; creates missing parent directories.
   */
  static void writeFile(
      picocli.CommandLine commandLine, Path file, boolean force, FileWriter writer)
      throws IOException {
    checkFile(commandLine, file, force);
    Path target = file.toAbsolutePath();
    Path parent = target.getParent();
    Path fileName = target.getFileName();
    if (parent == null || fileName == null) {
      throw new ParameterException(commandLine, "--out must name a file, got " + file);
    }
    OutputDirectory out = new OutputDirectory(parent, Set.of());
    try (out) {
      out.stage(fileName.toString(), writer);
      out.commit();
    }
  }

  /**
   * Checks that {@code file} can be written: not a directory, and absent unless {@code force}.
   *
   * @throws ParameterException if not
   */
  static void checkFile(picocli.CommandLine commandLine, Path file, boolean force) {
    if (Files.isDirectory(file)) {
      throw new ParameterException(commandLine, file + " is a directory, not a file");
    }
    if (Files.exists(file) && !force) {
      throw new ParameterException(
          commandLine, file + " exists; choose another --out or pass --force to replace it");
    }
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      checkCreatable(commandLine, parent);
    }
  }

  private void ensureDirectory() throws IOException {
    if (Files.isDirectory(dir)) {
      return;
    }
    // Remember each directory created here, outermost first, to remove them on failure.
    List<Path> missing = new ArrayList<>();
    for (@Nullable Path p = dir.toAbsolutePath();
        p != null && !Files.exists(p);
        p = p.getParent()) {
      missing.add(0, p);
    }
    for (Path p : missing) {
      Files.createDirectory(p);
      createdDirs.add(p);
    }
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static boolean isEmpty(Path dir) throws IOException {
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      return !entries.iterator().hasNext();
    }
  }

  private static void deleteQuietly(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException e) {
      // best effort: the original failure is what the user needs to see
    }
  }
}
