/**
 * The {@code dataeval4j} command line: picocli subcommands ({@code cluster}, {@code pca}), the
 * output-directory and JSON writers they share, and progress reporting on stderr.
 *
 * <p>Exit codes: 0 success, 2 bad usage or bad input (one line {@code dataeval4j: <message>} on
 * stderr), 1 internal failure.
 */
@NullMarked
package org.dataeval4j.cli;

import org.jspecify.annotations.NullMarked;
