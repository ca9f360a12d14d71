/**
 * The evaluators built on {@code cluster()}: Duplicates, Outliers, label errors and Prioritize
 * ({@code evaluators.md}). Each has an options record and an immutable result.
 */
@NullMarked
package org.dataeval4j.evaluate;

import org.jspecify.annotations.NullMarked;
