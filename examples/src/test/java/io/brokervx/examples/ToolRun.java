package io.brokervx.examples;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One run of {@code broker-tools} in-process, as from the command line: its exit code, standard output and
 * standard error.
 *
 * @param code the exit code
 * @param out what it printed on standard output
 * @param err what it printed on standard error
 */
record ToolRun(int code, String out, String err) {
  /** Runs {@code args} with empty standard input. */
  static ToolRun of(String... args) throws Exception {
    return withInput("", args);
  }

  /** Runs {@code args} with {@code input} as standard input, giving it a minute at most. */
  static ToolRun withInput(String input, String... args) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    InputStream in = new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8));
    int code = CompletableFuture.supplyAsync(() -> BrokerTools.execute(args, in,
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)))
        .get(60, TimeUnit.SECONDS);
    return new ToolRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** @return the run, after checking it succeeded */
  ToolRun ok() {
    if (code != 0) {
      throw new AssertionError("exit code " + code + "; stderr: " + err + "; stdout: " + out);
    }
    return this;
  }
}
