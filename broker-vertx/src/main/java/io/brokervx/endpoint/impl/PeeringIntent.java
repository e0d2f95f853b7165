package io.brokervx.endpoint.impl;

import io.vertx.core.Promise;
import java.util.UUID;

/** A peering this endpoint initiated with {@code host:port}: retried until it succeeds, re-made when lost. */
final class PeeringIntent {
  final String host;
  final int port;
  final Promise<Void> firstPeered = Promise.promise();
  boolean cancelled;
  UUID peerId;
  long timer = -1;
  PeerConnection connection;

  PeeringIntent(String host, int port) {
    this.host = host;
    this.port = port;
  }

  static String key(String host, int port) {
    return host + ":" + port;
  }
}
