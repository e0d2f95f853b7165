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
 * through the network; the one with the highest sequence number wins.
 *
 * @param origin the endpoint described
 * @param seq its version (grows across restarts: it starts from the wall clock)
 * @param forwarding whether the endpoint relays others' messages
 * @param neighbors its directly peered routing endpoints
 * @param filter the topic prefixes it wants (its own subscriptions and command topics)
 * @param brokerPeers its directly peered Broker endpoints
 */
record LinkStateAd(UUID origin, long seq, boolean forwarding, List<UUID> neighbors, List<String> filter,
    List<BrokerPeer> brokerPeers) {

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
    ByteWriter w = new ByteWriter(64 + 16 * neighbors.size() + 48 * brokerPeers.size()).uuid(origin).u64(seq)
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
    return new LinkStateAd(origin, seq, forwarding, List.copyOf(neighbors), List.copyOf(filter),
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
