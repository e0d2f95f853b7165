package io.brokervx.codec;

import io.brokervx.data.CountData;
import io.brokervx.data.Data;
import io.brokervx.data.StringData;
import io.brokervx.data.TimestampData;
import io.brokervx.data.VectorData;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A Zeek event in Broker's vector convention: {@code [1, 1, [name, [args…], [[key, value]…]?]]} — format
 * version 1, message type 1 (event), then the name, the arguments and optional metadata. Metadata key 1 is
 * the network timestamp and must hold a {@code timestamp}; keys from 200 up are free for users.
 *
 * <p>Immutable. {@link #toData()} and {@link #fromData(Data)} convert in both directions, byte-exact with
 * Zeek: an event without metadata has no third element; one read with an (even empty) metadata vector
 * writes it back.
 */
public final class ZeekEvent {
  /** The event format version, {@code ProtocolVersion} in Broker's {@code zeek.hh}. */
  public static final long PROTOCOL_VERSION = 1;
  /** The message type of an event. */
  public static final long MESSAGE_TYPE_EVENT = 1;
  /** The metadata key of the network timestamp. */
  public static final long NETWORK_TIMESTAMP = 1;

  /**
   * One metadata entry.
   *
   * @param key the key (1–199 reserved for Zeek)
   * @param value the value
   */
  public record Metadata(long key, Data value) {
    /** @throws NullPointerException when the value is null */
    public Metadata {
      Objects.requireNonNull(value, "metadata value");
    }
  }

  private final String name;
  private final List<Data> args;
  private final List<Metadata> metadata;

  private ZeekEvent(String name, List<Data> args, List<Metadata> metadata) {
    this.name = Objects.requireNonNull(name, "name");
    this.args = List.copyOf(args);
    this.metadata = metadata == null ? null : List.copyOf(metadata);
  }

  /** @return the event {@code name(args…)} without metadata */
  public static ZeekEvent of(String name, Data... args) {
    return new ZeekEvent(name, List.of(args), null);
  }

  /** @return the event {@code name(args…)} without metadata */
  public static ZeekEvent of(String name, List<? extends Data> args) {
    return new ZeekEvent(name, List.copyOf(args), null);
  }

  /** @return this event with the metadata entry {@code key → value} added */
  public ZeekEvent withMetadata(long key, Data value) {
    if (key == NETWORK_TIMESTAMP && !(value instanceof TimestampData)) {
      throw new IllegalArgumentException("the network timestamp (metadata key 1) must be a timestamp");
    }
    List<Metadata> m = metadata == null ? new ArrayList<>() : new ArrayList<>(metadata);
    m.add(new Metadata(key, value));
    return new ZeekEvent(name, args, m);
  }

  /** @return this event carrying the network timestamp {@code nanos} (ns since the epoch) */
  public ZeekEvent withNetworkTimestamp(long nanos) {
    return withMetadata(NETWORK_TIMESTAMP, Data.timestamp(nanos));
  }

  /** @return the event name, e.g. {@code Cluster::hello} */
  public String name() {
    return name;
  }

  /** @return the arguments, in order (Zeek records are vectors, one slot per field) */
  public List<Data> args() {
    return args;
  }

  /** @return the metadata entries, empty when there are none */
  public List<Metadata> metadata() {
    return metadata == null ? List.of() : metadata;
  }

  /** @return the network timestamp (metadata key 1), if present */
  public Optional<TimestampData> networkTimestamp() {
    for (Metadata m : metadata()) {
      if (m.key() == NETWORK_TIMESTAMP) {
        return Optional.of((TimestampData) m.value());
      }
    }
    return Optional.empty();
  }

  /** @return the Broker vector that carries this event */
  public VectorData toData() {
    Data[] body = new Data[metadata == null ? 2 : 3];
    body[0] = Data.string(name);
    body[1] = VectorData.wrap(args.toArray(new Data[0]));
    if (metadata != null) {
      Data[] entries = new Data[metadata.size()];
      for (int i = 0; i < entries.length; i++) {
        Metadata m = metadata.get(i);
        entries[i] = Data.vector(Data.count(m.key()), m.value());
      }
      body[2] = VectorData.wrap(entries);
    }
    return VectorData.wrap(new Data[] {Data.count(PROTOCOL_VERSION), Data.count(MESSAGE_TYPE_EVENT),
        VectorData.wrap(body)});
  }

  /** @return whether {@code data} has the shape of a Zeek event */
  public static boolean isEvent(Data data) {
    try {
      fromData(data);
      return true;
    } catch (DecodeException e) {
      return false;
    }
  }

  /**
   * Reads an event from its Broker vector.
   *
   * @throws DecodeException ({@link DecodeException.Kind#INVALID_VALUE}, with the path of the offending
   *     element) when {@code data} is not a Zeek event
   */
  public static ZeekEvent fromData(Data data) {
    VectorData outer = vector(data, "$", 3, 3);
    expectCount(outer.get(0), "$[0]", PROTOCOL_VERSION, "format version");
    expectCount(outer.get(1), "$[1]", MESSAGE_TYPE_EVENT, "message type (1 = event)");
    VectorData body = vector(outer.get(2), "$[2]", 2, 3);
    if (!(body.get(0) instanceof StringData eventName)) {
      throw invalid("$[2][0]", "the event name must be a string, found " + body.get(0).type());
    }
    List<Data> args = vector(body.get(1), "$[2][1]", 0, Integer.MAX_VALUE).elements();
    List<Metadata> meta = null;
    if (body.size() == 3) {
      VectorData entries = vector(body.get(2), "$[2][2]", 0, Integer.MAX_VALUE);
      meta = new ArrayList<>(entries.size());
      for (int i = 0; i < entries.size(); i++) {
        String path = "$[2][2][" + i + "]";
        VectorData entry = vector(entries.get(i), path, 2, 2);
        if (!(entry.get(0) instanceof CountData key)) {
          throw invalid(path + "[0]", "a metadata key must be a count, found " + entry.get(0).type());
        }
        if (key.bits() == NETWORK_TIMESTAMP && !(entry.get(1) instanceof TimestampData)) {
          throw invalid(path + "[1]", "the network timestamp must be a timestamp, found " + entry.get(1).type());
        }
        meta.add(new Metadata(key.bits(), entry.get(1)));
      }
    }
    return new ZeekEvent(eventName.value(), args, meta);
  }

  private static VectorData vector(Data d, String path, int min, int max) {
    if (!(d instanceof VectorData v)) {
      throw invalid(path, "expected a vector, found " + d.type());
    }
    if (v.size() < min || v.size() > max) {
      throw invalid(path, "expected " + (min == max ? "" + min : min + ".." + max) + " elements, found " + v.size());
    }
    return v;
  }

  private static void expectCount(Data d, String path, long expected, String what) {
    if (!(d instanceof CountData c) || c.bits() != expected) {
      throw invalid(path, what + " must be count " + expected + ", found " + d);
    }
  }

  private static DecodeException invalid(String path, String what) {
    return DecodeException.atPath(DecodeException.Kind.INVALID_VALUE, path, what);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ZeekEvent e && name.equals(e.name) && args.equals(e.args)
        && Objects.equals(metadata, e.metadata);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, args, metadata);
  }

  /** @return {@code name(arg, …)} with metadata, if any, after it */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(name).append('(');
    for (int i = 0; i < args.size(); i++) {
      sb.append(i == 0 ? "" : ", ").append(args.get(i));
    }
    sb.append(')');
    if (metadata != null && !metadata.isEmpty()) {
      sb.append(' ').append(metadata);
    }
    return sb.toString();
  }
}
