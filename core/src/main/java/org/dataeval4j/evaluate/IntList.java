package org.dataeval4j.evaluate;

import java.util.Arrays;

/** A growable list of primitive ints (no boxing). */
final class IntList {
  private int[] data = new int[8];
  private int size;

  void add(int v) {
    if (size == data.length) {
      data = Arrays.copyOf(data, data.length * 2);
    }
    data[size++] = v;
  }

  int size() {
    return size;
  }

  int get(int i) {
    return data[i];
  }

  int[] toArray() {
    return Arrays.copyOf(data, size);
  }
}
