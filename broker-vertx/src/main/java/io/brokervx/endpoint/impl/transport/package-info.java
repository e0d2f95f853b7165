/**
 * The byte transport under a peering, one per TLS mode: plain TCP, Broker's anonymous TLS (Bouncy Castle's
 * engine, scoped to our sockets; the JVM's JSSE policy is untouched) and mutual certificate TLS (Vert.x's own
 * TLS); plus the detection of mode mismatches and the backoff after failed handshakes. Not a supported API.
 */
package io.brokervx.endpoint.impl.transport;
