package org.dataeval4j.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Maps failures to exit codes and one line on stderr, {@code dataeval4j: <message>}:
 *
 * <ul>
 *   <li>2, bad usage or bad input: picocli's {@link ParameterException} (also when a command throws
 *       it), {@link IllegalArgumentException} (which includes the readers' {@code
 *       InvalidInputException}) and the file-system errors a user can fix ({@link
 *       NoSuchFileException}, {@link AccessDeniedException}, {@link NotDirectoryException} and the
 *       other {@link FileSystemException}s, which name the file);
 *   <li>1, anything else: an internal failure; its stack trace is printed only with {@code --debug}
 *       or the environment variable {@code DATAEVAL4J_DEBUG} set to 1 or true.
 * </ul>
 */
final class ErrorHandler implements IExecutionExceptionHandler, IParameterExceptionHandler {

  static final int USAGE = 2;
  static final int INTERNAL = 1;

  @Override
  public int handleParseException(ParameterException ex, String[] args) {
    CommandLine cmd = ex.getCommandLine();
    PrintWriter err = cmd.getErr();
    err.println("dataeval4j: " + ex.getMessage() + " (see: " + helpCommand(cmd) + ")");
    err.flush();
    return USAGE;
  }

  @Override
  public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
    PrintWriter err = cmd.getErr();
    Throwable cause =
        ex instanceof UncheckedIOException && ex.getCause() != null ? ex.getCause() : ex;
    String userMessage = userMessage(cause);
    if (userMessage != null) {
      err.println("dataeval4j: " + userMessage);
      err.flush();
      return USAGE;
    }
    if (debug(cmd)) {
      err.println("dataeval4j: internal error:");
      cause.printStackTrace(err);
    } else {
      err.println(
          "dataeval4j: internal error: " + cause + " (rerun with --debug for the stack trace)");
    }
    err.flush();
    return INTERNAL;
  }

  /** The one-line message of a failure the user can fix, or null for an internal failure. */
  static @Nullable String userMessage(Throwable t) {
    if (t instanceof NoSuchFileException e) {
      return "no such file or directory: " + e.getFile();
    }
    if (t instanceof AccessDeniedException e) {
      return "permission denied: " + e.getFile();
    }
    if (t instanceof NotDirectoryException e) {
      return "not a directory: " + e.getFile();
    }
    if (t instanceof FileSystemException f) {
      String reason = f.getReason();
      return f.getFile() + ": " + (reason == null ? f.getClass().getSimpleName() : reason);
    }
    if (t instanceof IllegalArgumentException) {
      String m = t.getMessage();
      return m == null ? t.getClass().getSimpleName() : m;
    }
    return null;
  }

  private static boolean debug(CommandLine cmd) {
    Object command = cmd.getCommand();
    if (command instanceof HasCommonOptions c && c.common().debug) {
      return true;
    }
    String env = System.getenv("DATAEVAL4J_DEBUG");
    return env != null && (env.equals("1") || env.equalsIgnoreCase("true"));
  }

  private static String helpCommand(CommandLine cmd) {
    return cmd.getCommandSpec().qualifiedName() + " --help";
  }
}
