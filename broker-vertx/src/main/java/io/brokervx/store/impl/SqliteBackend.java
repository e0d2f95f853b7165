package io.brokervx.store.impl;

import io.brokervx.codec.BinaryFormat;
import io.brokervx.codec.DecodeLimits;
import io.brokervx.data.Data;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.jdbcclient.JDBCConnectOptions;
import io.vertx.jdbcclient.JDBCPool;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Broker's SQLite backend: the table {@code store(key blob primary key, value blob, expiry integer)} with
 * keys and values in Broker's binary v1 and the expiry in nanoseconds since the epoch (null: none), plus
 * {@code meta(key text primary key, value text)} with a {@code broker_version} row and our channel mark
 * ({@code broker_vertx_channel}: {@link Backend.ChannelMark}). One connection, WAL
 * journal. Changes are group-committed: everything recorded since the last commit goes into one
 * transaction.
 */
final class SqliteBackend implements Backend {
  private static final String VERSION = "broker-vertx-0.1";
  /** The meta row of the channel mark ({@link ChannelMark#encode()}). */
  private static final String MARK = "broker_vertx_channel";
  private static final DecodeLimits LIMITS = new DecodeLimits();

  private final Pool pool;
  private final Map<Data, Entry> pending = new LinkedHashMap<>();
  private boolean pendingClear;
  private ChannelMark loaded;
  private ChannelMark pendingMark;

  /** Opens (creating if needed) the SQLite file at {@code path}. */
  SqliteBackend(Vertx vertx, String path) {
    this.pool = JDBCPool.pool(vertx,
        new JDBCConnectOptions().setJdbcUrl("jdbc:sqlite:" + path + "?journal_mode=WAL&synchronous=NORMAL&busy_timeout=5000"),
        new PoolOptions().setMaxSize(1));
  }

  @Override
  public Future<Map<Data, Entry>> load() {
    return pool.query("CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT)").execute()
        .compose(r -> pool.query("CREATE TABLE IF NOT EXISTS store(key BLOB PRIMARY KEY, value BLOB, expiry INTEGER)")
            .execute())
        .compose(r -> pool.preparedQuery("INSERT OR IGNORE INTO meta(key, value) VALUES ('broker_version', ?)")
            .execute(Tuple.of(VERSION)))
        .compose(r -> pool.query("SELECT value FROM meta WHERE key = '" + MARK + "'").execute())
        .compose(rows -> {
          for (Row row : rows) {
            loaded = ChannelMark.decode(row.getString(0));
          }
          return pool.query("SELECT key, value, expiry FROM store").execute();
        })
        .map(rows -> {
          Map<Data, Entry> out = new HashMap<>();
          for (Row row : rows) {
            Data key = BinaryFormat.decode(row.getBuffer(0), LIMITS);
            Data value = BinaryFormat.decode(row.getBuffer(1), LIMITS);
            Long expiry = row.getLong(2);
            out.put(key, new Entry(value, expiry == null ? -1 : expiry));
          }
          return out;
        });
  }

  @Override
  public boolean persistent() {
    return true;
  }

  @Override
  public ChannelMark loadedMark() {
    return loaded;
  }

  @Override
  public void mark(ChannelMark mark) {
    pendingMark = mark;
  }

  @Override
  public void put(Data key, Entry entry) {
    pending.put(key, entry);
  }

  @Override
  public void delete(Data key) {
    pending.put(key, null);
  }

  @Override
  public void clear() {
    pending.clear();
    pendingClear = true;
  }

  @Override
  public boolean hasPending() {
    return pendingClear || !pending.isEmpty() || pendingMark != null;
  }

  @Override
  public Future<Void> commit() {
    if (!hasPending()) {
      return Future.succeededFuture();
    }
    boolean clear = pendingClear;
    List<Tuple> upserts = new ArrayList<>();
    List<Tuple> deletes = new ArrayList<>();
    for (Map.Entry<Data, Entry> e : pending.entrySet()) {
      byte[] key = bytes(e.getKey());
      if (e.getValue() == null) {
        deletes.add(Tuple.of(key));
      } else {
        Entry v = e.getValue();
        upserts.add(Tuple.of(key, bytes(v.value()), v.expiresAt() < 0 ? null : v.expiresAt()));
      }
    }
    ChannelMark mark = pendingMark;
    pending.clear();
    pendingClear = false;
    pendingMark = null;
    return pool.withTransaction(conn -> {
      Future<?> f = Future.succeededFuture();
      if (mark != null) {
        f = f.compose(x -> conn.preparedQuery("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)")
            .execute(Tuple.of(MARK, mark.encode())));
      }
      if (clear) {
        f = f.compose(x -> conn.query("DELETE FROM store").execute());
      }
      if (!deletes.isEmpty()) {
        f = f.compose(x -> conn.preparedQuery("DELETE FROM store WHERE key = ?").executeBatch(deletes));
      }
      if (!upserts.isEmpty()) {
        f = f.compose(x -> conn.preparedQuery(
            "INSERT INTO store(key, value, expiry) VALUES (?, ?, ?) "
                + "ON CONFLICT(key) DO UPDATE SET value = excluded.value, expiry = excluded.expiry")
            .executeBatch(upserts));
      }
      return f.mapEmpty();
    });
  }

  /** Byte arrays, not buffers: the JDBC client turns a buffer into a Blob, which sqlite-jdbc cannot create. */
  private static byte[] bytes(Data d) {
    byte[] b = new byte[BinaryFormat.encodedSize(d)];
    BinaryFormat.encode(d, b, 0);
    return b;
  }

  @Override
  public Future<Void> close() {
    return pool.close();
  }
}
