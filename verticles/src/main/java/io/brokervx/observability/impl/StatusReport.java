package io.brokervx.observability.impl;

import io.brokervx.endpoint.EndpointStats;
import io.brokervx.endpoint.PeerInfo;
import io.brokervx.endpoint.RoutingGraph;
import io.brokervx.store.StoreStats;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Broker 2.6's status report ({@code GET /v1/status/json}) for one endpoint: {@code id}, {@code time},
 * {@code cluster-node}, {@code native-connections}, {@code local-subscribers},
 * {@code peerings.<id>.{input,output}.{requested,delivered}}, {@code message-metrics.<type>.{processed,buffered}},
 * {@code masters.<store>} and {@code clones.<store>} with their channels — plus ours: each peering's counters
 * and buffer, drops by cause, refusals, handshake failures by reason, the routing graph (with names) and the
 * event-loop lag. Broker has no local publisher flows to report here, so {@code local-publishers} is absent.
 */
final class StatusReport {
  private StatusReport() {
  }

  /** @return the report of {@code n} within {@code s} */
  static JsonObject of(Snapshot s, Snapshot.Node n, EventLoopLag lag) {
    EndpointStats st = n.stats();
    JsonObject report = new JsonObject().put("id", st.id().toString()).put("time", st.time().toString())
        .put("cluster-node", n.name()).put("native-connections", st.connections());
    JsonArray subscribers = new JsonArray();
    st.subscribers().forEach(x -> subscribers.add(new JsonObject().put("topics", new JsonArray(x.topics()))
        .put("queued", x.queued()).put("dropped", x.dropped())));
    report.put("local-subscribers", subscribers);
    JsonObject peerings = new JsonObject();
    for (PeerInfo p : st.peers()) {
      peerings.put(p.id().toString(), peering(s, st, p));
    }
    report.put("peerings", peerings).put("message-metrics", messageMetrics(st));
    JsonObject masters = new JsonObject();
    JsonObject clones = new JsonObject();
    for (StoreStats store : n.stores()) {
      (store.master() ? masters : clones).put(store.name(), store.toJson());
    }
    return report.put("masters", masters).put("clones", clones).put("published", st.published())
        .put("dropped", new JsonObject().put("peer-buffers", st.peerDrops()).put("subscriber-queues", st.subscriberDrops()))
        .put("refused", new JsonObject().put("off-path", st.offPathDrops())
            .put("advertisements", st.refusedAdvertisements()).put("broker-duplicates", st.brokerDuplicates())
            .put("denied-by-rule", st.deniedByRule()))
        .put("handshake-failures", handshakeFailures(st)).put("routing", routing(s, st.routing()))
        .put("event-loop-lag", lag(lag));
  }

  private static JsonObject peering(Snapshot s, EndpointStats st, PeerInfo p) {
    JsonObject input = new JsonObject().put("requested", p.dataReceived()).put("delivered", p.dataReceived());
    JsonObject output = new JsonObject().put("requested", p.dataSent()).put("delivered", p.dataSent() - p.queued());
    return new JsonObject().put("input", input).put("output", output).put("name", s.nameOf(p.id()))
        .put("host", p.host()).put("port", p.port()).put("outbound", p.outbound())
        .put("protocol-version", p.protocolVersion()).put("frames-sent", p.framesSent())
        .put("frames-received", p.framesReceived()).put("buffered", p.queued())
        .put("buffer-capacity", st.peerBufferSize()).put("recent-max-buffered", p.maxQueuedRecently())
        .put("overflows", st.overflows(p.id()));
  }

  /** @return Broker's {@code message-metrics}: processed from peers, and buffered (data waiting in peer buffers) */
  private static JsonObject messageMetrics(EndpointStats st) {
    long bufferedData = st.peers().stream().mapToLong(PeerInfo::queued).sum();
    JsonObject out = new JsonObject();
    for (String type : EndpointStats.MESSAGE_TYPES) {
      out.put(type.replace('-', '_'), new JsonObject().put("processed", st.processedMessages().get(type))
          .put("buffered", type.equals("data") ? bufferedData : 0));
    }
    return out;
  }

  private static JsonObject handshakeFailures(EndpointStats st) {
    JsonObject out = new JsonObject();
    st.handshakeFailures().forEach((code, n) -> out.put(code.brokerName(), n));
    return out;
  }

  private static JsonObject routing(Snapshot s, RoutingGraph graph) {
    JsonObject j = graph.toJson();
    JsonObject names = new JsonObject();
    graph.endpoints().forEach(e -> names.put(e.id().toString(), s.nameOf(e.id())));
    return j.put("names", names);
  }

  private static JsonObject lag(EventLoopLag lag) {
    JsonArray last = new JsonArray();
    JsonArray max = new JsonArray();
    for (int i = 0; i < lag.loops(); i++) {
      last.add(lag.lastNanos(i) / 1e6);
      max.add(lag.maxNanos(i) / 1e6);
    }
    return new JsonObject().put("last-ms", last).put("max-ms", max);
  }
}
