package io.brokervx.observability.impl;

import io.brokervx.endpoint.EndpointStats;
import io.brokervx.endpoint.PeerInfo;
import io.brokervx.error.ErrorCode;
import io.brokervx.store.StoreStats;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.ToDoubleFunction;

/**
 * The endpoints' and stores' meters, named as Broker ({@code broker_*}) and Zeek ({@code zeek_broker_peer_*})
 * name theirs, each with an {@code endpoint} label. Every meter is a Micrometer function counter or gauge
 * that reads the latest {@link Snapshot}: nothing is recorded per message. {@link #update} makes the set of
 * meters follow the snapshot (a meter per peer, store and failure reason seen) and removes the ones whose
 * peer or store is gone. Runs on the status server's context; scrapes read the snapshot from any thread.
 */
final class BrokerMeters {
  private final MeterRegistry registry;
  private final Map<String, Meter> meters = new HashMap<>();
  private volatile Snapshot current;

  BrokerMeters(MeterRegistry registry) {
    this.registry = registry;
  }

  /** Makes the meters describe {@code s}: registers new ones, removes those of vanished peers and stores. */
  void update(Snapshot s) {
    current = s;
    Set<String> seen = new HashSet<>();
    for (Snapshot.Node n : s.nodes()) {
      endpointMeters(n, Tags.of("endpoint", n.name()), seen);
      peerMeters(n, s, seen);
      for (StoreStats st : n.stores()) {
        storeMeters(n.name(), st.name(), seen);
      }
    }
    meters.entrySet().removeIf(e -> {
      if (seen.contains(e.getKey())) {
        return false;
      }
      registry.remove(e.getValue());
      return true;
    });
  }

  /** Removes every meter this server registered. */
  void close() {
    meters.values().forEach(registry::remove);
    meters.clear();
  }

  private void endpointMeters(Snapshot.Node n, Tags at, Set<String> seen) {
    String e = n.name();
    gauge(seen, "broker_connections", "Number of active network connections.", at,
        c -> of(c, e, EndpointStats::connections));
    for (String type : EndpointStats.MESSAGE_TYPES) {
      counter(seen, "broker_processed_messages", "Total number of processed messages.", at.and("type", type),
          c -> of(c, e, st -> st.processedMessages().get(type)));
    }
    counter(seen, "broker_published_messages", "Values this endpoint published.", at,
        c -> of(c, e, EndpointStats::published));
    counter(seen, "broker_dropped_messages", "Messages an overflow policy discarded.", at.and("queue", "peer_buffer"),
        c -> of(c, e, EndpointStats::peerDrops));
    counter(seen, "broker_dropped_messages", "Messages an overflow policy discarded.",
        at.and("queue", "subscriber_queue"), c -> of(c, e, EndpointStats::subscriberDrops));
    String refused = "Routed messages not from their sender's path, and link-state advertisements forged or out "
        + "of bounds, that were refused.";
    counter(seen, "broker_routing_refused", refused, at.and("reason", "off_path"),
        c -> of(c, e, EndpointStats::offPathDrops));
    counter(seen, "broker_routing_refused", refused, at.and("reason", "advertisement"),
        c -> of(c, e, EndpointStats::refusedAdvertisements));
    counter(seen, "broker_denied_messages", "Messages the authorization rules refused.", at,
        c -> of(c, e, EndpointStats::deniedByRule));
    for (ErrorCode reason : n.stats().handshakeFailures().keySet()) {
      counter(seen, "broker_handshake_failures", "Connections that failed before they became peerings.",
          at.and("reason", reason.brokerName()), c -> of(c, e, st -> st.handshakeFailures().get(reason)));
    }
    for (String kind : new String[] {"routing", "broker"}) {
      gauge(seen, "broker_routing_endpoints", "Endpoints of the routed network, as this endpoint sees it.",
          at.and("kind", kind), c -> of(c, e, st -> st.routing().endpoints().stream()
              .filter(x -> x.kind().equals(kind)).count()));
    }
    gauge(seen, "broker_routing_links", "Links of the routed network, as this endpoint sees it.", at,
        c -> of(c, e, st -> st.routing().links().size()));
    gauge(seen, "broker_routing_delivery_trees", "Delivery trees computed from the current routing graph.", at,
        c -> of(c, e, st -> st.routing().deliveryTrees()));
  }

