package org.dataeval4j.cli;

/** Entry point of the {@code dataeval4j} command line. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(0);
  }
}
