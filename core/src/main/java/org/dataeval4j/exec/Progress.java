package org.dataeval4j.exec;

/**
 * Receives how far a long stage is. Implementations must be thread-safe: loops report from worker
 * threads. The library calls {@link #start} once per stage, {@link #advance} any number of times,
 * then {@link #finish}.
 */
public interface Progress {

  /** Reports nothing. */
  Progress NONE =
      new Progress() {
        @Override
        public void start(String stage, long total) {}

        @Override
        public void advance(long amount) {}

        @Override
        public void finish() {}
      };

  /**
   * A stage begins.
   *
   * @param stage a short name such as {@code "k-NN"}
   * @param total the number of units the stage will report, at least 1
   */
  void start(String stage, long total);

  /** {@code amount} more units of the current stage are done. */
  void advance(long amount);

  /** The current stage is done. */
  void finish();
}
