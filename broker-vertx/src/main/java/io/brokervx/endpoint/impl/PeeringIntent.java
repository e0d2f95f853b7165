package io.brokervx.endpoint.impl;

import io.brokervx.endpoint.impl.transport.HandshakeBackoff;
import io.vertx.core.Promise;
import java.util.UUID;

/** A peering this endpoint initiated with {@code host:port}: retried until it succeeds, re-made when lost. */
final class PeeringIntent {
  final String host;
  final int port;
  final Promise<Void> firstPeered = Promise.promise();
  final HandshakeBackoff backoff;
  boolean cancelled;
  UUID peerId;
  long timer = -1;
  PeerConnection connection;

  PeeringIntent(String host, int port, HandshakeBackoff backoff) {
    this.host = host;
    this.port = port;
    this.backoff = backoff;
  }

  static String key(String host, int port) {
    return host + ":" + port;
  }
}
