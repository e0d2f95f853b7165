package io.brokervx.endpoint;

import io.brokervx.error.ErrorCode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A snapshot of an endpoint's counters and state, taken at once on its context by {@link Endpoint#stats()}:
 * what metrics and status reports read. The endpoint keeps plain counters as it works; a snapshot only
 * copies them, so taking one costs the same however busy the endpoint is. Counters never decrease while the
 * endpoint lives (a peer's overflows are kept across its peerings).
 *
 * @param id the endpoint's id
 * @param time when the snapshot was taken
 * @param peers the established peerings, with their traffic counters
 * @param peerBufferSize the capacity of each peer's output buffer, in data messages
 * @param processedMessages messages received from peers, by Broker's type name ({@link #MESSAGE_TYPES})
 * @param published values this endpoint published
 * @param overflows per peer, the messages its output buffer's overflow policy discarded, over all its
 *     peerings with this endpoint (Zeek's {@code peer_buffer_overflows}); only peers with some
 * @param handshakeFailures connections that failed before they became peerings, by Broker's error
 * @param subscribers the local subscriptions
 * @param subscriberDrops messages the local subscriptions' overflow policy discarded, ended ones included
 * @param offPathDrops routed messages dropped for arriving from a peer that is not their sender's path here
 * @param refusedAdvertisements link-state advertisements refused (forged or out of bounds)
 * @param brokerDuplicates values from Broker peers left to the Broker peer's gateway
 * @param deniedByRule messages the authorization rules refused (from or to a peer without the right)
 * @param undecodableNotRelayed relayed values kept from Broker peers because they do not decode (Broker
 *     would drop the peering over them)
 * @param trackedOrigins the senders whose sequence numbers this endpoint tracks to drop duplicates: only
 *     endpoints on the routed network, forgotten once unreachable
 * @param routing the routed network as this endpoint sees it
 */
public record EndpointStats(UUID id, Instant time, List<PeerInfo> peers, int peerBufferSize,
    Map<String, Long> processedMessages, long published, Map<UUID, Long> overflows,
    Map<ErrorCode, Long> handshakeFailures, List<SubscriberInfo> subscribers, long subscriberDrops,
    long offPathDrops, long refusedAdvertisements, long brokerDuplicates, long deniedByRule, long undecodableNotRelayed, int trackedOrigins,
    RoutingGraph routing) {

  /** Broker's message types, as its metrics name them: data, command, routing-update, ping, pong. */
  public static final List<String> MESSAGE_TYPES = List.of("data", "command", "routing-update", "ping", "pong");

  /**
   * One local subscription.
   *
   * @param topics its topic prefixes
   * @param queued messages waiting for its reader
   * @param dropped messages its overflow policy discarded
   */
  public record SubscriberInfo(List<String> topics, int queued, long dropped) {
  }

  /** @return the number of established peerings (Broker's {@code native-connections}) */
  public int connections() {
    return peers.size();
  }

  /** @return the messages discarded by {@code peer}'s output buffer over all its peerings */
  public long overflows(UUID peer) {
    return overflows.getOrDefault(peer, 0L);
  }

  /** @return every peer output buffer's overflow discards added up */
  public long peerDrops() {
    return overflows.values().stream().mapToLong(Long::longValue).sum();
  }

  /** @return the snapshot as JSON (ids as strings, the time as ISO-8601) */
  public JsonObject toJson() {
    JsonArray peerArray = new JsonArray();
    for (PeerInfo p : peers) {
      peerArray.add(new JsonObject().put("id", String.valueOf(p.id())).put("host", p.host()).put("port", p.port())
          .put("outbound", p.outbound()).put("protocolVersion", p.protocolVersion()).put("framesSent", p.framesSent())
          .put("framesReceived", p.framesReceived()).put("dataSent", p.dataSent()).put("dataReceived", p.dataReceived())
          .put("dropped", p.dropped()).put("queued", p.queued()).put("maxQueuedRecently", p.maxQueuedRecently()));
    }
    JsonObject overflowJson = new JsonObject();
    overflows.forEach((peer, n) -> overflowJson.put(peer.toString(), n));
    JsonObject failures = new JsonObject();
    handshakeFailures.forEach((code, n) -> failures.put(code.brokerName(), n));
    JsonArray subs = new JsonArray();
    subscribers.forEach(s -> subs.add(new JsonObject().put("topics", new JsonArray(s.topics())).put("queued", s.queued())
        .put("dropped", s.dropped())));
    return new JsonObject().put("id", id.toString()).put("time", time.toString()).put("peers", peerArray)
        .put("peerBufferSize", peerBufferSize).put("processedMessages", new JsonObject(Map.copyOf(processedMessages)))
        .put("published", published).put("overflows", overflowJson).put("handshakeFailures", failures)
        .put("subscribers", subs).put("subscriberDrops", subscriberDrops).put("offPathDrops", offPathDrops)
        .put("refusedAdvertisements", refusedAdvertisements).put("brokerDuplicates", brokerDuplicates)
        .put("deniedByRule", deniedByRule).put("undecodableNotRelayed", undecodableNotRelayed)
        .put("trackedOrigins", trackedOrigins)
        .put("routing", routing.toJson());
  }
}
