package io.brokervx.test;

import static io.brokervx.test.Await.await;

import io.brokervx.endpoint.impl.wire.Envelope;
import io.brokervx.endpoint.impl.wire.ByteBudget;
import io.brokervx.endpoint.impl.wire.FrameReader;
import io.brokervx.endpoint.impl.wire.Handshake;
import io.netty.channel.ChannelOption;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.net.NetSocketInternal;
import io.vertx.core.net.NetSocket;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * A hand-driven TCP client for tests: it writes exactly the bytes a test gives it, and records the frames it
 * receives (handshake messages until its handshake is over, envelopes after). It can play a Broker (protocol
 * version 1) peer through the handshake.
 */
public final class RawClient {
  private final NetSocket socket;
  private final UUID id;
  private final Inbox<Handshake.Message> handshake = new Inbox<>();
  private final Inbox<Envelope> envelopes = new Inbox<>();
  /** Set before the originator_ack goes out: every frame after it is a phase-3 envelope. */
  private volatile boolean phase3;
  private volatile int version = 1;
  private final FrameReader reader = new FrameReader(Integer.MAX_VALUE, new ByteBudget(Long.MAX_VALUE), (a, from, to) -> {
    byte[] body = Arrays.copyOfRange(a, from, to); // the reader reuses its buffer; an envelope points into it
    if (phase3) {
      envelopes.handle(version == 1 ? Envelope.decodeV1(body, 0, body.length)
          : Envelope.decodeV2(body, 0, body.length));
    } else {
      handshake.handle(Handshake.decode(body, 0, body.length));
    }
    return true;
  });
  private final Promise<Void> closed = Promise.promise();
  private final int localPort;

  /** Connects to {@code 127.0.0.1:port}; {@code id} is what the handshake methods say hello with. */
  public RawClient(Vertx vertx, int port, UUID id) {
    this.id = id;
    // connect from an event loop: the handlers are then set as the connection completes, before any read
    Promise<NetSocket> connected = Promise.promise();
    vertx.getOrCreateContext().runOnContext(v -> vertx.createNetClient().connect(port, "127.0.0.1")
        .onSuccess(s -> {
          s.handler(reader::feed);
          s.closeHandler(x -> closed.tryComplete());
        })
        .onComplete(connected));
    this.socket = await(connected.future(), "a connection to port " + port);
    this.localPort = socket.localAddress().port();
  }

  /** @return the id this client says hello with */
  public UUID id() {
    return id;
  }

  /** @return the connection, for flow control ({@code pause}/{@code resume}) */
  public NetSocket socket() {
    return socket;
  }

  /** @return the local port of the connection: the port in the endpoint's status events about it */
  public int localPort() {
    return localPort;
  }

  /** Writes {@code bytes} as they are. */
  public RawClient send(Buffer bytes) {
    socket.write(bytes);
    return this;
  }

  /** Writes the frame of handshake message {@code m}. */
  public RawClient send(Handshake.Message m) {
    return send(Handshake.encode(m));
  }

  /** @return the handshake messages received so far, in order */
  public List<Handshake.Message> handshakeMessages() {
    return handshake.items();
  }

  /** Waits for a handshake message of type {@code type} that satisfies {@code p}; @return it */
  public <T extends Handshake.Message> T awaitHandshake(Class<T> type, Predicate<T> p) {
    return type.cast(handshake.await("a " + type.getSimpleName() + " from the endpoint",
        m -> type.isInstance(m) && p.test(type.cast(m))));
  }

  /** @return the phase-3 envelopes received (after {@link #handshakeAsOriginator}) */
  public Inbox<Envelope> envelopes() {
    return envelopes;
  }

  /**
   * Completes Broker's handshake as the originator, version 1 ({@link #id} must sort before the endpoint's):
   * hello; the endpoint's probe and hello; version_select and originator_syn; its responder_syn_ack;
   * originator_ack (transcript case A).
   */
  public RawClient handshakeAsOriginator(List<String> filter) {
    return handshakeAsOriginator(filter, 1);
  }

  /**
   * As {@link #handshakeAsOriginator(List)}, selecting protocol {@code version} (2: broker-vertx routing, as
   * a forger posing as a routing endpoint would).
   */
  public RawClient handshakeAsOriginator(List<String> filter, int version) {
    this.version = version;
    send(new Handshake.Hello(Handshake.MAGIC, id, 1, version));
    awaitHandshake(Handshake.Hello.class, h -> true);
    send(new Handshake.VersionSelect(Handshake.MAGIC, id, version));
    send(new Handshake.OriginatorSyn(filter));
    awaitHandshake(Handshake.ResponderSynAck.class, s -> true);
    phase3 = true;
    send(new Handshake.OriginatorAck());
    return this;
  }

  /** @return a future completed when the connection is closed */
  public Future<Void> closed() {
    return closed.future();
  }

  /** Closes the connection with a FIN. */
  public void close() {
    socket.close();
  }

  /** Closes the connection with a TCP reset (SO_LINGER 0): no orderly FIN. */
  public void reset() {
    ((NetSocketInternal) socket).channelHandlerContext().channel().config().setOption(ChannelOption.SO_LINGER, 0);
    socket.close();
  }
}
