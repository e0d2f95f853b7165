package io.brokervx.websocket;

import java.util.List;

/**
 * One client connected to a {@link ZeekWebSocketServer}, as Zeek reports it in
 * {@code Cluster::websocket_client_added}.
 *
 * @param id the client's id, {@code <endpoint-id>-websocket-<n>} as Zeek forms it
 * @param address the client's address and port
 * @param applicationName its {@code X-Application-Name} header, or null when it sent none
 * @param subject the subject of its verified TLS certificate, or null
 * @param subscriptions the topic prefixes it subscribed to (empty until its handshake)
 * @param received the data messages it published
 * @param sent the data messages written to it
 * @param dropped the data messages its full outbound queue discarded
 * @param queuedBytes the bytes of messages waiting to be written to it now
 */
public record WebSocketClientInfo(String id, String address, String applicationName, String subject,
    List<String> subscriptions, long received, long sent, long dropped, long queuedBytes) {
}
