package org.dataeval4j.cli;

/** A command with the {@link CommonOptions} mixin, so the error handler can read --debug. */
interface HasCommonOptions {
  CommonOptions common();
}
