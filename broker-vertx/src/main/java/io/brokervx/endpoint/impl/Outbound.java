package io.brokervx.endpoint.impl;

import io.brokervx.data.Data;
import io.brokervx.endpoint.impl.wire.ByteWriter;
import io.brokervx.endpoint.impl.wire.Envelope;
import io.vertx.core.buffer.Buffer;
import java.util.UUID;

/**
 * One message on its way out, framed lazily and at most once per protocol version: a publication is
 * encoded once into its version-2 frame, and a Broker (version 1) peer gets a frame built around the same
 * payload bytes. The only place that knows how a message looks in each protocol version.
 */
final class Outbound {
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
  static Outbound relay(Envelope e, byte[] topicUtf8, UUID localId) {
    Outbound m = new Outbound(e.type(), e.ttl() - 1, e.origin(), e.receiver(), e.seq(), e.topic(), topicUtf8, localId);
    m.payload = e.array();
    m.from = e.payloadFrom();
    m.to = e.payloadTo();
    return m;
  }

  /** A payload received from a Broker peer, re-originated here with a sequence number of this endpoint. */
  static Outbound fromBroker(Envelope e, int ttl, UUID localId, long seq, byte[] topicUtf8) {
    Outbound m = new Outbound(e.type(), ttl, localId, null, seq, e.topic(), topicUtf8, localId);
    m.payload = e.array();
    m.from = e.payloadFrom();
    m.to = e.payloadTo();
    return m;
  }

  String topic() {
    return topic;
  }

  /** @return whether this is a data-store command (never dropped by a peer buffer) */
  boolean isCommand() {
    return type == Envelope.COMMAND;
  }

  /** @return the frame for a peer speaking {@code version} */
  Buffer frame(int version) {
    return version == 1 ? v1() : v2();
  }

  private Buffer v2() {
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

  private Buffer v1() {
    if (v1 == null) {
      if (payload == null) {
        v2();
      }
      v1 = Envelope.encodeV1(type, localId, receiver, topicUtf8, payload, from, to).toBuffer();
    }
    return v1;
  }
}
