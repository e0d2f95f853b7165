package io.brokervx.endpoint.impl;

import io.brokervx.data.Data;
import io.brokervx.endpoint.EndpointOptions;
import io.brokervx.endpoint.impl.wire.Envelope;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Moves messages: publications and commands of this endpoint, and routed (version 2) messages from peers,
 * which it delivers here when addressed here and passes down the origin's delivery tree. Each origin's
 * sequence numbers pass a {@link DedupWindow}, so a message is handled once even while routes converge.
 * Every send to a set of links goes through {@link #send}.
 */
final class Forwarder {
  private final UUID id;
  private final EndpointOptions options;
  private final PeerTable peers;
  private final LinkStateRouter router;
  private final LocalDelivery local;
  private final Map<UUID, DedupWindow> dedup = new HashMap<>();
  private BrokerGateway gateway;
  private CommandTransport commands;
  private long seq = System.currentTimeMillis() * 1_000_000L;

  Forwarder(UUID id, EndpointOptions options, PeerTable peers, LinkStateRouter router, LocalDelivery local) {
    this.id = id;
    this.options = options;
    this.peers = peers;
    this.router = router;
    this.local = local;
  }

  void wire(BrokerGateway gateway, CommandTransport commands) {
    this.gateway = gateway;
    this.commands = commands;
  }

  /** @return a fresh sequence number of this endpoint */
  long nextSeq() {
    return ++seq;
  }

  /** Publishes {@code data} (on the context). */
  void publish(String topic, byte[] topicUtf8, Data data) {
    if (options.isDeliverOwnMessages()) {
      local.deliver(topic, data);
    }
    Outbound m = Outbound.publication(options.getTtl(), id, nextSeq(), topic, topicUtf8, data);
    send(m, router.targets(id, topic), null);
    gateway.sendToBrokerPeers(m, null);
  }

  /** Sends a command: to {@code receiver} along the shortest path, or to every handler of {@code topic}. */
  void sendCommand(String topic, UUID receiver, Buffer payload) {
    byte[] topicUtf8 = topic.getBytes(StandardCharsets.UTF_8);
    Outbound m = Outbound.command(options.getTtl(), id, receiver, nextSeq(), topic, topicUtf8, payload.getBytes());
    if (receiver != null) {
      sendTowards(receiver, m, null);
    } else {
      send(m, router.targets(id, topic), null);
    }
  }

  /** A routed (version 2) data message or command from {@code from}. */
  void onRouted(PeerConnection from, Envelope e) {
    UUID origin = e.origin();
    if (origin.equals(id) || !dedup.computeIfAbsent(origin, k -> new DedupWindow()).firstTime(e.seq())) {
      return;
    }
    boolean addressedHere = e.receiver() != null && e.receiver().equals(id);
    if (e.receiver() == null || addressedHere) {
      if (e.type() == Envelope.COMMAND) {
        commands.deliver(e);
      } else {
        local.deliver(e);
      }
    }
    if (e.ttl() <= 1 || !options.isForwarding() || addressedHere) {
      return;
    }
    Outbound m = Outbound.relay(e, e.topic().getBytes(StandardCharsets.UTF_8), id);
    if (e.receiver() != null) {
      sendTowards(e.receiver(), m, from);
      return;
    }
    send(m, router.targets(origin, e.topic()), from);
    if (e.type() == Envelope.DATA) {
      gateway.sendToBrokerPeers(m, from);
    }
  }

  /** Passes on what a Broker peer published as if it had been published here. */
  void relayFromBroker(PeerConnection from, Envelope e) {
    Outbound m = Outbound.fromBroker(e, options.getTtl(), id, nextSeq(), e.topic().getBytes(StandardCharsets.UTF_8));
    send(m, router.targets(id, e.topic()), null);
    gateway.sendToBrokerPeers(m, from);
  }

  private void sendTowards(UUID receiver, Outbound m, PeerConnection except) {
    UUID hop = router.nextHop(receiver);
    PeerConnection c = hop == null ? null : peers.established(hop);
    if (c != null && c != except) {
      write(c, m);
    }
  }

  /** Sends {@code m} to each of {@code targets} that is an established peering other than {@code except}. */
  void send(Outbound m, UUID[] targets, PeerConnection except) {
    for (UUID target : targets) {
      PeerConnection c = peers.established(target);
      if (c != null && c != except) {
        write(c, m);
      }
    }
  }

  /** Data-store commands are never dropped by a full peer buffer; published data obeys the overflow policy. */
  static void write(PeerConnection c, Outbound m) {
    if (m.isCommand()) {
      c.writeControl(m.frame(c.version()));
    } else {
      c.writeData(m.frame(c.version()));
    }
  }

  /** Forgets the dedup window of an origin that is gone. */
  void forget(UUID origin) {
    dedup.remove(origin);
  }
}
