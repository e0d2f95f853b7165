package io.brokervx.websocket;

import io.brokervx.data.Data;
import io.brokervx.data.DataMessage;
import io.brokervx.error.BrokerException;
import io.brokervx.websocket.impl.WebSocketClientImpl;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.streams.ReadStream;
import io.vertx.core.streams.WriteStream;

/**
 * A client of Zeek's WebSocket API v1 (Zeek 8+, Broker's former server, or {@link ZeekWebSocketServer}): it
 * subscribes to {@link ZeekWebSocketClientOptions#getSubscriptions()} at each connection, delivers what arrives as
 * a back-pressured {@link ReadStream} (pausing it stops reading the socket), publishes data messages, and, when
 * the connection is lost, connects again with a doubling pause (the stream goes on; what is published meanwhile
 * fails).
 */
public interface ZeekWebSocketClient {

  /**
   * Connects and waits for the server's ack.
   *
   * @return the connected client; failed when the first connection or handshake fails (a server error becomes a
   *     {@link BrokerException} with its code)
   */
  static Future<ZeekWebSocketClient> connect(Vertx vertx, ZeekWebSocketClientOptions options) {
    return WebSocketClientImpl.connect(vertx, new ZeekWebSocketClientOptions(options));
  }

  /** @return the messages that arrive on the subscribed prefixes, across reconnections; ends at {@link #close()} */
  ReadStream<DataMessage> messages();

  /**
   * Publishes {@code data} on {@code topic}.
   *
   * @return a future completed once written to the socket; failed while disconnected
   */
  Future<Void> publish(String topic, Data data);

  /**
   * @return a write stream of data messages with the socket's back-pressure: {@code writeQueueFull()} while the
   *     connection's write queue is full, the drain handler once it has room
   */
  WriteStream<DataMessage> publisher();

  /** Sets the handler of the errors the server reports ({@code {"type":"error",…}}), as {@link BrokerException}s. */
  ZeekWebSocketClient errorHandler(Handler<BrokerException> handler);

  /** @return the endpoint id of the last ack */
  String endpointId();

  /** @return the version of the last ack */
  String version();

  /** @return whether the client is connected and acked now */
  boolean isConnected();

  /** Closes the connection, stops reconnecting and ends {@link #messages()}. */
  Future<Void> close();
}
