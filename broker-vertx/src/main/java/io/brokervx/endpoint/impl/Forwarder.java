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
 * Moves messages: publications and commands of this endpoint, routed (version 2) messages from peers, and
 * values that entered through a Broker peer. It delivers here what is addressed here and passes each
 * message down its delivery tree, Broker peers included. Each sequence-number space (an origin's, or an
 * injecting endpoint's) passes a {@link DedupWindow}, so a message is handled once even while routes
 * converge. Every send to a set of peers goes through {@link #send}.
 */
final class Forwarder {
  private final UUID id;
  private final EndpointOptions options;
  private final PeerTable peers;
  private final LinkStateRouter router;
  private final LocalDelivery local;
  private final Denials denials;
  private final OversizedMessages oversized;
  private final Map<UUID, DedupWindow> dedup = new HashMap<>();
  private CommandTransport commands;
  private long seq = System.currentTimeMillis() * 1_000_000L;
  private long offPath;
  private long undecodableNotRelayed;
  private long published;
  /** The last few command topics (by identity: stores send on a few topic instances) and their UTF-8. */
  private final String[] commandTopics = new String[4];
  private final byte[][] commandTopicsUtf8 = new byte[4][];
  private int nextCommandTopic;

  Forwarder(UUID id, EndpointOptions options, PeerTable peers, LinkStateRouter router, LocalDelivery local,
      Denials denials, OversizedMessages oversized) {
    this.id = id;
    this.options = options;
    this.peers = peers;
    this.router = router;
    this.local = local;
    this.denials = denials;
    this.oversized = oversized;
  }

  void wire(CommandTransport commands) {
    this.commands = commands;
  }

  private long nextSeq() {
    return ++seq;
  }

  /** Publishes {@code data} to the network (on the context). */
  void publish(String topic, byte[] topicUtf8, Data data) {
    published++;
    Outbound m = Outbound.publication(options.getTtl(), id, nextSeq(), topic, topicUtf8, data);
    send(m, router.route(id, topic), null);
  }

  /** Sends a command: to {@code receiver} along the shortest path, or to every handler of {@code topic}. */
  void sendCommand(String topic, UUID receiver, Buffer payload) {
    byte[] topicUtf8 = commandTopicUtf8(topic);
    Outbound m = Outbound.command(options.getTtl(), id, receiver, nextSeq(), topic, topicUtf8, payload.getBytes());
    if (receiver != null) {
      sendTowards(receiver, m, null);
    } else {
      send(m, router.route(id, topic), null);
    }
  }

  private byte[] commandTopicUtf8(String topic) {
    for (int i = 0; i < commandTopics.length; i++) {
      if (commandTopics[i] == topic) {
        return commandTopicsUtf8[i];
      }
    }
    int i = nextCommandTopic;
    nextCommandTopic = (i + 1) % commandTopics.length;
    commandTopics[i] = topic;
    commandTopicsUtf8[i] = topic.getBytes(StandardCharsets.UTF_8);
    return commandTopicsUtf8[i];
  }

  /** A routed (version 2) message from {@code from}: DATA, COMMAND, or one of them injected (…_VIA). */
  void onRouted(PeerConnection from, Envelope e) {
    boolean injected = e.type() == Envelope.DATA_VIA || e.type() == Envelope.COMMAND_VIA;
    UUID seqSpace = injected ? e.receiver() : e.origin();
    if (seqSpace == null || seqSpace.equals(id)) {
      return;
    }
    if (!router.isParent(e.origin(), from.peerId())) {
      offPath++; // not from this endpoint's parent in the origin's tree: a stale route or a forgery
      return;
    }
    Permissions rights = from.permissions();
    if (!rights.unrestricted()) {
      if (!seqSpace.equals(from.peerId()) && !rights.mayRelay()) {
        denials.deny(from, "may not relay (a message of " + seqSpace + " on " + e.topic() + ")");
        return;
      }
      if (!rights.mayPublish(e.topic())) {
        denials.deny(from, "may not publish on " + e.topic());
        return;
      }
    }
    if (!dedup.computeIfAbsent(seqSpace, k -> new DedupWindow()).firstTime(e.seq())) {
      return;
    }
    UUID receiver = injected ? null : e.receiver();
    boolean addressedHere = id.equals(receiver);
    if (receiver == null || addressedHere) {
      if (e.type() == Envelope.COMMAND || e.type() == Envelope.COMMAND_VIA) {
        commands.deliver(e);
      } else {
        local.deliver(e);
      }
    }
    if (e.ttl() <= 1 || !options.isForwarding() || addressedHere) {
      return;
    }
    if (receiver != null) {
      sendTowards(receiver, Outbound.relay(e, id), from);
      return;
    }
    UUID[] route = router.route(e.origin(), e.topic());
    if (route.length > 0) { // a leaf of the origin's tree builds no frame
      send(Outbound.relay(e, id), route, from);
    }
  }

  /** Passes a value that came in from the Broker peer {@code from} to {@code route}, in {@code root}'s tree, under our numbering. */
  void inject(PeerConnection from, Envelope e, UUID root, UUID[] route) {
    send(Outbound.injected(e, options.getTtl(), root, id, nextSeq()), route, from);
  }

  /** Sends {@code m} towards one endpoint, along its origin's tree (a shortest path). */
  void sendTowards(UUID receiver, Outbound m, PeerConnection except) {
    UUID hop = router.nextHop(m.root(), receiver);
    if (hop != null) {
      send(m, new UUID[] {hop}, except);
    }
  }

  /**
   * Sends {@code m} to each of {@code targets} that is an established peering other than {@code except}.
   * Data-store commands are never dropped by a full peer buffer; published data obeys the overflow policy.
   * A message whose frame exceeds {@code maxFrameSize} is not sent to that peer ({@link OversizedMessages}).
   */
  void send(Outbound m, UUID[] targets, PeerConnection except) {
    for (UUID target : targets) {
      PeerConnection c = peers.established(target);
      if (c == null || c == except || !c.permissions().mayReceive(m.topic())) {
        continue;
      }
      if (c.version() == 1 && !m.fitForBroker()) {
        undecodableNotRelayed++;
        continue;
      }
      Buffer frame = c.version() == 2 ? m.routed() : m.forBroker();
      if (!oversized.fits(frame.length(), m.topic())) {
        continue; // a Broker peer's frame differs in size from ours: decide per peer
      }
      if (m.isCommand()) {
        c.writeControl(frame);
      } else {
        c.writeData(frame);
      }
    }
  }

  /** @return how many routed messages were dropped for arriving off their tree (reverse-path check) */
  long offPath() {
    return offPath;
  }

  /** @return how many times a relayed value that does not decode was kept from a Broker peer */
  long undecodableNotRelayed() {
    return undecodableNotRelayed;
  }

  /** @return how many values this endpoint published */
  long published() {
    return published;
  }

  /** @return how many sequence-number spaces the duplicate filter tracks */
  int trackedOrigins() {
    return dedup.size();
  }

  /** Forgets the dedup window of an endpoint that is gone. */
  void forget(UUID endpoint) {
    dedup.remove(endpoint);
  }
}
