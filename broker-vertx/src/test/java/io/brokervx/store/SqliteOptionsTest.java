package io.brokervx.store;

import static io.brokervx.test.Await.await;
import static io.brokervx.test.Await.failure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brokervx.data.Data;
import io.brokervx.endpoint.Endpoint;
import io.brokervx.error.BrokerException;
import io.brokervx.error.ErrorCode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Broker's SQLite options in JSON, and a SQLite master configured through them. */
@ExtendWith(VertxExtension.class)
class SqliteOptionsTest {
  @TempDir
  Path dir;

  @Test
  void defaultsAreBrokers() {
    SqliteOptions o = new SqliteOptions();
    assertEquals(SqliteOptions.Synchronous.FULL, o.getSynchronous());
    assertEquals(SqliteOptions.JournalMode.DELETE, o.getJournalMode());
    assertEquals(SqliteOptions.FailureMode.FAIL, o.getFailureMode());
    assertFalse(o.isIntegrityCheck());
    assertEquals(o.toJson(), new MasterOptions().getSqlite().toJson());
  }

  @Test
  void readsBrokersNamesBareOrAsZeekSpellsThem() {
    SqliteOptions o = new SqliteOptions(new JsonObject().put("synchronous", "normal")
        .put("journal_mode", "Broker::SQLITE_JOURNAL_MODE_WAL").put("failure_mode", "DELETE")
        .put("integrity_check", true));
    assertEquals(SqliteOptions.Synchronous.NORMAL, o.getSynchronous());
    assertEquals(SqliteOptions.JournalMode.WAL, o.getJournalMode());
    assertEquals(SqliteOptions.FailureMode.DELETE, o.getFailureMode());
    assertTrue(o.isIntegrityCheck());
    assertEquals(o.toJson(), new SqliteOptions(o).toJson());
  }

  @Test
  void badJsonIsOneClearError() {
    IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
        () -> new SqliteOptions(new JsonObject().put("sync", "FULL")));
    assertTrue(unknown.getMessage().contains("'sync'"), unknown.getMessage());
    IllegalArgumentException value = assertThrows(IllegalArgumentException.class,
        () -> new SqliteOptions(new JsonObject().put("journal_mode", "TRUNCATE")));
    assertTrue(value.getMessage().contains("journal_mode") && value.getMessage().contains("TRUNCATE"),
        value.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> new SqliteOptions(new JsonObject().put("integrity_check", "yes")));
    assertThrows(IllegalArgumentException.class,
        () -> new MasterOptions(new JsonObject().put("sqlite", new JsonObject().put("failure_mode", "IGNORE"))));
  }

  @Test
  void masterConfiguredByJsonKeepsItsWritesAcrossARestart(Vertx vertx) {
    String file = dir.resolve("sub/dir/kv.sqlite").toString();
    JsonObject conf = new JsonObject().put("backend", "sqlite").put("path", file)
        .put("sqlite", new JsonObject().put("synchronous", "FULL").put("journal_mode", "WAL"));
    Endpoint e = Endpoint.create(vertx);
    try {
      Store m = await(Store.attachMaster(e, "kv", new MasterOptions(conf)));
      List<Future<Void>> puts = new ArrayList<>();
      for (int i = 0; i < 3000; i++) {
        puts.add(m.put(Data.count(i), Data.string("v" + i)));
      }
      await(Future.all(puts));
      await(m.close());
      Store again = await(Store.attachMaster(e, "kv", new MasterOptions(conf)));
      assertEquals(Data.string("v2999"), await(again.get(Data.count(2999))));
      assertEquals(3000, await(again.keys()).size());
      await(again.close());
    } finally {
      await(e.close());
    }
  }

  @Test
  void masterOnACorruptFileFailsOrStartsEmptyAsConfigured(Vertx vertx) throws Exception {
    Path file = dir.resolve("bad.sqlite");
    Files.writeString(file, "not a database ".repeat(500));
    MasterOptions o = new MasterOptions().setBackend(BackendType.SQLITE).setPath(file.toString());
    Endpoint e = Endpoint.create(vertx);
    try {
      assertEquals(ErrorCode.CANNOT_OPEN_FILE,
          failure(Store.attachMaster(e, "kv", o), BrokerException.class).error());
      o.setSqlite(new SqliteOptions().setFailureMode(SqliteOptions.FailureMode.DELETE));
      Store m = await(Store.attachMaster(e, "kv", o));
      assertEquals(0, await(m.keys()).size());
      await(m.close());
    } finally {
      await(e.close());
    }
  }
}
