package io.brokervx.endpoint.impl;

import io.brokervx.data.Data;
import io.brokervx.endpoint.EndpointOptions;
import io.brokervx.endpoint.impl.wire.ByteReader;
import io.brokervx.endpoint.impl.wire.ByteWriter;
import io.brokervx.endpoint.impl.wire.Envelope;
import io.brokervx.endpoint.impl.wire.Handshake;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Serves Broker (protocol version 1) peers as leaves of the routed network: tells each the topics it may
 * send here (handshake filter and routing updates), learns theirs, sends them what matches, and passes on
 * what they publish as if it had been published here.
 */
final class BrokerGateway {
  private static final byte[] CONTROL_TOPIC = Envelope.CONTROL_TOPIC.getBytes(StandardCharsets.UTF_8);

  private final UUID id;
  private final EndpointOptions options;
  private final PeerTable peers;
  private final LinkStateRouter router;
  private final LocalDelivery local;
  private final Forwarder forwarder;

  BrokerGateway(UUID id, EndpointOptions options, PeerTable peers, LinkStateRouter router, LocalDelivery local,
      Forwarder forwarder) {
    this.id = id;
    this.options = options;
    this.peers = peers;
    this.router = router;
    this.local = local;
    this.forwarder = forwarder;
  }

  /**
   * @return the filter to advertise to {@code c}: local subscriptions, plus, when relaying, what every other
   *     reachable endpoint and Broker peer wants
   */
  List<String> filterFor(PeerConnection c) {
    if (!options.isForwarding()) {
      return router.localFilter();
    }
    Set<String> all = new HashSet<>(router.localFilter());
    for (UUID r : router.reachable()) {
      if (!r.equals(c.peerId())) {
        all.addAll(router.filterOf(r));
      }
    }
    for (PeerConnection o : peers.links()) {
      if (o != c && o.version() == 1) {
        all.addAll(o.peerFilter());
      }
    }
    return Topics.minimize(all);
  }

  /** The routed network changed: every Broker peer learns what it may now send here. */
  void graphChanged() {
    for (PeerConnection c : peers.links()) {
      if (c.version() == 1) {
        byte[] payload = Handshake.filter(new ByteWriter(64), filterFor(c)).toByteArray();
        c.writeControl(Envelope.encodeV1(Envelope.ROUTING_UPDATE, id, c.peerId(), CONTROL_TOPIC, payload, 0,
            payload.length).toBuffer());
      }
    }
  }

  /** A Broker peer announced a new filter. */
  void onRoutingUpdate(PeerConnection c, Envelope e) {
    c.setPeerFilter(Topics.minimize(Handshake.readFilter(new ByteReader(e.array(), e.payloadFrom(), e.payloadTo()))));
    router.linksChanged();
  }

  /** Sends {@code m} to every Broker peer whose filter matches its topic, except {@code except}. */
  void sendToBrokerPeers(Outbound m, PeerConnection except) {
    if (!peers.hasBrokerPeers()) {
      return;
    }
    for (PeerConnection c : peers.links()) {
      if (c != except && c.version() == 1 && Topics.matches(c.peerFilter(), m.topic())) {
        Forwarder.write(c, m);
      }
    }
  }

  /** A value a Broker peer published: delivered here and, when relaying, passed on as if published here. */
  void onData(PeerConnection from, Envelope e) {
    if (e.receiver() != null && !e.receiver().equals(id)) {
      return;
    }
    boolean wanted = local.wants(e.topic());
    if (!wanted && !options.isForwarding()) {
      return;
    }
    Data data = local.decode(e);
    if (data == null) {
      return;
    }
    if (wanted) {
      local.deliver(e.topic(), data);
    }
    if (options.isForwarding()) {
      forwarder.relayFromBroker(from, e);
    }
  }
}
