package org.dataeval4j.data;

/**
 * An input file is malformed or holds values the library does not accept (a bad {@code .npy}
 * header, an unsupported dtype, truncated data, a non-numeric CSV cell, NaN or infinity, ...).
 *
 * <p>The message has the shape {@code <file>: <problem>}, naming the file (and, for an array inside
 * an {@code .npz} archive, {@code <file>:<array>}) so that a user can act on it without a stack
 * trace. The CLI maps this exception to exit code 2 (bad input); genuine I/O failures stay {@link
 * java.io.IOException}s.
 */
public final class InvalidInputException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  /** A complete message, already of the shape {@code <file>: <problem>}. */
  public InvalidInputException(String message) {
    super(message);
  }

  /** A complete message and the low-level exception that revealed the problem. */
  public InvalidInputException(String message, Throwable cause) {
    super(message, cause);
  }

  /** {@code <file>: <problem>}. */
  static InvalidInputException of(String file, String problem) {
    return new InvalidInputException(file + ": " + problem);
  }
}
