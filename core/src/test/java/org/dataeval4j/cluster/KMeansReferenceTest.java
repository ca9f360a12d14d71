package org.dataeval4j.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.dataeval4j.data.Embeddings;
import org.dataeval4j.exec.Exec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * KMeans against DataEval's outputs ({@code src/test/resources/dataeval/DATASET/kmeans/}, made by
 * scikit-learn 1.2.1 with n_clusters = 10, 2 for moons, one k-means++ run, seed 0).
 */
class KMeansReferenceTest {

  private static Embeddings input(String dataset) {
    return KMeansTestFiles.embeddings("inputs/" + dataset + ".npy");
  }

  private static String ref(String dataset, String file) {
    return "dataeval/" + dataset + "/kmeans/" + file;
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "blobs_n1k_d2",
        "blobs_n1k_d64",
        "blobs_n10k_d16",
        "digits64",
        "fmnist_pca50_5k",
        "moons_n1k"
      })
  void lloydFromScikitLearnStartReachesItsCentresAndLabels(String dataset) {
    Embeddings x = input(dataset);
    int d = x.dim();
    KMeansTestFiles.Array init = KMeansTestFiles.read(ref(dataset, "kmeans_init_centers.npy"));
    int k = init.shape()[0];
    // The starting centres are mean-centred (scikit-learn centres the data first).
    double[] mean = KMeans.columnMeans(x, Exec.serial());
    double[] start = init.values().clone();
    for (int c = 0; c < k; c++) {
      for (int j = 0; j < d; j++) {
        start[c * d + j] += mean[j];
      }
    }
    KMeansResult result = KMeans.lloyd(x, start, k, Exec.serial());

    double[] expected = KMeansTestFiles.read(ref(dataset, "kmeans_centers.npy")).values();
    assertThat(result.centers()).hasSize(expected.length);
    for (int i = 0; i < expected.length; i++) {
      assertThat(result.centers()[i]).as("centre entry %d", i).isCloseTo(expected[i], within(1e-5));
    }
    assertThat(result.labels()).containsExactly(KMeansTestFiles.ints(ref(dataset, "clusters.npy")));
    double inertia = KMeansTestFiles.inertia(ref(dataset, "kmeans_info.json"));
    // scikit-learn's inertia is a float32 sum: agree to float32 accumulation error.
    assertThat(result.inertia()).isCloseTo(inertia, within(inertia * 1e-5));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "blobs_n1k_d2",
        "blobs_n1k_d64",
        "blobs_n10k_d16",
        "digits64",
        "fmnist_pca50_5k",
        "moons_n1k"
      })
  void tenRestartsReachAtMostOnePercentAboveDataEvalsInertia(String dataset) {
    Embeddings x = input(dataset);
    int k = KMeansTestFiles.read(ref(dataset, "kmeans_centers.npy")).shape()[0];
    KMeansResult result = KMeans.fit(x, new KMeansOptions(k, 10, 0L), Exec.serial());
    double reference = KMeansTestFiles.inertia(ref(dataset, "kmeans_info.json"));
    assertThat(result.inertia()).isLessThanOrEqualTo(reference * 1.01);
  }

  @ParameterizedTest
  @ValueSource(strings = {"blobs_n1k_d64", "blobs_n10k_d16"})
  void wellSeparatedBlobsAreRecoveredForTwentySeeds(String dataset) {
    Embeddings x = input(dataset);
    int[] truth = KMeansTestFiles.ints("inputs/" + dataset + "_labels.npy");
    for (long seed = 0; seed < 20; seed++) {
      // One k-means++ run (nInit auto), stricter than the ten restarts the contract allows.
      KMeansResult result = KMeans.fit(x, new KMeansOptions(10, null, seed), Exec.serial());
      assertThat(KMeansTestFiles.adjustedRand(result.labels(), truth))
          .as("ARI with seed %d", seed)
          .isGreaterThanOrEqualTo(0.99);
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "blobs_n1k_d2",
        "blobs_n1k_d64",
        "blobs_n10k_d16",
        "digits64",
        "fmnist_pca50_5k",
        "moons_n1k"
      })
  void membershipMatchesDataEvalsOnItsLabelsAndCentres(String dataset) {
    Embeddings x = input(dataset);
    int[] labels = KMeansTestFiles.ints(ref(dataset, "clusters.npy"));
    // DataEval measures to scikit-learn's float32 centres; widen them exactly.
    double[] centers = KMeansTestFiles.read(ref(dataset, "kmeans_centers.npy")).values();
    float[] expected = KMeansTestFiles.floats(ref(dataset, "membership_strengths.npy"));
    float[] actual = KMeans.membership(x, labels, centers);
    // scikit-learn's distances go through float32 dot products: allow a few float32 ULPs.
    assertThat(actual).hasSize(expected.length);
    for (int i = 0; i < expected.length; i++) {
      assertThat(actual[i]).as("sample %d", i).isCloseTo(expected[i], within(3e-7f));
    }
  }
}
