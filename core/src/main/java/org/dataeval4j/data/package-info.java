/**
 * The input model and its file formats: {@link org.dataeval4j.data.Embeddings} (n x d, flat
 * row-major) and NumPy {@code .npy} reading and writing.
 */
@NullMarked
package org.dataeval4j.data;

import org.jspecify.annotations.NullMarked;
