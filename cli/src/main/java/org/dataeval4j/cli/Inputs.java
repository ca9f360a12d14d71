package org.dataeval4j.cli;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dataeval4j.data.Embeddings;
import org.dataeval4j.data.EmbeddingsReader;
import org.dataeval4j.evaluate.DatasetIndex;

/**
 * One or more embedding files read through {@link EmbeddingsReader} and stacked in order, as the
 * duplicates and outliers commands take them ({@code evaluators.md} §2.6, §3.4).
 */
final class Inputs {
  private final List<String> specs;
  private final List<Embeddings> sets;
  private final Embeddings all;
  private final DatasetIndex index;

  private Inputs(List<String> specs, List<Embeddings> sets, Embeddings all, DatasetIndex index) {
    this.specs = specs;
    this.sets = sets;
    this.all = all;
    this.index = index;
  }

  /**
   * Reads every file.
   *
   * @throws IllegalArgumentException if a file is malformed or the dimensions differ (naming the
   *     files)
   */
  static Inputs read(List<String> specs) throws IOException {
    List<Embeddings> sets = new ArrayList<>(specs.size());
    for (String s : specs) {
      Embeddings e = EmbeddingsReader.readEmbeddings(s);
      if (!sets.isEmpty() && e.dim() != sets.get(0).dim()) {
        throw new IllegalArgumentException(
            "inputs must have the same dimension: "
                + specs.get(0)
                + " has d = "
                + sets.get(0).dim()
                + ", "
                + s
                + " has d = "
                + e.dim());
      }
      sets.add(e);
    }
    int[] sizes = new int[sets.size()];
    for (int i = 0; i < sizes.length; i++) {
      sizes[i] = sets.get(i).size();
    }
    Embeddings all =
        sets.size() == 1 ? sets.get(0) : Embeddings.concat(sets.toArray(new Embeddings[0]));
    return new Inputs(List.copyOf(specs), List.copyOf(sets), all, DatasetIndex.of(sizes));
  }

  /** One input already read (the audit's), named by its file. */
  static Inputs single(String spec, Embeddings x) {
    return new Inputs(List.of(spec), List.of(x), x, DatasetIndex.single(x.size()));
  }

  /** The samples of every input, stacked in order. */
  Embeddings all() {
    return all;
  }

  /** How global indices map to (input, local index). */
  DatasetIndex index() {
    return index;
  }

  /** True with two or more inputs (the JSON then names each sample's dataset). */
  boolean several() {
    return sets.size() > 1;
  }

  /**
   * The {@code inputs} entry of result.json: each file with its n (the dataset number is its
   * position).
   */
  List<Map<String, Object>> describe() {
    List<Map<String, Object>> out = new ArrayList<>(specs.size());
    for (int i = 0; i < specs.size(); i++) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("dataset", i);
      m.put("file", specs.get(i));
      m.put("n", sets.get(i).size());
      out.add(m);
    }
    return out;
  }
}
