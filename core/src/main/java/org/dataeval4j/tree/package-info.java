/**
 * Trees over the samples: the spanning tree built from the k-NN graph ({@code cluster.md} §4), the
 * single-linkage tree (§5) and the condensed tree (§7), and the disjoint-set forest they share.
 */
@NullMarked
package org.dataeval4j.tree;

import org.jspecify.annotations.NullMarked;
