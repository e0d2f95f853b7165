package io.brokervx.store;

import io.brokervx.config.StrictJson;
import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Objects;

/**
 * Options of the SQLite backend, named as Broker's {@code backend_options} (reference §3.2). JSON form, every
 * key optional: {@code {"synchronous": "FULL", "journal_mode": "DELETE", "failure_mode": "FAIL",
 * "integrity_check": false}}. Enum values are accepted bare ({@code "wal"}, any case) or as Zeek spells them
 * ({@code "Broker::SQLITE_JOURNAL_MODE_WAL"}). The defaults are Broker's: SQLite's own defaults
 * ({@code synchronous=FULL}, rollback journal), so an acknowledged write survives a power loss.
 */
@DataObject
public class SqliteOptions {
  /** SQLite's {@code PRAGMA synchronous}: how often the file is synced to disk. */
  public enum Synchronous {
    /** No syncs: fastest; a power loss may lose or corrupt data. */
    OFF,
    /** Syncs at critical moments only; with WAL a power loss may lose the last commits (not durable). */
    NORMAL,
    /** Syncs every commit (SQLite's and Broker's default): a committed write survives a power loss. */
    FULL,
    /** As FULL, and also syncs the directory after a rollback journal is deleted. */
    EXTRA
  }

  /** SQLite's {@code PRAGMA journal_mode}. */
  public enum JournalMode {
    /** Rollback journal, deleted after each transaction (SQLite's and Broker's default). */
    DELETE,
    /** Write-ahead log: readers do not block the writer, fewer syncs per commit. */
    WAL
  }

  /** What opening a file that fails (unreadable, corrupt, failed integrity check) does. */
  public enum FailureMode {
    /** The store fails to open (Broker's default). */
    FAIL,
    /** The file is deleted and the store starts empty. */
    DELETE
  }

  private static final List<String> KEYS = List.of("synchronous", "journal_mode", "failure_mode", "integrity_check");

  private Synchronous synchronous = Synchronous.FULL;
  private JournalMode journalMode = JournalMode.DELETE;
  private FailureMode failureMode = FailureMode.FAIL;
  private boolean integrityCheck;

  /** Creates Broker's defaults: FULL, DELETE journal, FAIL, no integrity check. */
  public SqliteOptions() {
  }

  /** Creates a copy of {@code other}. */
  public SqliteOptions(SqliteOptions other) {
    this(other.toJson());
  }

  /** Creates options from JSON. @throws IllegalArgumentException for a bad or unknown key */
  public SqliteOptions(JsonObject json) {
    StrictJson j = StrictJson.of(json, "sqlite option").only(KEYS);
    synchronous = j.value("synchronous", synchronous, s -> parse(Synchronous.class, "SQLITE_SYNCHRONOUS_", s));
    journalMode = j.value("journal_mode", journalMode, s -> parse(JournalMode.class, "SQLITE_JOURNAL_MODE_", s));
    failureMode = j.value("failure_mode", failureMode, s -> parse(FailureMode.class, "SQLITE_FAILURE_MODE_", s));
    integrityCheck = j.bool("integrity_check", integrityCheck);
  }

  private static <E extends Enum<E>> E parse(Class<E> type, String zeekPrefix, String text) {
    String name = text.startsWith("Broker::" + zeekPrefix) ? text.substring(("Broker::" + zeekPrefix).length()) : text;
    for (E e : type.getEnumConstants()) {
      if (e.name().equalsIgnoreCase(name)) {
        return e;
      }
    }
    throw new IllegalArgumentException("\"" + text + "\" is none of " + List.of(type.getEnumConstants()));
  }

  /** @return these options as JSON */
  public JsonObject toJson() {
    return new JsonObject().put("synchronous", synchronous.name()).put("journal_mode", journalMode.name())
        .put("failure_mode", failureMode.name()).put("integrity_check", integrityCheck);
  }

  /** @return the {@code synchronous} pragma */
  public Synchronous getSynchronous() {
    return synchronous;
  }

  /** Sets the {@code synchronous} pragma. */
  public SqliteOptions setSynchronous(Synchronous synchronous) {
    this.synchronous = Objects.requireNonNull(synchronous);
    return this;
  }

  /** @return the journal mode */
  public JournalMode getJournalMode() {
    return journalMode;
  }

  /** Sets the journal mode. */
  public SqliteOptions setJournalMode(JournalMode journalMode) {
    this.journalMode = Objects.requireNonNull(journalMode);
    return this;
  }

  /** @return what a failure to open the file does */
  public FailureMode getFailureMode() {
    return failureMode;
  }

  /** Sets what a failure to open the file does. */
  public SqliteOptions setFailureMode(FailureMode failureMode) {
    this.failureMode = Objects.requireNonNull(failureMode);
    return this;
  }

  /** @return whether {@code PRAGMA integrity_check} runs at open (it reads the whole file) */
  public boolean isIntegrityCheck() {
    return integrityCheck;
  }

  /** Sets whether {@code PRAGMA integrity_check} runs at open; a failed check counts as a failure to open. */
  public SqliteOptions setIntegrityCheck(boolean integrityCheck) {
    this.integrityCheck = integrityCheck;
    return this;
  }

  @Override
  public String toString() {
    return toJson().encode();
  }
}
