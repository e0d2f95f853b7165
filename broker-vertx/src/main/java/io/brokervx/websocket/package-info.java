/**
 * Zeek's WebSocket API v1: {@link io.brokervx.websocket.ZeekWebSocketServer} serves it for an endpoint,
 * {@link io.brokervx.websocket.ZeekWebSocketClient} speaks it to Zeek, Broker or our own server.
 */
package io.brokervx.websocket;
