package io.brokervx.endpoint;

import static io.brokervx.endpoint.TestSupport.await;

import io.brokervx.endpoint.impl.wire.Handshake;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetSocket;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/** A hand-driven TCP peer for hostile-input tests: it sends exactly the bytes a test gives it. */
final class RawPeer {
  /** Kept reachable: Vert.x closes a client (and its sockets) once the client object is garbage. */
  private final NetClient client;
  final NetSocket socket;
  final Buffer received = Buffer.buffer();
  final Promise<Void> closed = Promise.promise();

  RawPeer(Vertx vertx, int port) {
    client = vertx.createNetClient();
    socket = await(client.connect(port, "127.0.0.1"));
    socket.handler(b -> {
      synchronized (received) {
        received.appendBuffer(b);
      }
    });
    socket.closeHandler(v -> closed.tryComplete());
  }

  RawPeer send(String hex) {
    socket.write(Buffer.buffer(HexFormat.of().parseHex(hex)));
    return this;
  }

  RawPeer send(Buffer b) {
    socket.write(b);
    return this;
  }

  String receivedHex() {
    synchronized (received) {
      return HexFormat.of().formatHex(received.getBytes());
    }
  }

  /** Completes Broker's handshake as a version-1 originator (its id must sort before the endpoint's). */
  RawPeer handshakeAsBrokerOriginator(Vertx vertx, UUID self, List<String> filter) {
    send(Handshake.encode(new Handshake.Hello(Handshake.MAGIC, self, 1, 1)));
    TestSupport.eventually(vertx, "the endpoint answers hello", () -> io.vertx.core.Future.succeededFuture(
        receivedHex().contains("065a45454b")));
    send(Handshake.encode(new Handshake.VersionSelect(Handshake.MAGIC, self, 1)));
    send(Handshake.encode(new Handshake.OriginatorSyn(filter)));
    TestSupport.eventually(vertx, "responder_syn_ack", () -> io.vertx.core.Future.succeededFuture(
        receivedHex().contains("0b")));
    send(Handshake.encode(new Handshake.OriginatorAck()));
    return this;
  }

  void close() {
    socket.close();
    client.close();
  }
}
