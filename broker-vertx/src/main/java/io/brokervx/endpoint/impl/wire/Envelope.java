package io.brokervx.endpoint.impl.wire;

import java.util.UUID;

/**
 * A phase-3 message. Two encodings share this view:
 * <ul>
 *   <li>version 1, Broker's: {@code sender:16 receiver:16 type:u8 ttl:u16 topic_len:u16 topic payload} (the
 *       sender is the last hop; Broker never decrements the ttl);</li>
 *   <li>version 2, broker-vertx routing: {@code type:u8 ttl:u8 origin:16 receiver:16 seq:u64 topic_len:u16
 *       topic payload}: the origin and its per-origin sequence number identify a message network-wide, so
 *       it is delivered once, and the ttl counts down the hops left.</li>
 * </ul>
 * The payload is a window of the frame's array, valid only while the frame is being handled.
 *
 * @param type {@link #DATA}, {@link #COMMAND}, {@link #ROUTING_UPDATE}, {@link #PING}, {@link #PONG} or
 *     {@link #LINK_STATE}
 * @param ttl the hops left
 * @param origin the publishing endpoint (v2) or the last hop (v1)
 * @param receiver the addressee, or {@code null} for everyone subscribed
 * @param seq the origin's sequence number (v2; 0 in v1)
 * @param topic the topic
 * @param array the frame's array
 * @param payloadFrom start of the payload in {@code array}
 * @param payloadTo end of the payload in {@code array}
 */
public record Envelope(int type, int ttl, UUID origin, UUID receiver, long seq, String topic, byte[] array,
    int payloadFrom, int payloadTo) {
  /** A published value. */
  public static final int DATA = 1;
  /** A data-store command. */
  public static final int COMMAND = 2;
  /** A Broker filter update (v1 only). */
  public static final int ROUTING_UPDATE = 3;
  /** A ping; the peer answers with a pong carrying the same payload. */
  public static final int PING = 4;
  /** The answer to a ping. */
  public static final int PONG = 5;
  /** A link-state advertisement (v2 only). */
  public static final int LINK_STATE = 16;
  /**
   * A value that entered the routed network through a Broker peer (v2 only): its {@code origin} is the root
   * of its delivery tree (the Broker endpoint that published it, or the routing endpoint a Broker endpoint
   * relayed it for), its {@code receiver} field names the endpoint that injected it, whose sequence number
   * it carries.
   */
  public static final int DATA_VIA = 17;
  /** A command that entered the routed network through a Broker peer (v2 only), framed as {@link #DATA_VIA}. */
  public static final int COMMAND_VIA = 18;
  /** The ttl Broker writes (and never changes). */
  public static final int BROKER_TTL = 16;

  /** Topic of control messages ({@code <$>}). */
  public static final String CONTROL_TOPIC = "<$>";

  private static final UUID NIL = new UUID(0, 0);

  /** Fixed part of a v2 envelope: type, ttl, origin, receiver, seq, topic length. */
  public static final int V2_HEADER = 1 + 1 + 16 + 16 + 8 + 2;
  /** Fixed part of a v1 envelope: sender, receiver, type, ttl, topic length. */
  public static final int V1_HEADER = 16 + 16 + 1 + 2 + 2;

  /** @return the payload length */
  public int payloadLength() {
    return payloadTo - payloadFrom;
  }

  /** Reads a version-2 envelope from {@code a[from, to)} (the frame body). */
  public static Envelope decodeV2(byte[] a, int from, int to) {
    return new EnvelopeReader().v2(a, from, to);
  }

  /** Reads a version-1 (Broker) envelope from {@code a[from, to)} (the frame body). */
  public static Envelope decodeV1(byte[] a, int from, int to) {
    return new EnvelopeReader().v1(a, from, to);
  }

  /**
   * Writes the frame (length prefix included) of a version-2 envelope whose payload is
   * {@code payload[from, to)}.
   */
  public static ByteWriter encodeV2(int type, int ttl, UUID origin, UUID receiver, long seq, byte[] topicUtf8,
      byte[] payload, int from, int to) {
    ByteWriter w = new ByteWriter(4 + V2_HEADER + topicUtf8.length + (to - from));
    w.u32(V2_HEADER + topicUtf8.length + (to - from)).u8(type).u8(ttl).uuid(origin)
        .uuid(receiver == null ? NIL : receiver).u64(seq).u16(topicUtf8.length).bytes(topicUtf8, 0, topicUtf8.length);
    return w.bytes(payload, from, to);
  }

  /**
   * Writes the frame of a version-2 envelope whose payload is the binary v1 encoding of {@code data},
   * encoded straight into the frame (one pass over the value, no intermediate copy).
   */
  public static ByteWriter encodeV2(int type, int ttl, UUID origin, UUID receiver, long seq, byte[] topicUtf8,
      io.brokervx.data.Data data) {
    int size = io.brokervx.codec.BinaryFormat.encodedSize(data);
    ByteWriter w = new ByteWriter(4 + V2_HEADER + topicUtf8.length + size);
    w.u32(V2_HEADER + topicUtf8.length + size).u8(type).u8(ttl).uuid(origin)
        .uuid(receiver == null ? NIL : receiver).u64(seq).u16(topicUtf8.length).bytes(topicUtf8, 0, topicUtf8.length);
    return w.data(data, size);
  }

  /** Writes the frame (length prefix included) of a version-1 envelope with payload {@code payload[from, to)}. */
  public static ByteWriter encodeV1(int type, UUID sender, UUID receiver, byte[] topicUtf8, byte[] payload, int from,
      int to) {
    return encodeV1(type, BROKER_TTL, sender, receiver, topicUtf8, payload, from, to);
  }

  /** As {@link #encodeV1(int, UUID, UUID, byte[], byte[], int, int)} with the given ttl field. */
  public static ByteWriter encodeV1(int type, int ttl, UUID sender, UUID receiver, byte[] topicUtf8, byte[] payload,
      int from, int to) {
    ByteWriter w = new ByteWriter(4 + V1_HEADER + topicUtf8.length + (to - from));
    w.u32(V1_HEADER + topicUtf8.length + (to - from)).uuid(sender).uuid(receiver == null ? NIL : receiver).u8(type)
        .u16(ttl).u16(topicUtf8.length).bytes(topicUtf8, 0, topicUtf8.length);
    return w.bytes(payload, from, to);
  }
}