  private void peerMeters(Snapshot.Node n, Snapshot s, Set<String> seen) {
    String e = n.name();
    Set<UUID> peers = new HashSet<>(n.stats().overflows().keySet());
    for (PeerInfo p : n.stats().peers()) {
      UUID id = p.id();
      peers.add(id);
      Tags at = Tags.of("endpoint", e, "peer", s.nameOf(id));
      gauge(seen, "zeek_broker_peer_buffer_messages", "Number of messages queued in the peer's output buffer.", at,
          c -> ofPeer(c, e, id, PeerInfo::queued));
      gauge(seen, "zeek_broker_peer_buffer_recent_max_messages",
          "Most messages queued in the peer's output buffer during this minute or the previous one.", at,
          c -> ofPeer(c, e, id, PeerInfo::maxQueuedRecently));
      counter(seen, "broker_peer_messages", "Data messages exchanged with the peer.", at.and("direction", "sent"),
          c -> ofPeer(c, e, id, PeerInfo::dataSent));
      counter(seen, "broker_peer_messages", "Data messages exchanged with the peer.", at.and("direction", "received"),
          c -> ofPeer(c, e, id, PeerInfo::dataReceived));
    }
    for (UUID id : peers) {
      counter(seen, "zeek_broker_peer_buffer_overflows",
          "Messages the peer's output buffer discarded by its overflow policy, over all its peerings.",
          Tags.of("endpoint", e, "peer", s.nameOf(id)), c -> of(c, e, st -> st.overflows(id)));
    }
  }

  private void storeMeters(String e, String store, Set<String> seen) {
    Tags at = Tags.of("endpoint", e, "name", store);
    gauge(seen, "broker_store_entries", "Number of entries in the data store.", at,
        c -> ofStore(c, e, store, StoreStats::entries));
    counter(seen, "broker_store_processed_updates", "Total number of processed data store updates.", at,
        c -> ofStore(c, e, store, StoreStats::processedUpdates));
    gauge(seen, "broker_store_unacknowledged_updates", "Number of unacknowledged data store updates.", at,
        c -> ofStore(c, e, store, StoreStats::unacknowledgedUpdates));
    gauge(seen, "broker_store_out_of_order_updates", "Number of out-of-order data store updates.", at,
        c -> ofStore(c, e, store, StoreStats::outOfOrderUpdates));
    gauge(seen, "broker_store_input_channels", "Number of active input channels in a data store.", at,
        c -> ofStore(c, e, store, st -> st.master() ? st.inputs().size() : st.masterId() != null ? 1 : 0));
    gauge(seen, "broker_store_output_channels", "Number of active output channels in a data store.", at,
        c -> ofStore(c, e, store, st -> st.output().paths()));
  }

  // ---------------------------------------------------------------- reading the current snapshot

  private static double of(Snapshot c, String endpoint, ToDoubleFunction<EndpointStats> f) {
    Snapshot.Node n = c == null ? null : c.node(endpoint);
    return n == null ? Double.NaN : f.applyAsDouble(n.stats());
  }

  private static double ofPeer(Snapshot c, String endpoint, UUID peer, ToDoubleFunction<PeerInfo> f) {
    Snapshot.Node n = c == null ? null : c.node(endpoint);
    PeerInfo p = n == null ? null : n.peer(peer);
    return p == null ? Double.NaN : f.applyAsDouble(p);
  }

  private static double ofStore(Snapshot c, String endpoint, String store, ToDoubleFunction<StoreStats> f) {
    Snapshot.Node n = c == null ? null : c.node(endpoint);
    StoreStats s = n == null ? null : n.store(store);
    return s == null ? Double.NaN : f.applyAsDouble(s);
  }

  // ---------------------------------------------------------------- registering

  private void gauge(Set<String> seen, String name, String help, Tags tags, ToDoubleFunction<Snapshot> value) {
    register(seen, name, tags, () -> Gauge.builder(name, this, m -> value.applyAsDouble(m.current))
        .description(help).tags(tags).strongReference(true).register(registry));
  }

  private void counter(Set<String> seen, String name, String help, Tags tags, ToDoubleFunction<Snapshot> value) {
    register(seen, name, tags, () -> FunctionCounter.builder(name, this, m -> value.applyAsDouble(m.current))
        .description(help).tags(tags).register(registry));
  }

  private void register(Set<String> seen, String name, Tags tags, java.util.function.Supplier<Meter> create) {
    String key = name + tags;
    seen.add(key);
    meters.computeIfAbsent(key, k -> create.get());
  }
}
