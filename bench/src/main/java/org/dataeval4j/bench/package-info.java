/** JMH benchmarks and the peer comparison. */
@NullMarked
package org.dataeval4j.bench;

import org.jspecify.annotations.NullMarked;
