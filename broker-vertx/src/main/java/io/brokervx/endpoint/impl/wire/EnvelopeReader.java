package io.brokervx.endpoint.impl.wire;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.UUID;

/**
 * Decodes the envelopes of one connection, reusing the topic string and the ids of the previous envelope when
 * they repeat (on a busy link they almost always do), so that a frame costs no string decoding and no id
 * objects. Use from one thread (the connection's context).
 */
public final class EnvelopeReader {
  private static final int MAX_CACHED_TOPIC = 256;

  private byte[] topicBytes = new byte[0];
  private String topic;
  private final UUID[] ids = new UUID[2];

  /** Reads a version-2 (routed) envelope from {@code a[from, to)} (the frame body). */
  public Envelope v2(byte[] a, int from, int to) {
    ByteReader r = new ByteReader(a, from, to);
    int type = r.u8("envelope type");
    int ttl = r.u8("ttl");
    UUID origin = id(r, 0, "origin");
    UUID receiver = id(r, 1, "receiver");
    long seq = r.u64("sequence number");
    String t = topic(r);
    return new Envelope(type, ttl, origin, nilToNull(receiver), seq, t, a, r.position(), to);
  }

  /** Reads a version-1 (Broker) envelope from {@code a[from, to)} (the frame body). */
  public Envelope v1(byte[] a, int from, int to) {
    ByteReader r = new ByteReader(a, from, to);
    UUID sender = id(r, 0, "sender");
    UUID receiver = id(r, 1, "receiver");
    int type = r.u8("envelope type");
    int ttl = r.u16("ttl");
    String t = topic(r);
    return new Envelope(type, ttl, sender, nilToNull(receiver), 0, t, a, r.position(), to);
  }

  private static UUID nilToNull(UUID id) {
    return id.getMostSignificantBits() == 0 && id.getLeastSignificantBits() == 0 ? null : id;
  }

  private UUID id(ByteReader r, int slot, String what) {
    long msb = r.u64(what);
    long lsb = r.u64(what);
    UUID last = ids[slot];
    if (last == null || last.getMostSignificantBits() != msb || last.getLeastSignificantBits() != lsb) {
      last = new UUID(msb, lsb);
      ids[slot] = last;
    }
    return last;
  }

  private String topic(ByteReader r) {
    int n = r.u16("topic length");
    int at = r.position();
    r.skip(n, "topic");
    byte[] a = r.array();
    if (topic != null && Arrays.equals(a, at, at + n, topicBytes, 0, topicBytes.length)) {
      return topic;
    }
    String t = new String(a, at, n, StandardCharsets.UTF_8);
    if (n <= MAX_CACHED_TOPIC) {
      topicBytes = Arrays.copyOfRange(a, at, at + n);
      topic = t;
    }
    return t;
  }
}
