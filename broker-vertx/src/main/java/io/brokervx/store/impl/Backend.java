package io.brokervx.store.impl;

import io.brokervx.data.Data;
import io.vertx.core.Future;
import io.brokervx.store.impl.protocol.EntityId;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Where a master keeps its entries. The master holds every entry in memory and tells the backend each
 * change; {@link #commit()} makes the changes since the previous commit durable as one transaction.
 * Calls come from the master's context, one commit at a time.
 */
interface Backend {
  /**
   * @return every stored entry (expiries included) in the table the master then serves from, read once when
   *     the master starts (off the event loop for a persistent backend)
   */
  Future<EntryTable> load();

  /**
   * Where a master's channel to its clones stood at a commit: its entity's object id and the last event
   * number, persisted with the entries so that a restarted master continues the same channel (our
   * extension; see {@code ChannelProducer#resumeAt}).
   *
   * @param objectId the master entity's object id
   * @param seq the last event number once the commit's changes are broadcast
   * @param writers for each writer channel, the last write whose change the commit holds
   */
  record ChannelMark(long objectId, long seq, Map<EntityId, Long> writers) {
    /** Copies the writers. */
    public ChannelMark {
      writers = Map.copyOf(writers);
    }

    /** @return the mark as text: {@code "<object id> <seq>( <endpoint>:<object id>:<seq>)*"} */
    String encode() {
      StringBuilder b = new StringBuilder(Long.toUnsignedString(objectId)).append(' ').append(Long.toUnsignedString(seq));
      writers.forEach((w, n) -> b.append(' ').append(w.endpoint()).append(':').append(Long.toUnsignedString(w.object()))
          .append(':').append(Long.toUnsignedString(n)));
      return b.toString();
    }

    /** @return the mark written by {@link #encode()} @throws IllegalArgumentException when it is not one */
    static ChannelMark decode(String text) {
      String[] parts = text.trim().split(" ");
      Map<EntityId, Long> writers = new HashMap<>();
      for (int i = 2; i < parts.length; i++) {
        String[] w = parts[i].split(":");
        writers.put(new EntityId(UUID.fromString(w[0]), Long.parseUnsignedLong(w[1])), Long.parseUnsignedLong(w[2]));
      }
      return new ChannelMark(Long.parseUnsignedLong(parts[0]), Long.parseUnsignedLong(parts[1]), writers);
    }
  }

  /** @return whether changes survive the master (the channel mark too) */
  boolean persistent();

  /** @return the channel mark {@link #load()} found, or null */
  ChannelMark loadedMark();

  /** Records {@code mark}, to be persisted with the next commit (nothing when not persistent). */
  void mark(ChannelMark mark);

  /** Records that {@code key} now holds {@code entry}. */
  void put(Data key, Entry entry);

  /** Records that {@code key} is gone. */
  void delete(Data key);

  /** Records that every key is gone. */
  void clear();

  /** @return whether changes are waiting for a commit */
  boolean hasPending();

  /** @return a future completed once the recorded changes are durable */
  Future<Void> commit();

  /** Releases files and connections. */
  Future<Void> close();
}
