package io.brokervx.store.impl;

import static io.brokervx.test.Await.await;
import static io.brokervx.test.Await.failure;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brokervx.data.Data;
import io.brokervx.error.BrokerException;
import io.brokervx.error.ErrorCode;
import io.brokervx.store.SqliteOptions;
import io.brokervx.store.SqliteOptions.FailureMode;
import io.brokervx.store.SqliteOptions.JournalMode;
import io.brokervx.store.SqliteOptions.Synchronous;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The SQLite backend on real files: Broker's options take effect, corrupt files, group commit order. */
@ExtendWith(VertxExtension.class)
class SqliteBackendTest {
  @TempDir
  Path dir;

  private SqliteBackend open(Vertx vertx, String file, SqliteOptions o) {
    return new SqliteBackend(vertx, dir.resolve(file).toString(), o);
  }

  private static Map<Data, Entry> reopen(Vertx vertx, Path file) {
    SqliteBackend b = new SqliteBackend(vertx, file.toString(), new SqliteOptions());
    Map<Data, Entry> m = asMap(await(b.load()));
    await(b.close());
    return m;
  }

  private static Map<Data, Entry> asMap(EntryTable table) {
    Map<Data, Entry> m = new java.util.HashMap<>();
    table.forEach((k, v, expiresAt) -> m.put(k, new Entry(v, expiresAt)));
    return m;
  }

  @Test
  void defaultsAreBrokersDurability(Vertx vertx) {
    SqliteBackend b = open(vertx, "d.sqlite", new SqliteOptions());
    await(b.load());
    assertEquals("2", await(b.pragma("synchronous")), "FULL");
    assertEquals("delete", await(b.pragma("journal_mode")));
    await(b.close());
  }

  @ParameterizedTest
  @EnumSource(Synchronous.class)
  void synchronousTakesEffect(Synchronous sync, Vertx vertx) {
    SqliteBackend b = open(vertx, "s.sqlite", new SqliteOptions().setSynchronous(sync));
    await(b.load());
    assertEquals(String.valueOf(sync.ordinal()), await(b.pragma("synchronous")));
    await(b.close());
  }

  @Test
  void walJournalTakesEffectAndStaysInTheFile(Vertx vertx) {
    SqliteBackend b = open(vertx, "w.sqlite", new SqliteOptions().setJournalMode(JournalMode.WAL));
    await(b.load());
    assertEquals("wal", await(b.pragma("journal_mode")));
    b.put(Data.count(1), new Entry(Data.string("x"), -1));
    await(b.commit());
    assertTrue(Files.exists(dir.resolve("w.sqlite-wal")));
    await(b.close());
    SqliteBackend again = open(vertx, "w.sqlite", new SqliteOptions());
    assertEquals(Map.of(Data.count(1), new Entry(Data.string("x"), -1)), asMap(await(again.load())));
    assertEquals("delete", await(again.pragma("journal_mode")), "the option, not the file, decides");
    await(again.close());
  }

  @Test
  void failureModeFailRefusesACorruptFileAndKeepsIt(Vertx vertx) throws Exception {
    Path file = garbage("bad.sqlite");
    byte[] before = Files.readAllBytes(file);
    SqliteBackend b = open(vertx, "bad.sqlite", new SqliteOptions());
    assertEquals(ErrorCode.CANNOT_OPEN_FILE, failure(b.load(), BrokerException.class).error());
    await(b.close());
    assertArrayEquals(before, Files.readAllBytes(file));
  }

  @Test
  void failureModeDeleteStartsEmptyOnACorruptFile(Vertx vertx) throws Exception {
    Path file = garbage("bad.sqlite");
    SqliteBackend b = open(vertx, "bad.sqlite", new SqliteOptions().setFailureMode(FailureMode.DELETE));
    assertEquals(Map.of(), asMap(await(b.load())));
    b.put(Data.count(7), new Entry(Data.count(8), 123));
    await(b.commit());
    await(b.close());
    assertEquals(Map.of(Data.count(7), new Entry(Data.count(8), 123)), reopen(vertx, file));
  }

  @Test
  void integrityCheckCatchesACorruptPage(Vertx vertx) throws Exception {
    Path file = dir.resolve("pages.sqlite");
    SqliteBackend b = open(vertx, "pages.sqlite", new SqliteOptions());
    await(b.load());
    for (int i = 0; i < 2000; i++) {
      b.put(Data.count(i), new Entry(Data.string("value number " + i), -1));
    }
    await(b.commit());
    await(b.close());
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      assertTrue(f.length() > 8 * 4096);
      f.seek(5 * 4096 + 8); // inside a b-tree page, past its header
      f.write(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x7f, 0x7f, 0x7f, 0x7f});
    }
    SqliteBackend checked = open(vertx, "pages.sqlite", new SqliteOptions().setIntegrityCheck(true));
    assertEquals(ErrorCode.CANNOT_OPEN_FILE, failure(checked.load(), BrokerException.class).error());
    await(checked.close());
    SqliteBackend deleting = open(vertx, "pages.sqlite",
        new SqliteOptions().setIntegrityCheck(true).setFailureMode(FailureMode.DELETE));
    assertEquals(Map.of(), asMap(await(deleting.load())));
    assertEquals("ok", await(deleting.pragma("integrity_check")));
    await(deleting.close());
  }

  @Test
  void groupCommitKeepsTheOrderOfChanges(Vertx vertx) {
    Path file = dir.resolve("order.sqlite");
    SqliteBackend b = open(vertx, "order.sqlite", new SqliteOptions());
    await(b.load());
    Random rnd = new Random(15);
    Map<Data, Entry> expected = new HashMap<>();
    List<Future<Void>> commits = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      Data key = Data.count(rnd.nextInt(50));
      int op = rnd.nextInt(100);
      if (op < 70) {
        Entry e = new Entry(Data.count(i), rnd.nextBoolean() ? -1 : i);
        b.put(key, e);
        expected.put(key, e);
      } else if (op < 99) {
        b.delete(key);
        expected.remove(key);
      } else {
        b.clear();
        expected.clear();
      }
      if (rnd.nextInt(300) == 0) {
        commits.add(b.commit()); // not awaited: commits queue behind each other
      }
    }
    commits.add(b.commit());
    await(Future.all(commits));
    await(b.close());
    assertEquals(expected, reopen(vertx, file));
  }

  @Test
  void acknowledgedWritesSurviveARestartUnderFull(Vertx vertx) {
    Path file = dir.resolve("full.sqlite");
    SqliteBackend b = open(vertx, "full.sqlite", new SqliteOptions().setSynchronous(Synchronous.FULL));
    await(b.load());
    Map<Data, Entry> expected = new HashMap<>();
    for (int i = 0; i < 5000; i++) {
      Entry e = new Entry(Data.vector(List.of(Data.count(i), Data.string("v" + i))), i % 2 == 0 ? -1 : 1_000_000L * i);
      b.put(Data.string("k" + i), e);
      expected.put(Data.string("k" + i), e);
      if (i % 1000 == 999) {
        await(b.commit());
      }
    }
    await(b.close());
    assertEquals(expected, reopen(vertx, file));
  }

  private Path garbage(String name) throws Exception {
    Path file = dir.resolve(name);
    StringBuilder sb = new StringBuilder();
    while (sb.length() < 8192) {
      sb.append("this is not a database; ");
    }
    Files.writeString(file, sb, StandardCharsets.US_ASCII);
    return file;
  }
}
