/**
 * Codecs for Broker data: {@link io.brokervx.codec.BinaryFormat} (binary v1, the native wire payload),
 * {@link io.brokervx.codec.JsonFormat} (the WebSocket JSON v1 format), {@link io.brokervx.codec.ZeekEvent}
 * (Zeek's event convention) and {@link io.brokervx.codec.EventBusCodecs} (Vert.x event-bus codecs).
 */
package io.brokervx.codec;
