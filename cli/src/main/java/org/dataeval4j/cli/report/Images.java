package org.dataeval4j.cli.report;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.dataeval4j.data.InvalidInputException;
import org.dataeval4j.data.Npy;
import org.dataeval4j.data.NpyArray;

/**
 * The images shown as thumbnails: n images of H x W pixels with C = 1 (grey), 3 (RGB) or 4 (RGBA)
 * channels, stored as unsigned bytes, row-major: pixel (i, y, x), channel ch is at {@code ((i * H +
 * y) * W + x) * C + ch}.
 *
 * <p>Input arrays are uint8 (taken as is) or float (scaled min-max per image to 0..255; a constant
 * image becomes black), shaped n x H x W or n x H x W x C.
 */
public final class Images {
  /** Thumbnails larger than this (in pixels, per side) are downsampled before encoding. */
  static final int MAX_THUMBNAIL_SIDE = 48;

  private final int count;
  private final int height;
  private final int width;
  private final int channels;
  private final byte[] pixels;

  private Images(int count, int height, int width, int channels, byte[] pixels) {
    this.count = count;
    this.height = height;
    this.width = width;
    this.channels = channels;
    this.pixels = pixels;
  }

  /**
   * Images from unsigned bytes (shared, not copied), layout as in the class comment.
   *
   * @throws IllegalArgumentException if the sizes do not match or C is not 1, 3 or 4
   */
  public static Images ofBytes(byte[] pixels, int count, int height, int width, int channels) {
    if (channels != 1 && channels != 3 && channels != 4) {
      throw new IllegalArgumentException("channels must be 1, 3 or 4, got " + channels);
    }
    if (count < 0 || height < 1 || width < 1) {
      throw new IllegalArgumentException(
          "image shape must be positive, got " + count + " x " + height + " x " + width);
    }
    if ((long) count * height * width * channels != pixels.length) {
      throw new IllegalArgumentException(
          "pixels must hold count * H * W * C values, got " + pixels.length);
    }
    return new Images(count, height, width, channels, pixels);
  }

  /**
   * Reads a {@code .npy} file of n x H x W or n x H x W x C (C = 1, 3, 4) images, uint8 or float.
   *
   * @throws InvalidInputException for another extension, dtype or shape (the message names the
   *     file)
   */
  public static Images read(Path file) throws IOException {
    String name = file.toString();
    if (!name.toLowerCase(Locale.ROOT).endsWith(".npy")) {
      throw new InvalidInputException(
          name + ": --images must be a .npy file (n x H x W or n x H x W x C)");
    }
    NpyArray a = Npy.read(file);
    int[] shape = a.shape();
    boolean shapeOk =
        (shape.length == 3
                || (shape.length == 4 && (shape[3] == 1 || shape[3] == 3 || shape[3] == 4)))
            && shape[1] > 0
            && shape[2] > 0;
    if (!shapeOk) {
      throw new InvalidInputException(
          name
              + ": images must be shaped n x H x W or n x H x W x C with C = 1, 3 or 4, got "
              + Arrays.toString(shape));
    }
    String descr = a.descr();
    char kind = descr.charAt(1);
    boolean uint8 = descr.equals("|u1") || descr.equals("<u1") || descr.equals(">u1");
    if (!uint8 && kind != 'f') {
      throw new InvalidInputException(name + ": images must be uint8 or float, got dtype " + descr);
    }
    int count = shape[0];
    int h = shape[1];
    int w = shape[2];
    int c = shape.length == 4 ? shape[3] : 1;
    long total = (long) count * h * w * c;
    if (total > Integer.MAX_VALUE - 8) {
      throw new InvalidInputException(name + ": images too large (" + total + " values)");
    }
    double[] v = a.toDoubles();
    byte[] px = new byte[v.length];
    int per = h * w * c;
    for (int i = 0; i < count; i++) {
      int off = i * per;
      if (uint8) {
        for (int t = 0; t < per; t++) {
          px[off + t] = (byte) (int) v[off + t];
        }
        continue;
      }
      double lo = Double.POSITIVE_INFINITY;
      double hi = Double.NEGATIVE_INFINITY;
      for (int t = 0; t < per; t++) {
        double x = v[off + t];
        if (Double.isFinite(x)) {
          lo = Math.min(lo, x);
          hi = Math.max(hi, x);
        }
      }
      double scale = hi > lo ? 255.0 / (hi - lo) : 0.0;
      for (int t = 0; t < per; t++) {
        double x = v[off + t];
        double s = Double.isFinite(x) ? (x - lo) * scale : 0.0;
        px[off + t] = (byte) (int) Math.round(Math.max(0, Math.min(255, s)));
      }
    }
    return new Images(count, h, w, c, px);
  }

  /** The number of images. */
  public int count() {
    return count;
  }

  /** Pixel rows per image. */
  public int height() {
    return height;
  }

  /** Pixel columns per image. */
  public int width() {
    return width;
  }

  /** Channels per pixel: 1, 3 or 4. */
  public int channels() {
    return channels;
  }

  /**
   * Image {@code i} as a PNG data URI ({@code data:image/png;base64,...}), downsampled by nearest
   * pixel so that neither side exceeds {@link #MAX_THUMBNAIL_SIDE}.
   */
  String pngDataUri(int i) {
    int step = Math.max(1, (Math.max(height, width) + MAX_THUMBNAIL_SIDE - 1) / MAX_THUMBNAIL_SIDE);
    int th = (height + step - 1) / step;
    int tw = (width + step - 1) / step;
    int type =
        switch (channels) {
          case 1 -> BufferedImage.TYPE_BYTE_GRAY;
          case 3 -> BufferedImage.TYPE_INT_RGB;
          default -> BufferedImage.TYPE_INT_ARGB;
        };
    BufferedImage img = new BufferedImage(tw, th, type);
    int base = i * height * width * channels;
    for (int y = 0; y < th; y++) {
      for (int x = 0; x < tw; x++) {
        int p = base + ((y * step) * width + x * step) * channels;
        int r = pixels[p] & 0xff;
        int g = channels >= 3 ? pixels[p + 1] & 0xff : r;
        int b = channels >= 3 ? pixels[p + 2] & 0xff : r;
        int alpha = channels == 4 ? pixels[p + 3] & 0xff : 0xff;
        int argb = (alpha << 24) | (r << 16) | (g << 8) | b;
        if (channels == 1) {
          img.getRaster().setSample(x, y, 0, r);
        } else {
          img.setRGB(x, y, argb);
        }
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(img, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return "data:image/png;base64," + Base64.getEncoder().encodeToString(out.toByteArray());
  }
}
