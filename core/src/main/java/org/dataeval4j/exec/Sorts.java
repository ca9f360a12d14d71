package org.dataeval4j.exec;

/**
 * Sorting helpers over primitive arrays, without boxing. Each method states its order and
 * tie-break; all are stable or sort on unique keys, so results never depend on the input's
 * arrangement beyond what the stated order fixes.
 */
public final class Sorts {
  private Sorts() {}

  /**
   * Sorts the first {@code m} entries of the parallel arrays {@code keys} and {@code ids} by (key
   * ascending, id ascending). Keys must not be NaN. O(m log m), in place apart from a scratch copy.
   */
  public static void byKeyThenId(double[] keys, int[] ids, int m) {
    if (m < 2) {
      return;
    }
    if (m <= 32) {
      for (int i = 1; i < m; i++) {
        double k = keys[i];
        int id = ids[i];
        int j = i - 1;
        while (j >= 0 && (keys[j] > k || (keys[j] == k && ids[j] > id))) {
          keys[j + 1] = keys[j];
          ids[j + 1] = ids[j];
          j--;
        }
        keys[j + 1] = k;
        ids[j + 1] = id;
      }
      return;
    }
    double[] k2 = new double[m];
    int[] i2 = new int[m];
    // Bottom-up merge sort, ping-ponging between the arrays.
    double[] srcK = keys;
    int[] srcI = ids;
    double[] dstK = k2;
    int[] dstI = i2;
    for (int width = 1; width < m; width *= 2) {
      for (int lo = 0; lo < m; lo += 2 * width) {
        int mid = Math.min(lo + width, m);
        int hi = Math.min(lo + 2 * width, m);
        int a = lo;
        int b = mid;
        int o = lo;
        while (a < mid && b < hi) {
          if (srcK[b] < srcK[a] || (srcK[b] == srcK[a] && srcI[b] < srcI[a])) {
            dstK[o] = srcK[b];
            dstI[o++] = srcI[b++];
          } else {
            dstK[o] = srcK[a];
            dstI[o++] = srcI[a++];
          }
        }
        while (a < mid) {
          dstK[o] = srcK[a];
          dstI[o++] = srcI[a++];
        }
        while (b < hi) {
          dstK[o] = srcK[b];
          dstI[o++] = srcI[b++];
        }
      }
      double[] tk = srcK;
      srcK = dstK;
      dstK = tk;
      int[] ti = srcI;
      srcI = dstI;
      dstI = ti;
    }
    if (srcK != keys) {
      System.arraycopy(srcK, 0, keys, 0, m);
      System.arraycopy(srcI, 0, ids, 0, m);
    }
  }

  /**
   * The permutation that sorts non-negative, non-NaN float keys ascending, ties by position (a
   * stable argsort). O(m log m): keys and positions are packed into longs and sorted as such.
   */
  public static int[] argsortNonNegative(float[] keys) {
    int m = keys.length;
    long[] packed = new long[m];
    for (int p = 0; p < m; p++) {
      float key = keys[p];
      if (!(key >= 0)) {
        throw new IllegalArgumentException("key must be >= 0, got " + key + " at " + p);
      }
      // For non-negative floats the bit pattern orders like the value; +0.0 and -0.0 both map to 0.
      long bits = key == 0 ? 0 : Float.floatToIntBits(key);
      packed[p] = (bits << 32) | p;
    }
    java.util.Arrays.sort(packed);
    int[] order = new int[m];
    for (int p = 0; p < m; p++) {
      order[p] = (int) packed[p];
    }
    return order;
  }
}
