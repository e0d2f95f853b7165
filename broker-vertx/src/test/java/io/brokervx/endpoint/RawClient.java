package io.brokervx.endpoint;

import static io.brokervx.endpoint.TestSupport.await;
import static io.brokervx.endpoint.TestSupport.eventually;

import io.brokervx.endpoint.impl.wire.Envelope;
import io.brokervx.endpoint.impl.wire.FrameReader;
import io.brokervx.endpoint.impl.wire.Handshake;
import io.netty.channel.ChannelOption;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.net.NetSocketInternal;
import io.vertx.core.net.NetSocket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * A hand-driven TCP client for tests: it writes exactly the bytes a test gives it, and records the frames
 * it receives. It can play a Broker (protocol version 1) peer through the handshake.
 */
final class RawClient {
  final Vertx vertx;
  final NetSocket socket;
  final UUID id;
  private final List<byte[]> frames = new ArrayList<>();
  private final FrameReader reader = new FrameReader(Integer.MAX_VALUE, (a, from, to) -> {
    byte[] body = Arrays.copyOfRange(a, from, to);
    synchronized (this.frames) {
      frames.add(body);
    }
    return true;
  });
  private final Promise<Void> closed = Promise.promise();
  /** Index of the first phase-3 frame received, once the handshake is over. */
  private int phase3From = -1;
  private final int localPort;

  /** Connects to {@code 127.0.0.1:port}; {@code id} is what the handshake methods say hello with. */
  RawClient(Vertx vertx, int port, UUID id) {
    this.vertx = vertx;
    this.id = id;
    // connect from an event loop: the handlers are then set as the connection completes, before any read
    Promise<NetSocket> connected = Promise.promise();
    vertx.getOrCreateContext().runOnContext(v -> vertx.createNetClient().connect(port, "127.0.0.1")
        .onSuccess(s -> {
          s.handler(reader::feed);
          s.closeHandler(x -> closed.tryComplete());
        })
        .onComplete(connected));
    this.socket = await(connected.future());
    this.localPort = socket.localAddress().port();
  }

  /** @return the local port of the connection: the port in the endpoint's status events about it */
  int localPort() {
    return localPort;
  }

  RawClient send(Buffer bytes) {
    socket.write(bytes);
    return this;
  }

  RawClient send(Handshake.Message m) {
    return send(Handshake.encode(m));
  }

  /** @return a copy of the frame bodies received so far */
  List<byte[]> frames() {
    synchronized (frames) {
      return new ArrayList<>(frames);
    }
  }

  /** @return the handshake messages received so far */
  List<Handshake.Message> handshakeMessages() {
    List<byte[]> all = frames();
    List<Handshake.Message> out = new ArrayList<>();
    for (byte[] f : phase3From < 0 ? all : all.subList(0, phase3From)) {
      out.add(Handshake.decode(f, 0, f.length));
    }
    return out;
  }

  /** Waits for a handshake message of type {@code type} that satisfies {@code p}. */
  <T extends Handshake.Message> T awaitHandshake(Class<T> type, Predicate<T> p) {
    eventually(vertx, "a " + type.getSimpleName() + " from the endpoint", () -> Future.succeededFuture(
        handshakeMessages().stream().anyMatch(m -> type.isInstance(m) && p.test(type.cast(m)))));
    return handshakeMessages().stream().filter(m -> type.isInstance(m) && p.test(type.cast(m))).map(type::cast)
        .findFirst().orElseThrow();
  }

  /** @return the phase-3 envelopes received so far (valid after a handshake method returned) */
  List<Envelope> envelopes() {
    List<byte[]> all = frames();
    List<Envelope> out = new ArrayList<>();
    for (byte[] f : all.subList(phase3From, all.size())) {
      out.add(Envelope.decodeV1(f, 0, f.length));
    }
    return out;
  }

  /**
   * Completes Broker's handshake as the originator, version 1 ({@link #id} must sort before the endpoint's):
   * hello; the endpoint's probe and hello; version_select and originator_syn; its responder_syn_ack;
   * originator_ack (transcript case A).
   */
  RawClient handshakeAsOriginator(List<String> filter) {
    send(new Handshake.Hello(Handshake.MAGIC, id, 1, 1));
    awaitHandshake(Handshake.Hello.class, h -> true);
    send(new Handshake.VersionSelect(Handshake.MAGIC, id, 1));
    send(new Handshake.OriginatorSyn(filter));
    awaitHandshake(Handshake.ResponderSynAck.class, s -> true);
    phase3From = frames().size();
    send(new Handshake.OriginatorAck());
    return this;
  }

  /** @return a future completed when the connection is closed */
  Future<Void> closed() {
    return closed.future();
  }

  /** Closes the connection with a FIN. */
  void close() {
    socket.close();
  }

  /** Closes the connection with a TCP reset (SO_LINGER 0): no orderly FIN. */
  void reset() {
    ((NetSocketInternal) socket).channelHandlerContext().channel().config().setOption(ChannelOption.SO_LINGER, 0);
    socket.close();
  }
}
