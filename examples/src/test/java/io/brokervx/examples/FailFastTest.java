package io.brokervx.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brokervx.verticle.FailFast;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A process that runs out of memory or blocks an event loop exits with a code and one line, not a zombie. */
class FailFastTest {

  @Test
  void outOfMemoryInAHandlerExitsWithItsCode() throws Exception {
    try (ChildJvm probe = ChildJvm.main(List.of("-Xmx48m"), FailFastProbe.class, "oom")) {
      assertEquals(FailFast.EXIT_OUT_OF_MEMORY, probe.exitCode(60));
      assertTrue(probe.err().startsWith("probe: out of memory"), probe.err());
      assertEquals(1, probe.err().lines().count(), probe.err());
    }
  }

  @Test
  void aBlockedEventLoopExitsWithItsCode() throws Exception {
    try (ChildJvm probe = ChildJvm.main(FailFastProbe.class, "block")) {
      assertEquals(FailFast.EXIT_BLOCKED, probe.exitCode(60));
      assertTrue(probe.err().lines().anyMatch(l -> l.matches("probe: event loop \\d+ of \\d+ blocked for \\d+ s \\(limit 2 s\\): exiting")),
          probe.err());
    }
  }

  @Test
  void aCleanShutdownIsNotABlockedLoop() throws Exception {
    try (ChildJvm probe = ChildJvm.main(FailFastProbe.class, "close")) {
      probe.awaitOut(java.util.regex.Pattern.compile("still here"));
      assertTrue(probe.err().isEmpty(), probe.err());
    }
  }
}
