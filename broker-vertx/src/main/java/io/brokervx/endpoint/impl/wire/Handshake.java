package io.brokervx.endpoint.impl.wire;

import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Broker's handshake messages (phases 1 and 2): a length-prefixed frame whose body starts with the
 * {@code p2p_message_type} byte. Byte for byte as Broker 2.x writes them.
 */
public final class Handshake {
  /** {@code "ZEEK"}, the magic number of hello, probe, version_select and drop_conn. */
  public static final int MAGIC = 0x5A45454B;

  /** Message type bytes ({@code p2p_message_type}). */
  public static final int HELLO = 6;
  /** Probe: sent by the acceptor at once. */
  public static final int PROBE = 7;
  /** Version selection by the originator. */
  public static final int VERSION_SELECT = 8;
  /** Refusal with an error code. */
  public static final int DROP_CONN = 9;
  /** The originator's filter. */
  public static final int ORIGINATOR_SYN = 10;
  /** The responder's filter. */
  public static final int RESPONDER_SYN_ACK = 11;
  /** The originator's final acknowledgement. */
  public static final int ORIGINATOR_ACK = 12;

  private Handshake() {
  }

  /** A decoded handshake message. */
  public sealed interface Message permits Hello, Probe, VersionSelect, DropConn, OriginatorSyn, ResponderSynAck,
      OriginatorAck {
  }

  /** {@code hello}: who the sender is and which protocol versions it speaks. */
  public record Hello(int magic, UUID sender, int minVersion, int maxVersion) implements Message {
  }

  /** {@code probe}: the acceptor's first word. */
  public record Probe(int magic) implements Message {
  }

  /** {@code version_select}: the originator's choice of version. */
  public record VersionSelect(int magic, UUID sender, int version) implements Message {
  }

  /** {@code drop_conn}: a refusal with Broker's error code and a description. */
  public record DropConn(int magic, UUID sender, int code, String description) implements Message {
  }

  /** {@code originator_syn}: the originator's subscription filter. */
  public record OriginatorSyn(List<String> filter) implements Message {
  }

  /** {@code responder_syn_ack}: the responder's subscription filter. */
  public record ResponderSynAck(List<String> filter) implements Message {
  }

  /** {@code originator_ack}: the end of the handshake. */
  public record OriginatorAck() implements Message {
  }

  private static ByteWriter frame(int type) {
    return new ByteWriter(32).u32(0).u8(type);
  }

  private static Buffer close(ByteWriter w) {
    return w.u32At(0, w.length() - 4).toBuffer();
  }

  /** @return the complete frame (length prefix included) of {@code m} */
  public static Buffer encode(Message m) {
    if (m instanceof Hello h) {
      return close(frame(HELLO).u32(h.magic()).uuid(h.sender()).u8(h.minVersion()).u8(h.maxVersion()));
    }
    if (m instanceof Probe p) {
      return close(frame(PROBE).u32(p.magic()));
    }
    if (m instanceof VersionSelect v) {
      return close(frame(VERSION_SELECT).u32(v.magic()).uuid(v.sender()).u8(v.version()));
    }
    if (m instanceof DropConn d) {
      return close(frame(DROP_CONN).u32(d.magic()).uuid(d.sender()).u8(d.code()).string(d.description()));
    }
    if (m instanceof OriginatorSyn s) {
      return close(filter(frame(ORIGINATOR_SYN), s.filter()));
    }
    if (m instanceof ResponderSynAck s) {
      return close(filter(frame(RESPONDER_SYN_ACK), s.filter()));
    }
    return close(frame(ORIGINATOR_ACK));
  }

  /** Appends a filter: a varint count, then each topic as a varint length and UTF-8 bytes. */
  public static ByteWriter filter(ByteWriter w, List<String> topics) {
    w.varint(topics.size());
    for (String t : topics) {
      w.string(t);
    }
    return w;
  }

  /** @return the filter read from {@code r} */
  public static List<String> readFilter(ByteReader r) {
    int n = r.varint("filter size");
    if (n > r.remaining()) {
      throw new MalformedFrameException("filter of " + n + " topics in " + r.remaining() + " bytes");
    }
    List<String> topics = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      topics.add(r.string("filter topic"));
    }
    return topics;
  }

  /**
   * Decodes a handshake frame body ({@code a[from, to)}, the length prefix excluded).
   *
   * @return the message, or {@code null} when the type byte is not a handshake type
   * @throws MalformedFrameException when the body is too short or has bytes left over
   */
  public static Message decode(byte[] a, int from, int to) {
    ByteReader r = new ByteReader(a, from, to);
    int type = r.u8("message type");
    Message m = switch (type) {
      case HELLO -> new Hello(r.u32("magic"), r.uuid("sender id"), r.u8("min version"), r.u8("max version"));
      case PROBE -> new Probe(r.u32("magic"));
      case VERSION_SELECT -> new VersionSelect(r.u32("magic"), r.uuid("sender id"), r.u8("version"));
      case DROP_CONN -> new DropConn(r.u32("magic"), r.uuid("sender id"), r.u8("error code"), r.string("description"));
      case ORIGINATOR_SYN -> new OriginatorSyn(readFilter(r));
      case RESPONDER_SYN_ACK -> new ResponderSynAck(readFilter(r));
      case ORIGINATOR_ACK -> new OriginatorAck();
      default -> null;
    };
    if (m != null && r.remaining() != 0) {
      throw new MalformedFrameException(r.remaining() + " bytes left after a handshake message of type " + type);
    }
    return m;
  }
}
