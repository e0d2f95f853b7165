package io.brokervx.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The module's dependency rules, checked on its sources: every reference to another package (an import or
 * a fully qualified name) must point the way the design allows.
 */
class DependencyRulesTest {
  private static final Path SOURCES = Path.of("src/main/java");
  private static final Pattern PACKAGE = Pattern.compile("^package\\s+([\\w.]+);", Pattern.MULTILINE);
  private static final Pattern REFERENCE = Pattern.compile("\\b(io\\.brokervx(?:\\.\\w+)+)");

  /** One source file: its package and the io.brokervx names it mentions. */
  private record Source(Path path, String pkg, List<String> references) {
  }

  private static List<Source> sources() throws IOException {
    List<Source> out = new ArrayList<>();
    try (Stream<Path> files = Files.walk(SOURCES)) {
      for (Path p : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        String text = Files.readString(p);
        Matcher pkg = PACKAGE.matcher(text);
        if (!pkg.find()) {
          continue;
        }
        List<String> refs = new ArrayList<>();
        Matcher m = REFERENCE.matcher(text.substring(pkg.end()));
        while (m.find()) {
          refs.add(m.group(1));
        }
        out.add(new Source(p, pkg.group(1), refs));
      }
    }
    return out;
  }

  private static List<String> violations(String fromPrefix, String... forbidden) throws IOException {
    List<String> out = new ArrayList<>();
    for (Source s : sources()) {
      if (!(s.pkg() + ".").startsWith(fromPrefix + ".")) {
        continue;
      }
      for (String ref : s.references()) {
        for (String f : forbidden) {
          if ((ref + ".").startsWith(f + ".")) {
            out.add(s.path() + " -> " + ref);
          }
        }
      }
    }
    return out;
  }

  @Test
  void theEndpointNamesNeitherStoresNorTheCluster() throws IOException {
    assertEquals(List.of(), violations("io.brokervx.endpoint", "io.brokervx.store", "io.brokervx.cluster"));
  }

  @Test
  void storesAndTheClusterReachTheEndpointOnlyThroughItsApiAndPort() throws IOException {
    assertEquals(List.of(), violations("io.brokervx.store", "io.brokervx.endpoint.impl", "io.brokervx.cluster"));
    assertEquals(List.of(), violations("io.brokervx.cluster", "io.brokervx.endpoint.impl"));
  }

  @Test
  void theRulesSeeTheSources() throws IOException {
    List<Source> all = sources();
    assertFalse(all.isEmpty(), "no sources under " + SOURCES.toAbsolutePath());
    assertFalse(violations("io.brokervx.store", "io.brokervx.endpoint").isEmpty(),
        "the store package does use the endpoint port: the scan must see that");
  }
}
