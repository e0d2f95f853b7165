package io.brokervx.store.impl;

import io.brokervx.codec.BinaryFormat;
import io.brokervx.codec.DecodeLimits;
import io.brokervx.data.Data;
import io.brokervx.error.BrokerException;
import io.brokervx.error.ErrorCode;
import io.brokervx.store.SqliteOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.internal.logging.Logger;
import io.vertx.core.internal.logging.LoggerFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Broker's SQLite backend: the table {@code store(key blob primary key, value blob, expiry integer)} with
 * keys and values in Broker's binary v1 and the expiry in nanoseconds since the epoch (null: none), plus
 * {@code meta(key text primary key, value text)} with a {@code broker_version} row and our channel mark
 * ({@code broker_vertx_channel}: {@link Backend.ChannelMark}), opened with Broker's
 * options ({@link SqliteOptions}: {@code synchronous}, {@code journal_mode}, {@code failure_mode},
 * {@code integrity_check}).
 *
 * <p>All SQLite work runs on this backend's own single worker thread, never on an event loop. Changes are
 * group-committed: everything recorded since the previous commit goes into one transaction, encoded on the
 * worker, so one sync covers however many writes were pending (a batch is as large as what arrived while the
 * previous commit was syncing). The pending changes are bounded by the master's outstanding mutations; a
 * key changed twice before a commit is written once, with its last state. {@link #load()} reads the whole
 * table in one pass on the worker and hands the master a ready map.
 */
final class SqliteBackend implements Backend {
  private static final Logger LOG = LoggerFactory.getLogger(SqliteBackend.class);
  /** The meta row of the channel mark ({@link ChannelMark#encode()}). */
  private static final String MARK = "broker_vertx_channel";
  private static final String VERSION = "broker-vertx-0.1";
  private static final DecodeLimits LIMITS = new DecodeLimits();
  /** A load or integrity check of a large file may take minutes: the worker is not reported blocked before. */
  private static final long MAX_TASK_MINUTES = 10;

  private final String path;
  private final SqliteOptions options;
  private final WorkerExecutor worker;
  /** Used on the worker thread only. */
  private Connection conn;
  private PreparedStatement upsert;
  private PreparedStatement erase;
  private Map<Data, Entry> pending = new LinkedHashMap<>();
  private boolean pendingClear;
  private ChannelMark loaded;
  private ChannelMark pendingMark;

  /** Prepares to open (creating if needed) the SQLite file at {@code path}; {@link #load()} opens it. */
  SqliteBackend(Vertx vertx, String path, SqliteOptions options) {
    this.path = path;
    this.options = new SqliteOptions(options);
    this.worker = vertx.createSharedWorkerExecutor("broker-sqlite-" + System.identityHashCode(this) + ":" + path, 1,
        MAX_TASK_MINUTES, TimeUnit.MINUTES);
  }

  @Override
  public Future<EntryTable> load() {
    return worker.executeBlocking(() -> {
      try {
        return openAndRead();
      } catch (SQLException | BrokerException e) {
        closeQuietly();
        if (options.getFailureMode() == SqliteOptions.FailureMode.FAIL || !Files.isRegularFile(Path.of(path))) {
          throw new BrokerException(ErrorCode.CANNOT_OPEN_FILE, "cannot open SQLite store " + path + ": "
              + e.getMessage());
        }
        LOG.warn("SQLite store " + path + " failed to open (" + e.getMessage() + "): deleting it (failure_mode DELETE)");
        deleteFiles();
        try {
          return openAndRead();
        } catch (SQLException e2) {
          closeQuietly();
          throw new BrokerException(ErrorCode.CANNOT_OPEN_FILE, "cannot open SQLite store " + path
              + " after deleting it: " + e2.getMessage());
        }
      }
    });
  }

  /** Opens the file as Broker does (pragmas, tables, version row, optional integrity check), then reads it. */
  private EntryTable openAndRead() throws SQLException {
    Path parent = Path.of(path).toAbsolutePath().getParent();
    try {
      Files.createDirectories(parent);
    } catch (IOException e) {
      throw new BrokerException(ErrorCode.CANNOT_OPEN_FILE, "cannot create directory " + parent + ": " + e.getMessage());
    }
    conn = DriverManager.getConnection("jdbc:sqlite:" + path);
    try (Statement st = conn.createStatement()) {
      st.execute("PRAGMA synchronous=" + options.getSynchronous().name().toLowerCase(Locale.ROOT));
      st.execute("PRAGMA journal_mode=" + options.getJournalMode().name().toLowerCase(Locale.ROOT));
      st.execute("CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT)");
      st.execute("CREATE TABLE IF NOT EXISTS store(key BLOB PRIMARY KEY, value BLOB, expiry INTEGER)");
      st.execute("REPLACE INTO meta(key, value) VALUES ('broker_version', '" + VERSION + "')");
      if (options.isIntegrityCheck()) {
        checkIntegrity(st);
      }
    }
    EntryTable out = read();
    loaded = readMark();
    conn.setAutoCommit(false);
    upsert = conn.prepareStatement("REPLACE INTO store(key, value, expiry) VALUES (?, ?, ?)");
    erase = conn.prepareStatement("DELETE FROM store WHERE key = ?");
    return out;
  }

  private ChannelMark readMark() throws SQLException {
    try (PreparedStatement q = conn.prepareStatement("SELECT value FROM meta WHERE key = ?")) {
      q.setString(1, MARK);
      try (ResultSet rows = q.executeQuery()) {
        return rows.next() ? ChannelMark.decode(rows.getString(1)) : null;
      }
    } catch (IllegalArgumentException e) {
      throw new SQLException("unreadable channel mark: " + e.getMessage(), e);
    }
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

  private void checkIntegrity(Statement st) throws SQLException {
    List<String> messages = new ArrayList<>();
    try (ResultSet rs = st.executeQuery("PRAGMA integrity_check")) {
      while (rs.next()) {
        messages.add(rs.getString(1));
      }
    }
    if (!messages.equals(List.of("ok"))) {
      throw new BrokerException(ErrorCode.CANNOT_OPEN_FILE, "integrity check failed: "
          + String.join("; ", messages.subList(0, Math.min(3, messages.size()))));
    }
  }

  /**
   * Reads the table in one pass of keys and values, then the few rows with an expiry (as Broker does): the
   * bulk pass fetches two columns per row, no more. A row that does not decode counts as a corrupt file.
   */
  private EntryTable read() throws SQLException {
    long rows;
    try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM store")) {
      rows = rs.next() ? rs.getLong(1) : 0;
    }
    EntryTable out = new EntryTable(rows);
    try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery("SELECT key, value FROM store")) {
      while (rs.next()) {
        out.put(decode(rs.getBytes(1)), new Entry(decode(rs.getBytes(2)), -1));
      }
    }
    try (Statement st = conn.createStatement();
        ResultSet rs = st.executeQuery("SELECT key, expiry FROM store WHERE expiry IS NOT NULL")) {
      while (rs.next()) {
        Data key = decode(rs.getBytes(1));
        long expiry = rs.getLong(2);
        Entry e = out.get(key);
        if (e != null) {
          out.put(key, new Entry(e.value(), expiry));
        }
      }
    }
    return out;
  }

  private static Data decode(byte[] b) {
    if (b == null) {
      throw new BrokerException(ErrorCode.CANNOT_OPEN_FILE, "a row holds a null key or value");
    }
    try {
      return BinaryFormat.decode(b, 0, b.length, LIMITS);
    } catch (RuntimeException e) {
      throw new BrokerException(ErrorCode.CANNOT_OPEN_FILE, "a row does not decode: " + e.getMessage());
    }
  }

  private void deleteFiles() {
    for (String suffix : List.of("", "-journal", "-wal", "-shm")) {
      try {
        Files.deleteIfExists(Path.of(path + suffix));
      } catch (IOException e) {
        throw new BrokerException(ErrorCode.CANNOT_OPEN_FILE, "cannot delete corrupt " + path + suffix + ": "
            + e.getMessage());
      }
    }
  }

  private void closeQuietly() {
    if (conn != null) {
      try {
        conn.close();
      } catch (SQLException e) {
        LOG.debug("closing " + path + ": " + e.getMessage());
      }
      conn = null;
    }
  }

  /** @return the value of {@code PRAGMA name} on this backend's connection (for tests and diagnostics) */
  Future<String> pragma(String name) {
    if (!name.matches("[a-z_]+")) {
      return Future.failedFuture(new IllegalArgumentException("not a pragma name: " + name));
    }
    return worker.executeBlocking(() -> {
      try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery("PRAGMA " + name)) {
        return rs.next() ? rs.getString(1) : null;
      }
    });
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
    Map<Data, Entry> changes = pending;
    pending = new LinkedHashMap<>();
    pendingClear = false;
    ChannelMark mark = pendingMark;
    pendingMark = null;
    return worker.executeBlocking(() -> {
      write(clear, changes, mark);
      return null;
    });
  }

  /** One transaction: the clear first, then every change in the order recorded, and the channel mark. */
  private void write(boolean clear, Map<Data, Entry> changes, ChannelMark mark) throws SQLException {
    if (conn == null) {
      throw new BrokerException(ErrorCode.BACKEND_FAILURE, "SQLite store " + path + " is not open");
    }
    try {
      if (clear) {
        try (Statement st = conn.createStatement()) {
          st.execute("DELETE FROM store");
        }
      }
      int upserts = 0;
      int erases = 0;
      for (Map.Entry<Data, Entry> e : changes.entrySet()) {
        byte[] key = bytes(e.getKey());
        Entry v = e.getValue();
        if (v == null) {
          erase.setBytes(1, key);
          erase.addBatch();
          erases++;
        } else {
          upsert.setBytes(1, key);
          upsert.setBytes(2, bytes(v.value()));
          if (v.expiresAt() < 0) {
            upsert.setNull(3, java.sql.Types.INTEGER);
          } else {
            upsert.setLong(3, v.expiresAt());
          }
          upsert.addBatch();
          upserts++;
        }
      }
      // A key is in the map once, so erases and upserts touch different keys: their relative order is free.
      if (erases > 0) {
        erase.executeBatch();
      }
      if (upserts > 0) {
        upsert.executeBatch();
      }
      if (mark != null) {
        try (PreparedStatement m = conn.prepareStatement("REPLACE INTO meta(key, value) VALUES (?, ?)")) {
          m.setString(1, MARK);
          m.setString(2, mark.encode());
          m.execute();
        }
      }
      conn.commit();
    } catch (SQLException | RuntimeException e) {
      upsert.clearBatch();
      erase.clearBatch();
      conn.rollback();
      throw e;
    }
  }

  private static byte[] bytes(Data d) {
    byte[] b = new byte[BinaryFormat.encodedSize(d)];
    BinaryFormat.encode(d, b, 0);
    return b;
  }

  @Override
  public Future<Void> close() {
    return worker.<Void>executeBlocking(() -> {
      closeQuietly();
      return null;
    }).eventually(() -> worker.close());
  }
}
