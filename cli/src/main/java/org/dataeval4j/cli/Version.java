package org.dataeval4j.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * The version of dataeval4j: {@code version.properties}, filtered by Maven with the project
 * version, else the jar manifest's {@code Implementation-Version}, else {@code "unknown"}.
 */
final class Version implements IVersionProvider {

  private static final String VERSION = load();

  /** The version string written to {@code summary.json}. */
  static String get() {
    return VERSION;
  }

  @Override
  public String[] getVersion() {
    return new String[] {"dataeval4j " + VERSION};
  }

  private static String load() {
    try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
      if (in != null) {
        Properties p = new Properties();
        p.load(in);
        String v = p.getProperty("version");
        if (v != null && !v.isEmpty() && !v.startsWith("${")) {
          return v;
        }
      }
    } catch (IOException e) {
      // fall through to the manifest
    }
    String manifest = Version.class.getPackage().getImplementationVersion();
    return manifest == null ? "unknown" : manifest;
  }
}
