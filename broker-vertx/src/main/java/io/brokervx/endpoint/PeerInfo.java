package io.brokervx.endpoint;

import java.util.UUID;

/**
 * A snapshot of one established peering, with its traffic counters.
 *
 * @param id the peer's endpoint id
 * @param host the remote host
 * @param port the remote port
 * @param outbound whether this endpoint initiated the connection
 * @param protocolVersion the negotiated protocol version (1: Broker's, 2: broker-vertx routing)
 * @param framesSent frames written to the peer
 * @param framesReceived frames read from the peer
 * @param dataSent data messages written to the peer
 * @param dataReceived data messages read from the peer
 * @param dropped messages the output buffer's overflow policy discarded
 * @param queued data messages waiting in the output buffer now
 * @param maxQueuedRecently the most data messages that waited in the output buffer since the previous
 *     minute began (Zeek's {@code peer_buffer_recent_max_messages})
 */
public record PeerInfo(UUID id, String host, int port, boolean outbound, int protocolVersion, long framesSent,
    long framesReceived, long dataSent, long dataReceived, long dropped, int queued, int maxQueuedRecently) {
}
