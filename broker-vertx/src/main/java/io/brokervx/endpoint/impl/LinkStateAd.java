package io.brokervx.endpoint.impl;

import io.brokervx.endpoint.impl.wire.ByteReader;
import io.brokervx.endpoint.impl.wire.ByteWriter;
import io.brokervx.endpoint.impl.wire.Handshake;
import io.brokervx.endpoint.impl.wire.MalformedFrameException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * One endpoint's link-state advertisement: its direct routing peers, its direct Broker (protocol version 1)
 * peers with the topics each subscribes to, whether it relays, and what it wants to receive itself. Flooded
 * through the network; a newer one replaces an older one within bounds (see {@link #supersedes}).
 *
 * @param origin the endpoint described
 * @param incarnation when the endpoint started (milliseconds since the epoch): a restart starts a new one
 * @param seq its version within the incarnation
 * @param forwarding whether the endpoint relays others' messages
 * @param neighbors its directly peered routing endpoints
 * @param filter the topic prefixes it wants (its own subscriptions and command topics)
 * @param brokerPeers its directly peered Broker endpoints
 */
record LinkStateAd(UUID origin, long incarnation, long seq, boolean forwarding, List<UUID> neighbors,
    List<String> filter, List<BrokerPeer> brokerPeers) {
  /** How far a sequence number may jump ahead of the known one within an incarnation. */
  static final long SEQ_WINDOW = 1 << 20;
  /** How far in the future (by the receiver's clock) a new incarnation may start. */
  static final long MAX_CLOCK_SKEW_MS = 10 * 60 * 1000L;

  /**
   * @return whether this advertisement replaces {@code known} (null: none known), at wall-clock time
   *     {@code nowMs}: a later sequence number of the same incarnation, at most {@link #SEQ_WINDOW} ahead, or a
   *     later incarnation that does not start in the future. Anything else, forged numbers included, is
   *     refused, so one message cannot win for ever.
   */
  boolean supersedes(LinkStateAd known, long nowMs) {
    if (incarnation > nowMs + MAX_CLOCK_SKEW_MS) {
      return false;
    }
    if (known == null || incarnation > known.incarnation) {
      return true;
    }
    return incarnation == known.incarnation && seq > known.seq && seq - known.seq <= SEQ_WINDOW;
  }

  /** @return whether this advertisement is older than {@code other} (the sender should get the newer one) */
  boolean olderThan(LinkStateAd other) {
    return incarnation < other.incarnation || (incarnation == other.incarnation && seq < other.seq);
  }


  /**
   * A Broker endpoint peered with the advertising endpoint.
   *
   * @param id its id
   * @param filter the topics it subscribes to, as it told its peer
   */
  record BrokerPeer(UUID id, List<String> filter) {
  }

  /** Encodes this advertisement as a link-state payload. */
  byte[] encode() {
    ByteWriter w = new ByteWriter(72 + 16 * neighbors.size() + 48 * brokerPeers.size()).uuid(origin)
        .u64(incarnation).u64(seq)
        .u8(forwarding ? 1 : 0).varint(neighbors.size());
    for (UUID n : neighbors) {
      w.uuid(n);
    }
    Handshake.filter(w, filter).varint(brokerPeers.size());
    for (BrokerPeer b : brokerPeers) {
      Handshake.filter(w.uuid(b.id()), b.filter());
    }
    return w.toByteArray();
  }

  /** Decodes a link-state payload. @throws MalformedFrameException when it is not one */
  static LinkStateAd decode(byte[] a, int from, int to) {
    ByteReader r = new ByteReader(a, from, to);
    UUID origin = r.uuid("lsa origin");
    long incarnation = r.u64("lsa incarnation");
    long seq = r.u64("lsa seq");
    boolean forwarding = (r.u8("lsa flags") & 1) != 0;
    List<UUID> neighbors = new ArrayList<>();
    for (int i = count(r, "neighbors", 16); i > 0; i--) {
      neighbors.add(r.uuid("lsa neighbor"));
    }
    List<String> filter = Handshake.readFilter(r);
    List<BrokerPeer> brokerPeers = new ArrayList<>();
    for (int i = count(r, "Broker peers", 17); i > 0; i--) {
      brokerPeers.add(new BrokerPeer(r.uuid("lsa Broker peer"), List.copyOf(Handshake.readFilter(r))));
    }
    if (r.remaining() != 0) {
      throw new MalformedFrameException("bytes left after an lsa");
    }
    return new LinkStateAd(origin, incarnation, seq, forwarding, List.copyOf(neighbors), List.copyOf(filter),
        List.copyOf(brokerPeers));
  }

  private static int count(ByteReader r, String what, int minBytesEach) {
    int n = r.varint("lsa " + what);
    if ((long) n * minBytesEach > r.remaining()) {
      throw new MalformedFrameException("lsa claims " + n + " " + what + " in " + r.remaining() + " bytes");
    }
    return n;
  }
}
