/**
 * The evaluators built on {@code cluster()} ({@code evaluators.md}; divergences.md, Decisions):
 *
 * <ul>
 *   <li>{@link org.dataeval4j.evaluate.ClusterStats#computeClusterStats}: centres, nearest centre
 *       and distance of every sample, per-cluster mean and std of the distances ({@code cluster.md}
 *       §11).
 *   <li>{@link org.dataeval4j.evaluate.Duplicates}: near groups by the seed's per-sample rule
 *       (default) or DataEval's MST-edge rule, plus exact groups of identical embeddings.
 *   <li>{@link org.dataeval4j.evaluate.Outliers}: distance to the nearest centre above {@code mean
 *       + n * std} (default n = 3), with the z-score.
 *   <li>{@link org.dataeval4j.evaluate.LabelErrors}: intra/extra-class k-NN distance ratio.
 *   <li>{@link org.dataeval4j.evaluate.Prioritize}: knn, kmeans/hdbscan distance and complexity
 *       rankings with the difficulty, stratified and class-balanced policies.
 * </ul>
 *
 * Each has an options record (validating in its compact constructor) and an immutable result that
 * keeps what is needed to re-run with another parameter without clustering again ({@code
 * withSensitivity}, {@code withThreshold}, the Prioritize policies). Duplicates and Outliers accept
 * several embedding sets, clustered together, and report each finding with its dataset and local
 * index ({@link org.dataeval4j.evaluate.DatasetIndex}). Float32 input ({@link
 * org.dataeval4j.data.Embeddings#isFloat32Exact()}) is reduced in float32 where DataEval's numpy
 * does, which makes cluster statistics and Prioritize distances agree with DataEval bit for bit.
 */
@NullMarked
package org.dataeval4j.evaluate;

import org.jspecify.annotations.NullMarked;
