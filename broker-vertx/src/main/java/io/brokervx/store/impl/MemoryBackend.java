package io.brokervx.store.impl;

import io.brokervx.data.Data;
import io.vertx.core.Future;

/** Broker's memory backend: the master's in-memory entries are the store; nothing to persist. */
final class MemoryBackend implements Backend {
  @Override
  public Future<EntryTable> load() {
    return Future.succeededFuture(new EntryTable());
  }

  @Override
  public boolean persistent() {
    return false;
  }

  @Override
  public ChannelMark loadedMark() {
    return null;
  }

  @Override
  public void mark(ChannelMark mark) {
  }

  @Override
  public void put(Data key, Entry entry) {
  }

  @Override
  public void delete(Data key) {
  }

  @Override
  public void clear() {
  }

  @Override
  public boolean hasPending() {
    return false;
  }

  @Override
  public Future<Void> commit() {
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> close() {
    return Future.succeededFuture();
  }
}
