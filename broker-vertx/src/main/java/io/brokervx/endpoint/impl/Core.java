package io.brokervx.endpoint.impl;

import io.brokervx.endpoint.EndpointOptions;
import io.brokervx.endpoint.impl.wire.Envelope;
import io.brokervx.endpoint.impl.wire.MalformedFrameException;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.UUID;

/**
 * The endpoint's parts wired together, and the dispatch between them: which part handles each received
 * message, and who learns of links coming and going and of the routed graph changing. Every part runs on
 * the endpoint's one context.
 */
final class Core implements PeerTable.Listener, LinkStateRouter.Listener {
  final UUID id;
  final Vertx vertx;
  final Context context;
  final EndpointOptions options;
  final StatusBus status;
  final PeerTable peers;
  final Connector connector;
  final LinkStateRouter router;
  final LocalDelivery local;
  final Forwarder forwarder;
  final BrokerGateway gateway;
  final CommandTransport commands;
  final Congestion congestion;
  final Denials denials;
  final OversizedMessages oversized;
  /** Messages received from peers, by envelope type (an unsigned byte). */
  final long[] processed = new long[256];

  Core(Vertx vertx, Context context, EndpointOptions options, UUID id) {
    this.id = id;
    this.vertx = vertx;
    this.context = context;
    this.options = options;
    this.status = new StatusBus(context);
    this.denials = new Denials(status);
    this.peers = new PeerTable(vertx, context, options, id, status);
    this.connector = new Connector(vertx, context, options, peers, status);
    this.router = new LinkStateRouter(id, context, options.isForwarding(), peers, status);
    this.local = new LocalDelivery(id, context, options, router::localFilterChanged);
    this.oversized = new OversizedMessages(status, options.getMaxFrameSize());
    this.forwarder = new Forwarder(id, options, peers, router, local, denials, oversized);
    this.commands = new CommandTransport(local);
    this.gateway = new BrokerGateway(id, options, peers, router, local, forwarder, commands, denials);
    this.congestion = new Congestion(context);
    peers.wire(connector, this);
    router.listener(this);
    forwarder.wire(commands);
  }

  @Override
  public void linkUp(PeerConnection c) {
    router.linkUp(c);
  }

  @Override
  public void linkDown(PeerConnection c) {
    router.linksChanged();
  }

  @Override
  public List<String> filterFor(PeerConnection c) {
    return gateway.filterFor(c);
  }

  @Override
  public void congestion(int delta) {
    congestion.change(delta);
  }

  @Override
  public void graphChanged() {
    gateway.graphChanged();
  }

  @Override
  public void originForgotten(UUID origin) {
    forwarder.forget(origin);
  }

  @Override
  public void received(PeerConnection from, Envelope e) {
    processed[e.type()]++;
    boolean routed = from.version() == 2;
    switch (e.type()) {
      case Envelope.DATA -> {
        if (routed) {
          forwarder.onRouted(from, e);
        } else {
          gateway.onData(from, e);
        }
      }
      case Envelope.DATA_VIA, Envelope.COMMAND_VIA -> {
        if (!routed) {
          throw new MalformedFrameException("unknown envelope type " + e.type());
        }
        forwarder.onRouted(from, e);
      }
      case Envelope.COMMAND -> {
        if (routed) {
          forwarder.onRouted(from, e);
        } else {
          gateway.onCommand(from, e);
        }
      }
      case Envelope.PING -> from.pings().onPing(e);
      case Envelope.PONG -> from.pings().onPong(e);
      case Envelope.LINK_STATE -> {
        if (!routed) {
          throw new MalformedFrameException("link-state message on a Broker (version 1) peering");
        }
        router.onLinkState(from, e);
      }
      case Envelope.ROUTING_UPDATE -> {
        if (!routed) {
          gateway.onRoutingUpdate(from, e);
        }
      }
      default -> throw new MalformedFrameException("unknown envelope type " + e.type());
    }
  }

  /** The periodic heartbeat: pings every peering, drops silent ones, forgets long-unreachable endpoints. */
  void heartbeat() {
    peers.heartbeat();
    router.collectUnreachable();
  }
}
