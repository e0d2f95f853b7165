package io.brokervx.endpoint.impl;

import io.brokervx.endpoint.EndpointStats;
import io.brokervx.endpoint.PeerInfo;
import io.brokervx.endpoint.RoutingGraph;
import io.brokervx.endpoint.impl.wire.Envelope;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Takes an {@link EndpointStats} snapshot: copies the plain counters the endpoint's parts keep as they work
 * (peer output queues, processed messages, handshake failures, routing refusals) and its routing graph.
 * Runs on the endpoint's context, once per request; nothing on the message path does more than increment.
 */
final class StatsCollector {
  private StatsCollector() {
  }

  /** @return a snapshot of {@code core} (on its context) */
  static EndpointStats take(Core core) {
    List<PeerInfo> peers = new ArrayList<>();
    for (PeerConnection c : core.peers.links()) {
      peers.add(c.info());
    }
    peers.sort(Comparator.comparing(PeerInfo::id, Ids.ORDER));
    Map<UUID, Long> overflows = new HashMap<>(core.peers.pastOverflows());
    for (PeerInfo p : peers) {
      if (p.dropped() > 0) {
        overflows.merge(p.id(), p.dropped(), Long::sum);
      }
    }
    List<EndpointStats.SubscriberInfo> subscribers = new ArrayList<>();
    long subscriberDrops = core.local.droppedByEnded();
    for (SubscriptionImpl s : core.local.subscriptions()) {
      subscribers.add(new EndpointStats.SubscriberInfo(s.topics(), s.queued(), s.dropped()));
      subscriberDrops += s.dropped();
    }
    return new EndpointStats(core.id, Instant.now(), List.copyOf(peers), core.options.getPeerBufferSize(),
        processed(core.processed), core.forwarder.published(), Map.copyOf(overflows),
        Map.copyOf(core.peers.handshakeFailures()), List.copyOf(subscribers), subscriberDrops,
        core.forwarder.offPath(), core.router.refusedAds(), core.gateway.duplicatesDropped(), core.denials.total(),
        core.forwarder.undecodableNotRelayed(), core.forwarder.trackedOrigins(), routing(core.router));
  }

  /** @return the received messages by Broker's type names; our routed types count as the Broker type they carry */
  private static Map<String, Long> processed(long[] byEnvelopeType) {
    Map<String, Long> out = new LinkedHashMap<>();
    out.put("data", byEnvelopeType[Envelope.DATA] + byEnvelopeType[Envelope.DATA_VIA]);
    out.put("command", byEnvelopeType[Envelope.COMMAND] + byEnvelopeType[Envelope.COMMAND_VIA]);
    out.put("routing-update", byEnvelopeType[Envelope.ROUTING_UPDATE] + byEnvelopeType[Envelope.LINK_STATE]);
    out.put("ping", byEnvelopeType[Envelope.PING]);
    out.put("pong", byEnvelopeType[Envelope.PONG]);
    return out;
  }

  private static RoutingGraph routing(LinkStateRouter router) {
    NetworkGraph graph = router.graph();
    List<UUID> ids = new ArrayList<>(graph.endpoints());
    ids.sort(Ids.ORDER);
    List<RoutingGraph.Node> nodes = new ArrayList<>();
    List<RoutingGraph.Link> links = new ArrayList<>();
    for (UUID id : ids) {
      nodes.add(new RoutingGraph.Node(id, graph.isBroker(id), graph.isForwarding(id), graph.filterOf(id)));
      for (UUID other : graph.linksOf(id)) {
        if (Ids.less(id, other)) {
          links.add(new RoutingGraph.Link(id, other));
        }
      }
    }
    return new RoutingGraph(List.copyOf(nodes), List.copyOf(links), graph.treeCount());
  }
}
