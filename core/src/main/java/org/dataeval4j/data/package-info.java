/**
 * The input model and its file formats: {@link org.dataeval4j.data.Embeddings} (n x d, flat
 * row-major); {@link org.dataeval4j.data.Npy}, NumPy {@code .npy} reading (memory-mapped, decoded
 * once) and writing (byte for byte as {@code numpy.save}); {@link
 * org.dataeval4j.data.EmbeddingsReader}, embeddings and labels from {@code .npy}, {@code
 * .npz[:array]}, CSV and TSV. Bad files raise {@link org.dataeval4j.data.InvalidInputException}
 * with a message {@code <file>: <problem>}.
 */
@NullMarked
package org.dataeval4j.data;

import org.jspecify.annotations.NullMarked;
