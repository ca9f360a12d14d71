package org.dataeval4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicLong;
import org.dataeval4j.exec.Progress;
import org.junit.jupiter.api.Test;

/** Plain progress lines for logs: a start line, periodic percentages, a done line; none quiet. */
class CliProgressTest {

  @Test
  void plainLinesAtStartPeriodicallyAndAtTheEnd() {
    StringWriter text = new StringWriter();
    AtomicLong clock = new AtomicLong();
    Progress p = new CliProgress.Plain(new PrintWriter(text), clock::get);
    p.start("k-NN", 200);
    p.advance(10); // no time has passed: no line
    clock.addAndGet(CliProgress.PLAIN_INTERVAL_NANOS);
    p.advance(40); // 50 of 200 after one interval
    clock.addAndGet(CliProgress.PLAIN_INTERVAL_NANOS / 2);
    p.advance(50); // half an interval later: no line
    clock.addAndGet(CliProgress.PLAIN_INTERVAL_NANOS);
    p.advance(50);
    p.finish();
    assertThat(text.toString().lines())
        .containsExactly(
            "k-NN ...", "k-NN: 25% (50 of 200)", "k-NN: 75% (150 of 200)", "k-NN: done in 5.0 s");
  }

  @Test
  void quietReportsNothing() {
    StringWriter text = new StringWriter();
    Progress p = CliProgress.create(true, new PrintWriter(text));
    p.start("k-NN", 10);
    p.advance(10);
    p.finish();
    assertThat(p).isSameAs(Progress.NONE);
    assertThat(text.toString()).isEmpty();
  }
}
