package io.brokervx.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The one configuration reader: unknown keys, wrong types and bad durations are errors that name the key. */
class StrictJsonTest {

  private static String error(Runnable r) {
    return assertThrows(IllegalArgumentException.class, r::run).getMessage();
  }

  @Test
  void anUnknownKeyNamesItAndTheKnownOnesSorted() {
    StrictJson j = StrictJson.of(new JsonObject().put("port", 1).put("hots", "x"), "listen");
    assertEquals("listen: unknown key 'hots' (known: host, port)", error(() -> j.only(List.of("port", "host"))));
  }

  @Test
  void absentKeysKeepTheDefaultAndPresentOnesAreChecked() {
    StrictJson j = StrictJson.of(new JsonObject().put("n", 70000).put("s", "").put("b", "yes").put("o", 1)
        .put("a", "x").put("c", "sideways").put("ok", 7).put("name", "kv"), "where");
    assertEquals(5, j.integer("absent", 0, 10, 5));
    assertEquals("dflt", j.string("absent", "dflt"));
    assertEquals(7, j.integer("ok", 0, 10, 5));
    assertEquals("kv", j.choice("name", Set.of("kv", "other"), null));
    assertEquals("where: 'n' must be a whole number in 0..65535, not 70000", error(() -> j.integer("n", 0, 65535, 0)));
    assertEquals("where: 's' must be a non-empty string, not \"\"", error(() -> j.string("s", null)));
    assertEquals("where: 'b' must be true or false, not \"yes\"", error(() -> j.bool("b", false)));
    assertEquals("where: 'o' must be a JSON object, not 1", error(() -> j.object("o")));
    assertEquals("where: 'a' must be a JSON array, not \"x\"", error(() -> j.array("a")));
    assertEquals("where: 'c' must be one of [in, out], not \"sideways\"", error(() -> j.choice("c", Set.of("out", "in"), "in")));
  }

  @Test
  void durationsAreMillisecondsOrTextWithAUnitAndWrittenBackExactly() {
    StrictJson j = StrictJson.of(new JsonObject().put("ms", 1500).put("s", "3s").put("min", "2min").put("us", "250us")
        .put("neg", -1).put("word", "soon").put("small", "5ms"), "opt");
    assertEquals(Duration.ofMillis(1500), j.duration("ms", Duration.ZERO, null));
    assertEquals(Duration.ofSeconds(3), j.duration("s", Duration.ZERO, null));
    assertEquals(Duration.ofMinutes(2), j.duration("min", Duration.ZERO, null));
    assertEquals(Duration.ofNanos(250_000), j.duration("us", Duration.ZERO, null));
    assertEquals(Duration.ofSeconds(9), j.duration("absent", Duration.ZERO, Duration.ofSeconds(9)));
    assertEquals("opt: 'neg' must be a duration (milliseconds, or \"1500ms\", \"3s\", \"2min\"), not -1",
        error(() -> j.duration("neg", Duration.ZERO, null)));
    assertEquals("opt: 'word' must be a duration (milliseconds, or \"1500ms\", \"3s\", \"2min\"), not \"soon\"",
        error(() -> j.duration("word", Duration.ZERO, null)));
    assertEquals("opt: 'small' must be at least 10ms, not \"5ms\"", error(() -> j.duration("small", Duration.ofMillis(10), null)));
    assertEquals("1500ms", Durations.format(Duration.ofMillis(1500)));
    assertEquals("2min", Durations.format(Duration.ofSeconds(120)));
    assertEquals("0s", Durations.format(Duration.ZERO));
  }
}
