package org.dataeval4j.data;

import java.nio.ByteBuffer;
import org.jspecify.annotations.Nullable;

/**
 * Decodes the data of one {@code .npy} array, chunk by chunk in file order, straight into a single
 * C-order (row-major) destination array: {@code double[]}, {@code long[]} or {@code int[]}. No
 * intermediate copy of the data is made; a chunk is a mapped file region or a small buffer filled
 * from a stream.
 *
 * <p>Fortran-order data is scattered while it is read: the file holds runs along axis 0 (the
 * fastest axis in Fortran order), each run lands at C-order stride {@code shape[1] * ... *
 * shape[k-1]}, and an odometer over axes 1..k-1 gives each run's start.
 */
final class NpyDecoder {

  enum Target {
    DOUBLE,
    LONG,
    INT
  }

  private final NpyHeader h;
  private final NpyDtype t;
  private final Target target;
  private final double @Nullable [] doubles;
  private final long @Nullable [] longs;
  private final int @Nullable [] ints;

  /** True when the data needs reordering (Fortran order with two or more axes). */
  private final boolean fortran;

  private final int[] shape;

  /** C-order strides in elements: {@code cstride[k] = shape[k+1] * ... * shape[ndim-1]}. */
  private final int[] cstride;

  /** Fortran state: current index along axes 1..ndim-1 (axis 0 is {@link #inRun}). */
  private final int[] idx;

  private int base;
  private int inRun;

  /** C-order state: elements decoded so far. */
  private int next;

  NpyDecoder(NpyHeader h, Target target) {
    this.h = h;
    this.t = h.dtype;
    this.target = target;
    int n = (int) h.size;
    this.doubles = target == Target.DOUBLE ? new double[n] : null;
    this.longs = target == Target.LONG ? new long[n] : null;
    this.ints = target == Target.INT ? new int[n] : null;
    if (target != Target.DOUBLE && !t.isInteger()) {
      throw new IllegalStateException("integer target for dtype " + h.descr);
    }
    this.shape = h.shape;
    this.fortran = h.fortranOrder && shape.length > 1;
    this.cstride = new int[shape.length];
    int stride = 1;
    for (int k = shape.length - 1; k >= 0; k--) {
      cstride[k] = stride;
      stride *= Math.max(shape[k], 1);
    }
    this.idx = new int[shape.length];
  }

  /**
   * Decodes the next elements: {@code chunk} holds whole elements from index 0 to its limit, in
   * file order, with the array's byte order already set on it.
   */
  void accept(ByteBuffer chunk) {
    int itemSize = t.itemSize;
    int count = chunk.limit() / itemSize;
    assert chunk.limit() % itemSize == 0;
    if (!fortran) {
      decode(chunk, 0, count, next, 1);
      next += count;
      return;
    }
    int k = 0;
    int runLength = shape[0];
    int stride0 = cstride[0];
    while (k < count) {
      int m = Math.min(count - k, runLength - inRun);
      decode(chunk, k * itemSize, m, base + inRun * stride0, stride0);
      k += m;
      inRun += m;
      if (inRun == runLength) {
        inRun = 0;
        for (int a = 1; a < shape.length; a++) {
          idx[a]++;
          base += cstride[a];
          if (idx[a] < shape[a]) {
            break;
          }
          base -= shape[a] * cstride[a];
          idx[a] = 0;
        }
      }
    }
  }

  double[] doubles() {
    double[] out = doubles;
    if (out == null) {
      throw new IllegalStateException("decoder target is " + target);
    }
    return out;
  }

  long[] longs() {
    long[] out = longs;
    if (out == null) {
      throw new IllegalStateException("decoder target is " + target);
    }
    return out;
  }

  int[] ints() {
    int[] out = ints;
    if (out == null) {
      throw new IllegalStateException("decoder target is " + target);
    }
    return out;
  }

  private void decode(ByteBuffer b, int off, int m, int dst, int stride) {
    switch (target) {
      case DOUBLE -> decodeDoubles(b, off, m, dst, stride);
      case LONG -> decodeLongs(b, off, m, dst, stride);
      case INT -> decodeInts(b, off, m, dst, stride);
    }
  }

