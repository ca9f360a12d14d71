package org.dataeval4j.evaluate;

/**
 * A sample whose label looks wrong ({@code evaluators.md} §4.1).
 *
 * @param index the sample
 * @param label its given label
 * @param suggested 0, 1 or 2 suggested labels, most likely first (§4.4)
 */
// Flat primitive arrays by the project convention; equality of results is never needed.
@SuppressWarnings("ArrayRecordComponent")
public record LabelError(int index, long label, long[] suggested) {}
