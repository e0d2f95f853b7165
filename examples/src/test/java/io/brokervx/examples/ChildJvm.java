package io.brokervx.examples;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A program started in its own JVM, as a user starts it ({@code java -jar …} or {@code java -cp …}), its
 * standard output and error collected as they come.
 */
final class ChildJvm implements AutoCloseable {
  private final Process process;
  private final StringBuilder out = new StringBuilder();
  private final StringBuilder err = new StringBuilder();
  private final List<Thread> collectors = new ArrayList<>();

  private ChildJvm(List<String> command) throws IOException {
    process = new ProcessBuilder(command).start();
    collect(process.getInputStream(), out);
    collect(process.getErrorStream(), err);
  }

  /** Appends what {@code in} gives to {@code into} until its end (the process's exit). */
  private void collect(InputStream in, StringBuilder into) {
    Thread t = new Thread(() -> {
      byte[] buf = new byte[4096];
      try {
        for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
          synchronized (this) {
            into.append(new String(buf, 0, n, StandardCharsets.UTF_8));
            notifyAll();
          }
        }
      } catch (IOException e) {
        // the process ended
      }
    });
    t.setDaemon(true);
    t.start();
    collectors.add(t);
  }

  private static List<String> java() {
    return new ArrayList<>(List.of(System.getProperty("java.home") + "/bin/java", "--enable-native-access=ALL-UNNAMED"));
  }

  /** Starts {@code java -jar JAR ARGS}. */
  static ChildJvm jar(File jar, String... args) throws IOException {
    List<String> command = java();
    command.addAll(List.of("-jar", jar.getAbsolutePath()));
    command.addAll(List.of(args));
    return new ChildJvm(command);
  }

  /** Starts {@code java -cp TEST_CLASSPATH MAIN ARGS}: this module's classes, as its jar runs them. */
  static ChildJvm main(Class<?> main, String... args) throws IOException {
    return main(List.of(), main, args);
  }

  /** Starts {@code java JVM_ARGS -cp TEST_CLASSPATH MAIN ARGS}. */
  static ChildJvm main(List<String> jvmArgs, Class<?> main, String... args) throws IOException {
    List<String> command = java();
    command.addAll(jvmArgs);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
    command.addAll(List.of(args));
    return new ChildJvm(command);
  }

  /** @return the exit code, once the program ended within {@code seconds} */
  int exitCode(int seconds) throws InterruptedException {
    if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
      throw new AssertionError("still running after " + seconds + " s; stderr: " + err());
    }
    for (Thread t : collectors) {
      t.join(5000); // the last bytes
    }
    return process.exitValue();
  }

  /** Waits (60 s at most) until standard error contains {@code text}. */
  synchronized void awaitErr(String text) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!err.toString().contains(text)) {
      long left = deadline - System.nanoTime();
      if (left <= 0 || !process.isAlive()) {
        throw new AssertionError("no '" + text + "' on stderr: " + err + "; stdout: " + out);
      }
      wait(Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(left), 500)));
    }
  }

  /** Waits (60 s at most) until standard output has a match of {@code pattern}; @return the match */
  synchronized Matcher awaitOut(Pattern pattern) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    Matcher m = pattern.matcher(out);
    while (!m.find()) {
      long left = deadline - System.nanoTime();
      if (left <= 0 || !process.isAlive()) {
        throw new AssertionError("no match of '" + pattern + "' on stdout: " + out + "; stderr: " + err);
      }
      wait(Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(left), 500)));
      m = pattern.matcher(out);
    }
    return m;
  }

  synchronized String out() {
    return out.toString();
  }

  synchronized String err() {
    return err.toString();
  }

  /** Stops it as Ctrl-C would. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
