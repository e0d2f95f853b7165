package io.brokervx.endpoint.impl;

import io.brokervx.endpoint.impl.wire.ByteReader;
import io.brokervx.endpoint.impl.wire.ByteWriter;
import io.brokervx.endpoint.impl.wire.Handshake;
import io.brokervx.endpoint.impl.wire.MalformedFrameException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * One endpoint's link-state advertisement: its direct peers, whether it relays, and what it wants to
 * receive. Flooded through the network; the one with the highest sequence number wins.
 *
 * @param origin the endpoint described
 * @param seq its version (grows across restarts: it starts from the wall clock)
 * @param forwarding whether the endpoint relays others' messages
 * @param neighbors its directly peered routing endpoints
 * @param filter the topic prefixes it wants (its own subscriptions and those of its Broker peers)
 */
record LinkStateAd(UUID origin, long seq, boolean forwarding, List<UUID> neighbors, List<String> filter) {

  /** Encodes this advertisement as a link-state payload. */
  byte[] encode() {
    ByteWriter w = new ByteWriter(64 + 16 * neighbors.size()).uuid(origin).u64(seq).u8(forwarding ? 1 : 0)
        .varint(neighbors.size());
    for (UUID n : neighbors) {
      w.uuid(n);
    }
    return Handshake.filter(w, filter).toByteArray();
  }

  /** Decodes a link-state payload. @throws MalformedFrameException when it is not one */
  static LinkStateAd decode(byte[] a, int from, int to) {
    ByteReader r = new ByteReader(a, from, to);
    UUID origin = r.uuid("lsa origin");
    long seq = r.u64("lsa seq");
    boolean forwarding = (r.u8("lsa flags") & 1) != 0;
    int n = r.varint("lsa neighbors");
    if (n * 16L > r.remaining()) {
      throw new MalformedFrameException("lsa claims " + n + " neighbors in " + r.remaining() + " bytes");
    }
    List<UUID> neighbors = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      neighbors.add(r.uuid("lsa neighbor"));
    }
    List<String> filter = Handshake.readFilter(r);
    if (r.remaining() != 0) {
      throw new MalformedFrameException("bytes left after an lsa");
    }
    return new LinkStateAd(origin, seq, forwarding, List.copyOf(neighbors), List.copyOf(filter));
  }
}
