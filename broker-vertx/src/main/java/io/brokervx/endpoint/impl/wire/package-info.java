/**
 * Broker's native wire format (handshake messages and the phase-3 envelope, version 1) and the
 * broker-vertx routing envelope (version 2), with the length-prefixed framing both share.
 */
package io.brokervx.endpoint.impl.wire;
