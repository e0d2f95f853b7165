package io.brokervx.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The tools in their own JVM, with their own logging configuration, as a user runs them: the demo prints
 * only its own lines, accounts for every connection and removes its directory; a failure is one line.
 */
class ToolProcessTest {
  @Test
  void theClusterDemoIsQuietAccountsForEveryConnectionAndCleansUp() throws Exception {
    try (ChildJvm demo = ChildJvm.main(BrokerTools.class, "cluster-demo", "-d", "4")) {
      assertEquals(0, demo.exitCode(120), demo.err());
      String out = demo.out();
      assertEquals("", demo.err(), "no log lines");
      assertTrue(out.contains("all nodes see each other up"), out);
      assertTrue(out.matches("(?s).*node_down\\(proxy-1\\): \\d+ hosts of proxy-1 moved to proxy-2; (\\d+) of \\1 hosts.*"),
          out);
      Matcher done = Pattern.compile("done: 200 hosts counted in the store, (\\d+) connections in total \\(generated "
          + "(\\d+); (none lost|(\\d+) were in flight to proxy-1 when it stopped and (\\d+) of its increments had not "
          + "reached the store: a stopping node loses what it has not handled yet)\\)\n$").matcher(out);
      assertTrue(done.find(), out);
      long lost = done.group(4) == null ? 0 : Long.parseLong(done.group(4)) + Long.parseLong(done.group(5));
      assertEquals(Long.parseLong(done.group(2)), Long.parseLong(done.group(1)) + lost, "every connection accounted for");
      Matcher dir = Pattern.compile("persistent store in (\\S+)").matcher(out);
      assertTrue(dir.find(), out);
      assertFalse(Files.exists(Path.of(dir.group(1))), "the demo removed " + dir.group(1));
    }
  }

  @Test
  void aFailedPeeringIsOneLineAndExitCode1() throws Exception {
    int nobody;
    try (ServerSocket s = new ServerSocket(0)) {
      nobody = s.getLocalPort();
    }
    try (ChildJvm pipe = ChildJvm.main(BrokerTools.class, "pipe", "-m", "subscribe", "-t", "/x", "-p",
        "127.0.0.1:" + nobody, "--peer-timeout", "1")) {
      assertEquals(1, pipe.exitCode(60));
      assertTrue(pipe.err().matches("pipe: could not peer with 127.0.0.1:" + nobody + " within 1 s: cannot connect: "
          + "Connection refused[^\n]*\n"), pipe.err());
      assertEquals("", pipe.out());
    }
  }
}
