package io.brokervx.endpoint.impl;

import io.brokervx.codec.BinaryFormat;
import io.brokervx.codec.DecodeException;
import io.brokervx.codec.DecodeLimits;
import io.brokervx.data.Data;
import io.brokervx.endpoint.impl.wire.ByteWriter;
import io.brokervx.endpoint.impl.wire.Envelope;
import io.vertx.core.buffer.Buffer;
import java.util.UUID;

/**
 * One message on its way out, framed lazily and at most once per form: a publication is encoded once into
 * its version-2 frame, and Broker (version 1) peers get frames built around the same payload bytes. The only
 * place that knows how a message looks in each protocol version.
 */
final class Outbound {
  private static final DecodeLimits LIMITS = new DecodeLimits();

  private final int type;
  private final int ttl;
  private final UUID origin;
  private final UUID receiver;
  private final long seq;
  private final String topic;
  private final byte[] topicUtf8;
  private final UUID localId;
  private Data data;
  private byte[] payload;
  private int from;
  private int to;
  private Buffer v2;
  private Buffer v1;
  private Boolean decodes;

  private Outbound(int type, int ttl, UUID origin, UUID receiver, long seq, String topic, byte[] topicUtf8,
      UUID localId) {
    this.type = type;
    this.ttl = ttl;
    this.origin = origin;
    this.receiver = receiver;
    this.seq = seq;
    this.topic = topic;
    this.topicUtf8 = topicUtf8;
    this.localId = localId;
  }

  /** A value published here, encoded on first use. */
  static Outbound publication(int ttl, UUID localId, long seq, String topic, byte[] topicUtf8, Data data) {
    Outbound m = new Outbound(Envelope.DATA, ttl, localId, null, seq, topic, topicUtf8, localId);
    m.data = data;
    return m;
  }

  /** A command sent from here, its payload already encoded by its sender. */
  static Outbound command(int ttl, UUID localId, UUID receiver, long seq, String topic, byte[] topicUtf8,
      byte[] payload) {
    Outbound m = new Outbound(Envelope.COMMAND, ttl, localId, receiver, seq, topic, topicUtf8, localId);
    m.payload = payload;
    m.to = payload.length;
    return m;
  }

  /** A received message one hop further: the same payload bytes, the ttl counted down. */
  static Outbound relay(Envelope e, UUID localId) {
    return withPayload(new Outbound(e.type(), e.ttl() - 1, e.origin(), e.receiver(), e.seq(), e.topic(),
        utf8(e.topic()), localId), e);
  }

  /**
   * A value received from a Broker peer, injected into the routed network here: it travels down the tree
   * of {@code root} under this endpoint's sequence number.
   */
  static Outbound injected(Envelope e, int ttl, UUID root, UUID localId, long seq) {
    int type = e.type() == Envelope.COMMAND ? Envelope.COMMAND_VIA : Envelope.DATA_VIA;
    return withPayload(new Outbound(type, ttl, root, localId, seq, e.topic(), utf8(e.topic()), localId), e);
  }

  private static Outbound withPayload(Outbound m, Envelope e) {
    m.payload = e.array();
    m.from = e.payloadFrom();
    m.to = e.payloadTo();
    return m;
  }

  private static byte[] utf8(String topic) {
    return topic.getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  String topic() {
    return topic;
  }

  /** @return the root of the message's delivery tree */
  UUID root() {
    return origin;
  }

  /** @return whether this is a data-store command (never dropped by a peer buffer) */
  boolean isCommand() {
    return type == Envelope.COMMAND || type == Envelope.COMMAND_VIA;
  }

  /** @return the frame for a routing (version 2) peer */
  Buffer routed() {
    if (v2 == null) {
      ByteWriter w;
      if (payload == null) {
        w = Envelope.encodeV2(type, ttl, origin, receiver, seq, topicUtf8, data);
        payload = w.array();
        from = 4 + Envelope.V2_HEADER + topicUtf8.length;
        to = w.length();
      } else {
        w = Envelope.encodeV2(type, ttl, origin, receiver, seq, topicUtf8, payload, from, to);
      }
      v2 = w.toBuffer();
    }
    return v2;
  }

  /**
   * @return whether a Broker peer may be sent this: commands (a store's own encoding) and values encoded here
   *     always; a value relayed from a peer only if its payload decodes (Broker drops a peering that sends
   *     one that does not), checked once
   */
  boolean fitForBroker() {
    if (decodes == null) {
      decodes = isCommand() || data != null || decodesAsData();
    }
    return decodes;
  }

  private boolean decodesAsData() {
    try {
      BinaryFormat.decode(payload, from, to, LIMITS);
      return true;
    } catch (DecodeException e) {
      return false;
    }
  }

  /** @return the frame for a Broker (version 1) peer: a value as Broker publishes it, a command as addressed */
  Buffer forBroker() {
    if (v1 == null) {
      if (payload == null) {
        routed();
      }
      boolean addressed = type == Envelope.COMMAND;
      v1 = Envelope.encodeV1(isCommand() ? Envelope.COMMAND : Envelope.DATA, localId, addressed ? receiver : null,
          topicUtf8, payload, from, to).toBuffer();
    }
    return v1;
  }
}
