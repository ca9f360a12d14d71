/**
 * How work runs: a per-call thread pool ({@link org.dataeval4j.exec.Exec}) with a deterministic
 * parallel-for over fixed blocks, and progress reporting. Used by every other package; uses none.
 */
@NullMarked
package org.dataeval4j.exec;

import org.jspecify.annotations.NullMarked;
