package io.brokervx.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brokervx.verticle.Versions;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What a user typing the tools' command lines sees: help and version for every tool, one line and exit code
 * 2 for a bad flag, and one line and exit code 1 for a port in use, a peering that never comes up and a
 * publish nobody would receive.
 */
class ToolCommandLineTest {
  private static final List<String> TOOLS = List.of("cluster-demo", "zeek-event", "pipe", "throughput", "pingpong",
      "relay", "store-bench", "store-bench local", "store-bench footprint", "store-bench restart", "store-bench master",
      "store-bench clone", "route-sim");

  private static String[] args(String tool, String... more) {
    List<String> all = new java.util.ArrayList<>(List.of(tool.split(" ")));
    all.addAll(List.of(more));
    return all.toArray(new String[0]);
  }

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  @Test
  void everyToolHasHelpAndVersion() throws Exception {
    for (String tool : TOOLS) {
      ToolRun help = ToolRun.of(args(tool, "--help")).ok();
      assertTrue(help.out().startsWith("Usage: broker-tools " + tool + " "), help.out());
      assertTrue(help.out().contains("-V, --version"), help.out());
      assertEquals("", help.err());
      ToolRun version = ToolRun.of(args(tool, "--version")).ok();
      assertEquals("broker-tools " + Versions.project() + "\nwire protocol versions: 1 (Broker 2.x, Zeek), 2 "
          + "(broker-vertx routing)\nVert.x " + Versions.vertx() + ", Java " + Runtime.version() + "\n", version.out());
    }
    assertTrue(ToolRun.of("--help").ok().out().contains("pipe"));
    assertTrue(ToolRun.of().ok().out().contains("store-bench"), "no tool: the list of tools");
    assertTrue(Versions.project().matches("\\d+\\.\\d+\\.\\d+.*"), Versions.project());
  }

  @Test
  void badArgumentsAreOneLineAndExitCode2() throws Exception {
    String[][] cases = {
        {"pipe", "--frobnicate", "-m", "publish", "-t", "x"},
        {"pipe", "-m", "sideways", "-t", "x"},
        {"pipe", "-m", "publish"},
        {"pipe", "-m", "publish", "-t", "x", "-c", "many"},
        {"pipe", "-m", "publish", "-t", "x", "-p", "nowhere"},
        {"throughput", "-t", "9", "127.0.0.1:1"},
        {"throughput"},
        {"pingpong", "-n"},
        {"pingpong", "-n", "0", "127.0.0.1:1"},
        {"relay"},
        {"store-bench"},
        {"store-bench", "local", "-n", "x"},
        {"store-bench", "clone"},
        {"store-bench", "master", "-l", "99999"},
        {"store-bench", "local", "--window", "0"},
        {"store-bench", "local", "--sqlite", "x.sqlite", "--sqlite-options", "{\"sync\": \"FULL\"}"},
        {"store-bench", "restart"},
        {"store-bench", "restart", "--sqlite", "/nonexistent/x.sqlite"},
        {"route-sim", "-n", "1"},
        {"route-sim", "--zeek", "-n", "5"},
        {"cluster-demo", "-d", "1"},
        {"frobnicate"},
    };
    for (String[] c : cases) {
      ToolRun run = ToolRun.of(c);
      String what = String.join(" ", c) + " -> " + run.err();
      assertEquals(2, run.code(), what);
      assertEquals("", run.out(), what);
      assertEquals(1, run.err().lines().count(), what);
      assertTrue(run.err().matches("[a-z -]+: .+ \\(see [a-z -]+ --help\\)\n"), what);
    }
    assertEquals("pipe: Invalid value for option '--message-cap': 'many' is not a long (see pipe --help)\n",
        ToolRun.of("pipe", "-m", "publish", "-t", "x", "-c", "many").err());
    assertEquals("store-bench local: Invalid value for option '-n': 'x' is not a long (see store-bench local --help)\n",
        ToolRun.of("store-bench", "local", "-n", "x").err());
  }

  @Test
  void aPortInUseIsOneLineNamingHostAndPort() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      int port = taken.getLocalPort();
      for (String[] c : new String[][] {{"pipe", "-m", "subscribe", "-t", "x", "-l", "127.0.0.1:" + port},
          {"throughput", "--server", "127.0.0.1:" + port}, {"pingpong", "--server", "127.0.0.1:" + port},
          {"relay", "-l", "127.0.0.1:" + port}, {"store-bench", "master", "-l", "127.0.0.1:" + port}}) {
        ToolRun run = ToolRun.of(c);
        assertEquals(1, run.code(), run.err());
        String tool = c[0].equals("store-bench") ? "store-bench master" : c[0];
        assertEquals(tool + ": cannot listen on 127.0.0.1:" + port + ": address already in use\n", run.err());
      }
    }
  }

  @Test
  void aPeeringThatNeverComesUpEndsWithExitCode1AndTheReason() throws Exception {
    int nobody = freePort();
    for (String[] c : new String[][] {
        {"pipe", "-m", "subscribe", "-t", "x", "-p", "127.0.0.1:" + nobody, "--peer-timeout", "1"},
        {"pipe", "-m", "publish", "-t", "x", "-p", "127.0.0.1:" + nobody, "--peer-timeout", "1"},
        {"throughput", "--peer-timeout", "1", "127.0.0.1:" + nobody},
        {"pingpong", "--peer-timeout", "1", "127.0.0.1:" + nobody},
        {"relay", "-l", "127.0.0.1:0", "-p", "127.0.0.1:" + nobody, "--peer-timeout", "1"},
        {"store-bench", "clone", "--peer-timeout", "1", "127.0.0.1:" + nobody}}) {
      ToolRun run = ToolRun.of(c);
      assertEquals(1, run.code(), run.err());
      String last = run.err().lines().reduce((a, b) -> b).orElse("");
      assertTrue(last.matches("[a-z -]+: could not peer with 127.0.0.1:" + nobody + " within 1 s: cannot connect: "
          + "Connection refused.*"), run.err());
    }
  }

  @Test
  void pipePublishRefusesToDropItsInputWithoutASubscriberUnlessTold() throws Exception {
    ToolRun refused = ToolRun.withInput("lost?\n", "pipe", "-m", "publish", "-t", "/nobody", "-l", "127.0.0.1:0",
        "--peer-timeout", "1");
    assertEquals(1, refused.code());
    assertTrue(refused.err().endsWith("pipe: no subscriber of /nobody appeared within 1 s; published nothing "
        + "(--no-wait publishes anyway, --peer-timeout waits longer)\n"), refused.err());
    ToolRun anyway = ToolRun.withInput("lost\n", "pipe", "-m", "publish", "-t", "/nobody", "-l", "127.0.0.1:0",
        "--no-wait").ok();
    assertTrue(anyway.err().endsWith("pipe: published 1 message on /nobody\n"), anyway.err());
  }
}
