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
 * Serves Broker (protocol version 1) peers, which are nodes of the routed graph (advertised, with their
 * filters, by the endpoints they peer with): tells each the topics it may send here (handshake filter and
 * routing updates), learns theirs, and takes in what they send, which enters the routed network down the
 * Broker peer's own delivery tree. A Broker peer exchanges values with its gateway only (see
 * {@link NetworkGraph}): the other routing endpoints it peers with advertise nothing to it and ignore what
 * it sends anyway, so Broker's own forwarding never duplicates.
 */
final class BrokerGateway {
  private static final UUID[] NOWHERE = new UUID[0];
  private static final byte[] CONTROL_TOPIC = Envelope.CONTROL_TOPIC.getBytes(StandardCharsets.UTF_8);

  private final UUID id;
  private final EndpointOptions options;
  private final PeerTable peers;
  private final LinkStateRouter router;
  private final LocalDelivery local;
  private final Forwarder forwarder;
  private final CommandTransport commands;
  private final Denials denials;
  private long duplicatesDropped;

  BrokerGateway(UUID id, EndpointOptions options, PeerTable peers, LinkStateRouter router, LocalDelivery local,
      Forwarder forwarder, CommandTransport commands, Denials denials) {
    this.id = id;
    this.options = options;
    this.peers = peers;
    this.router = router;
    this.local = local;
    this.forwarder = forwarder;
    this.commands = commands;
    this.denials = denials;
  }

  /** @return whether the rules let {@code from} send this; a refusal is counted and reported */
  private boolean allowed(PeerConnection from, Envelope e) {
    if (from.permissions().mayPublish(e.topic())) {
      return true;
    }
    denials.deny(from, "may not publish on " + e.topic());
    return false;
  }

  /**
   * @return the filter to advertise to {@code c}: local subscriptions, plus, when relaying, what every other
   *     reachable endpoint (Broker endpoints included) wants
   */
  List<String> filterFor(PeerConnection c) {
    if (c.version() == 1 && !router.isGatewayOf(c.peerId())) {
      return List.of();
    }
    if (!options.isForwarding()) {
      return router.localFilter();
    }
    Set<String> all = new HashSet<>(router.localFilter());
    for (UUID r : router.reachable()) {
      if (!r.equals(c.peerId()) && !r.equals(id)) {
        all.addAll(router.filterOf(r));
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

  /** A value from a Broker peer: delivered here when wanted, and passed down its delivery tree. */
  void onData(PeerConnection from, Envelope e) {
    boolean addressedHere = id.equals(e.receiver());
    if ((e.receiver() != null && !addressedHere) || !allowed(from, e)) {
      return;
    }
    UUID root = from.peerId();
    if (!router.isGatewayOf(root)) {
      duplicatesDropped++; // its gateway passes it on
      return;
    }
    boolean wanted = local.wants(e.topic());
    UUID[] route = addressedHere || !options.isForwarding() ? NOWHERE : router.route(root, e.topic());
    if (!wanted && route.length == 0) {
      return;
    }
    Data data = local.decode(e);
    if (data == null) {
      return;
    }
    if (wanted) {
      local.deliver(e.topic(), data);
    }
    if (route.length > 0) {
      forwarder.inject(from, e, root, route);
    }
  }

  /**
   * A command from a Broker peer: handled here when addressed here; addressed to every handler, handled here
   * and passed down the peer's tree. (Broker sends an addressed command only to its addressee, a direct peer.)
   */
  void onCommand(PeerConnection from, Envelope e) {
    if (!allowed(from, e)) {
      return;
    }
    if (id.equals(e.receiver())) {
      commands.deliver(e);
    } else if (e.receiver() == null && router.isGatewayOf(from.peerId())) {
      commands.deliver(e);
      if (options.isForwarding()) {
        forwarder.inject(from, e, from.peerId(), router.route(from.peerId(), e.topic()));
      }
    }
  }

  /** @return how many values from Broker peers were dropped because they were not this endpoint's to take */
  long duplicatesDropped() {
    return duplicatesDropped;
  }
}
