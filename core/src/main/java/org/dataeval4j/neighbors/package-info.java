/**
 * Exact k nearest neighbours by Euclidean distance ({@code cluster.md} §3, §12): a blocked,
 * multi-threaded search that screens candidates in float with a proven error bound and ranks the
 * survivors by the exact double distance, so results are those of a brute-force double search.
 */
@NullMarked
package org.dataeval4j.neighbors;

import org.jspecify.annotations.NullMarked;
