package org.dataeval4j.data;

import java.nio.ByteBuffer;

/**
 * A {@code .npy} array opened by {@link Npy#read}: its validated header and its data, memory mapped
 * and not yet decoded.
 *
 * <p>Each {@code to...} call decodes the mapped data once, straight into one new array that the
 * caller owns, in C (row-major) order whatever the file's order: element {@code (i0, ..., ik)} is
 * at {@code ((i0 * shape[1] + i1) * shape[2] + ...) + ik}. Decoding is O(size); nothing is cached,
 * so call the one you need once. The mapping stays valid after the file is closed and is released
 * when this object becomes unreachable.
 */
public final class NpyArray {

  private final NpyHeader header;
  private final ByteBuffer[] segments;

  NpyArray(NpyHeader header, ByteBuffer[] segments) {
    this.header = header;
    this.segments = segments;
  }

  /** The dimensions (a copy); empty for a 0-d array. */
  public int[] shape() {
    return header.shape.clone();
  }

  /** The dtype as written in the header, e.g. {@code "<f4"}, {@code ">i8"}, {@code "|b1"}. */
  public String descr() {
    return header.descr;
  }

  /** True if the file stores the data in Fortran (column-major) order. */
  public boolean fortranOrder() {
    return header.fortranOrder;
  }

  /** The number of elements: the product of the dimensions (1 for a 0-d array). */
  public long size() {
    return header.size;
  }

  /** The format version as {@code "1.0"}, {@code "2.0"} or {@code "3.0"}. */
  public String version() {
    return header.major + "." + header.minor;
  }

  /**
   * All elements as doubles, in C order. Floats widen exactly; integers convert to the nearest
   * double (exact up to 2^53 in magnitude); booleans become 0 and 1.
   */
  public double[] toDoubles() {
    return decode(NpyDecoder.Target.DOUBLE).doubles();
  }

  /**
   * All elements as longs, in C order; booleans become 0 and 1.
   *
   * @throws InvalidInputException for a float dtype, or a uint64 value above {@link Long#MAX_VALUE}
   */
  public long[] toLongs() {
    requireInteger();
    return decode(NpyDecoder.Target.LONG).longs();
  }

  /**
   * All elements as ints, in C order; booleans become 0 and 1.
   *
   * @throws InvalidInputException for a float dtype, or a value outside the int range (the message
   *     gives the value and its index)
   */
  public int[] toInts() {
    requireInteger();
    return decode(NpyDecoder.Target.INT).ints();
  }

  NpyHeader header() {
    return header;
  }

  private void requireInteger() {
    if (!header.dtype.isInteger()) {
      throw InvalidInputException.of(
          header.file, "expected an integer dtype, got '" + header.descr + "'");
    }
  }

  private NpyDecoder decode(NpyDecoder.Target target) {
    NpyDecoder decoder = new NpyDecoder(header, target);
    feed(decoder);
    return decoder;
  }

  /** Feeds the mapped segments, in file order. */
  void feed(NpyDecoder decoder) {
    for (ByteBuffer segment : segments) {
      decoder.accept(segment);
    }
  }
}
