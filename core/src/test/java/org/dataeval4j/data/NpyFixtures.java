package org.dataeval4j.data;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;

/**
 * The fixture files of {@code src/test/resources/npy/} and, independently of the reader, the values
 * {@code make_fixtures.py} wrote into them (a function of each element's flat C index k).
 */
final class NpyFixtures {

  private NpyFixtures() {}

  static Path path(String name) {
    URL url = NpyFixtures.class.getResource("/npy/" + name);
    if (url == null) {
      throw new IllegalStateException("missing fixture " + name);
    }
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The element at flat C index k of the fixture arrays of dtype {@code code} ("f4", "u8"...). */
  static double expectedDouble(String code, int k) {
    return switch (code) {
      case "f8" -> (k - 5) / 3.0;
      case "f4" -> (float) ((k - 5) / 3.0);
      case "f2" -> (k - 5) * 0.25;
      case "b1" -> k % 3 == 0 ? 1 : 0;
      default -> new BigDecimal(expectedInteger(code, k)).doubleValue();
    };
  }

  /** The exact integer at flat C index k of an integer fixture (see make_fixtures.py). */
  static BigInteger expectedInteger(String code, int k) {
    if (code.equals("b1")) {
      return BigInteger.valueOf(k % 3 == 0 ? 1 : 0);
    }
    int size = code.charAt(1) - '0';
    int bits = 8 * size;
    BigInteger mult =
        switch (size) {
          case 1 -> BigInteger.valueOf(37);
          case 2 -> BigInteger.valueOf(7919);
          case 4 -> BigInteger.valueOf(2654435761L);
          default -> new BigInteger("9E3779B97F4A7C15", 16);
        };
    BigInteger u = BigInteger.valueOf(k).multiply(mult).mod(BigInteger.ONE.shiftLeft(bits));
    return code.charAt(0) == 'i' ? u.subtract(BigInteger.ONE.shiftLeft(bits - 1)) : u;
  }

  static double[] expectedDoubles(String code, int size) {
    double[] out = new double[size];
    for (int k = 0; k < size; k++) {
      out[k] = expectedDouble(code, k);
    }
    return out;
  }
}
