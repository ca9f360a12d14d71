package org.dataeval4j.evaluate;

import org.jspecify.annotations.Nullable;

/**
 * A ranking before any policy ({@code evaluators.md} §5.1): sample indices easy-first, and the
 * per-sample scores in sample order (float32), or {@code null} for the complexity methods. Arrays
 * are shared: do not modify them.
 *
 * @param indices a permutation of 0..n-1, easiest first
 * @param scores per-sample scores in sample order, or {@code null}
 */
// Flat primitive arrays by the project convention; equality of results is never needed.
@SuppressWarnings("ArrayRecordComponent")
public record RankResult(int[] indices, float @Nullable [] scores) {}