  private void decodeDoubles(ByteBuffer b, int off, int m, int dst, int stride) {
    double[] out = doubles();
    switch (t) {
      case F8 -> {
        if (stride == 1) {
          b.asDoubleBuffer().get(off / 8, out, dst, m);
        } else {
          for (int k = 0; k < m; k++) {
            out[dst + k * stride] = b.getDouble(off + 8 * k);
          }
        }
      }
      case F4 -> {
        for (int k = 0; k < m; k++) {
          out[dst + k * stride] = b.getFloat(off + 4 * k);
        }
      }
      case F2 -> {
        for (int k = 0; k < m; k++) {
          out[dst + k * stride] = halfToFloat(b.getShort(off + 2 * k));
        }
      }
      default -> {
        for (int k = 0; k < m; k++) {
          long v = integer(b, off, k);
          out[dst + k * stride] = t == NpyDtype.U8 ? unsignedToDouble(v) : (double) v;
        }
      }
    }
  }

  private void decodeLongs(ByteBuffer b, int off, int m, int dst, int stride) {
    long[] out = longs();
    for (int k = 0; k < m; k++) {
      long v = integer(b, off, k);
      if (t == NpyDtype.U8 && v < 0) {
        throw outOfRange(Long.toUnsignedString(v), dst + k * stride, "a 64-bit signed long");
      }
      out[dst + k * stride] = v;
    }
  }

  private void decodeInts(ByteBuffer b, int off, int m, int dst, int stride) {
    int[] out = ints();
    for (int k = 0; k < m; k++) {
      long v = integer(b, off, k);
      if (v != (int) v || (t == NpyDtype.U8 && v < 0)) {
        String text = t == NpyDtype.U8 ? Long.toUnsignedString(v) : Long.toString(v);
        throw outOfRange(text, dst + k * stride, "a 32-bit int");
      }
      out[dst + k * stride] = (int) v;
    }
  }

  /** Element k of an integer or boolean chunk region starting at byte {@code off}. */
  private long integer(ByteBuffer b, int off, int k) {
    return switch (t) {
      case I1 -> b.get(off + k);
      case U1 -> b.get(off + k) & 0xffL;
      case B1 -> b.get(off + k) != 0 ? 1 : 0;
      case I2 -> b.getShort(off + 2 * k);
      case U2 -> b.getShort(off + 2 * k) & 0xffffL;
      case I4 -> b.getInt(off + 4 * k);
      case U4 -> b.getInt(off + 4 * k) & 0xffffffffL;
      case I8, U8 -> b.getLong(off + 8 * k);
      default -> throw new IllegalStateException("not an integer dtype: " + t);
    };
  }

  private InvalidInputException outOfRange(String value, int flatIndex, String what) {
    return InvalidInputException.of(
        h.file,
        "value " + value + " at index " + indexString(flatIndex) + " does not fit in " + what);
  }

  /** The C-order multi-index of a flat index, e.g. {@code (2, 5)}; a plain number for 1-D. */
  String indexString(int flat) {
    if (shape.length <= 1) {
      return Integer.toString(flat);
    }
    StringBuilder sb = new StringBuilder("(");
    for (int a = 0; a < shape.length; a++) {
      if (a > 0) {
        sb.append(", ");
      }
      sb.append(flat / cstride[a] % Math.max(shape[a], 1));
    }
    return sb.append(')').toString();
  }

  /** An unsigned 64-bit value as the nearest double (the sticky-bit halving keeps rounding). */
  static double unsignedToDouble(long v) {
    if (v >= 0) {
      return v;
    }
    return ((double) ((v >>> 1) | (v & 1))) * 2.0;
  }

  /** IEEE 754 binary16 to float (exact: every half value is a float value). */
  static float halfToFloat(short half) {
    int bits = half & 0xffff;
    int sign = (bits & 0x8000) << 16;
    int exp = (bits >>> 10) & 0x1f;
    int mant = bits & 0x3ff;
    if (exp == 0x1f) {
      return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13));
    }
    if (exp == 0) {
      float f = mant * 0x1p-24f;
      return sign != 0 ? -f : f;
    }
    return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
  }
}
