package io.brokervx.websocket.impl;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.util.ReferenceCountUtil;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.internal.net.NetSocketInternal;
import io.vertx.core.net.NetSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * One client WebSocket over a {@link NetSocket}: the opening handshake with {@link CapitalisedHandshaker}'s
 * request, then Netty's frame codecs on the socket's pipeline; text messages in and out, pings answered, the
 * closing handshake. The socket's pause, resume and write queue are the connection's.
 */
final class ClientConnection {
  /** The largest handshake response we read. */
  private static final int MAX_RESPONSE = 8192;

  private final NetSocketInternal socket;
  private final WebSocketClientHandshaker handshaker;
  private final Promise<ClientConnection> opened = Promise.promise();
  private Handler<String> textHandler;
  private Handler<Void> closeHandler;
  private boolean closeSent;
  private boolean ended;
  private Short closeStatus;
  private String closeReason;

  private ClientConnection(NetSocket socket, URI uri, String applicationName, int maxMessageSize) {
    this.socket = (NetSocketInternal) socket;
    this.handshaker = new CapitalisedHandshaker(uri, applicationName, maxMessageSize);
  }

  /**
   * Runs the opening handshake on {@code socket} (on its context).
   *
   * @return the open connection; failed when the server does not switch protocols (the message names its status)
   */
  static Future<ClientConnection> open(NetSocket socket, URI uri, String applicationName, int maxMessageSize) {
    ClientConnection c = new ClientConnection(socket, uri, applicationName, maxMessageSize);
    c.start();
    return c.opened.future();
  }

  private void start() {
    ChannelPipeline p = socket.channelHandlerContext().pipeline();
    String vertx = socket.channelHandlerContext().name();
    p.addBefore(vertx, "http-codec", new HttpClientCodec());
    p.addBefore(vertx, "http-aggregator", new HttpObjectAggregator(MAX_RESPONSE));
    socket.messageHandler(this::onHandshakeMessage);
    socket.closeHandler(v -> onEnd());
    socket.exceptionHandler(this::fail);
    handshaker.handshake(socket.channelHandlerContext().channel()).addListener(f -> {
      if (!f.isSuccess()) {
        fail(f.cause());
      }
    });
  }

  private void onHandshakeMessage(Object msg) {
    try {
      if (msg instanceof FullHttpResponse response) {
        handshaker.finishHandshake(socket.channelHandlerContext().channel(), response);
        ChannelPipeline p = socket.channelHandlerContext().pipeline();
        p.addBefore(socket.channelHandlerContext().name(), "ws-aggregator",
            new WebSocketFrameAggregator(handshaker.maxFramePayloadLength()));
        socket.messageHandler(this::onFrame);
        opened.tryComplete(this);
      } else {
        fail(new IllegalStateException("unexpected " + msg.getClass().getSimpleName() + " in the handshake"));
      }
    } catch (RuntimeException e) {
      fail(e);
    } finally {
      ReferenceCountUtil.release(msg);
    }
  }

  private void fail(Throwable e) {
    if (opened.tryFail(e)) {
      socket.close();
    }
  }

  private void onFrame(Object msg) {
    try {
      if (msg instanceof TextWebSocketFrame text) {
        Handler<String> h = textHandler;
        if (h != null) {
          h.handle(text.text());
        }
      } else if (msg instanceof PingWebSocketFrame ping) {
        socket.writeMessage(new PongWebSocketFrame(ping.content().retain()));
      } else if (msg instanceof CloseWebSocketFrame close) {
        if (close.statusCode() >= 0) {
          closeStatus = (short) close.statusCode();
          closeReason = close.reasonText();
        }
        if (closeSent) {
          socket.close();
        } else {
          closeSent = true;
          CloseWebSocketFrame echo = closeStatus == null ? new CloseWebSocketFrame()
              : new CloseWebSocketFrame(closeStatus, "");
          socket.writeMessage(echo).eventually(socket::close);
        }
      }
      // binary and pong frames carry nothing for the API: dropped
    } finally {
      ReferenceCountUtil.release(msg);
    }
  }

  private void onEnd() {
    opened.tryFail(new IllegalStateException("the connection closed during the WebSocket handshake"));
    if (!ended) {
      ended = true;
      Handler<Void> h = closeHandler;
      if (h != null) {
        h.handle(null);
      }
    }
  }

  /** Sets the handler of whole text messages. */
  void textMessageHandler(Handler<String> handler) {
    this.textHandler = handler;
  }

  /** Sets the handler called once when the socket is closed, by either side. */
  void closeHandler(Handler<Void> handler) {
    this.closeHandler = handler;
  }

  /** Sets the handler of socket errors (the socket closes after them). */
  void exceptionHandler(Handler<Throwable> handler) {
    socket.exceptionHandler(handler);
  }

  /** @return a future completed once the text message is written */
  Future<Void> writeTextMessage(String text) {
    return socket.writeMessage(new TextWebSocketFrame(Unpooled.copiedBuffer(text, StandardCharsets.UTF_8)));
  }

  /** Stops reading the socket. */
  void pause() {
    socket.pause();
  }

  /** Reads the socket again. */
  void resume() {
    socket.resume();
  }

  /** @return whether the socket's write queue is full */
  boolean writeQueueFull() {
    return socket.writeQueueFull();
  }

  /** Sets the handler called when the socket's write queue has room again. */
  void drainHandler(Handler<Void> handler) {
    socket.drainHandler(handler);
  }

  /** Sends a normal close frame and closes the socket once it is written (the server's answer is not awaited). */
  Future<Void> close() {
    if (ended) {
      return Future.succeededFuture();
    }
    if (closeSent) {
      return socket.close();
    }
    closeSent = true;
    return socket.writeMessage(new CloseWebSocketFrame(1000, "")).eventually(socket::close);
  }

  /** @return the status code of the server's close frame, or null */
  Short closeStatusCode() {
    return closeStatus;
  }

  /** @return the reason of the server's close frame, or null */
  String closeReason() {
    return closeReason;
  }
}
