package io.brokervx.websocket.impl;

import io.brokervx.codec.DecodeException;
import io.brokervx.codec.JsonFormat;
import io.brokervx.data.Data;
import io.brokervx.data.DataMessage;
import io.brokervx.error.BrokerException;
import io.brokervx.error.ErrorCode;
import io.brokervx.websocket.ZeekWebSocketClient;
import io.brokervx.websocket.ZeekWebSocketClientOptions;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.internal.logging.Logger;
import io.vertx.core.internal.logging.LoggerFactory;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.ConnectOptions;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.streams.ReadStream;
import io.vertx.core.streams.WriteStream;
import java.net.URI;

/**
 * The client: one connection at a time, made on its own context; the handshake (subscriptions out, ack or error
 * back), messages in through an {@link InboundStream}, publications out, and reconnection with a doubling pause.
 */
public final class WebSocketClientImpl implements ZeekWebSocketClient {
  private static final Logger LOG = LoggerFactory.getLogger(WebSocketClientImpl.class);

  private final Vertx vertx;
  private final Context context;
  private final ZeekWebSocketClientOptions options;
  /** Kept referenced: Vert.x closes an unreachable client, connections and all. */
  private final NetClient client;
  private final InboundStream inbound;
  private final Publisher publisher = new Publisher();
  private Handler<BrokerException> errorHandler;
  private volatile ClientConnection ws;
  private volatile boolean acked;
  private boolean closed;
  private long retryDelay;
  private volatile String endpointId;
  private volatile String version;

  private WebSocketClientImpl(Vertx vertx, ZeekWebSocketClientOptions options) {
    this.vertx = vertx;
    this.context = vertx.getOrCreateContext();
    this.options = options;
    NetClientOptions no = new NetClientOptions();
    if ("wss".equals(options.getUrl().getScheme())) {
      TlsSetup.client(no, options.getTls());
    }
    this.client = vertx.createNetClient(no);
    // a client without subscriptions gets only errors: it always reads
    this.inbound = new InboundStream(context, options.getInboundQueueSize(), on -> {
      ClientConnection w = ws;
      if (w != null && !options.getSubscriptions().isEmpty()) {
        if (on) {
          w.resume();
        } else {
          w.pause();
        }
      }
    });
    this.retryDelay = options.getRetryInterval().toMillis();
  }

  /** Connects; see {@link ZeekWebSocketClient#connect}. */
  public static Future<ZeekWebSocketClient> connect(Vertx vertx, ZeekWebSocketClientOptions options) {
    WebSocketClientImpl c = new WebSocketClientImpl(vertx, options);
    Promise<ZeekWebSocketClient> first = Promise.promise();
    c.context.runOnContext(v -> c.attempt().onComplete(ar -> {
      if (ar.succeeded()) {
        first.complete(c);
      } else {
        c.client.close();
        first.fail(ar.cause());
      }
    }));
    return first.future();
  }

  /** One connection and handshake (on the context). */
  private Future<Void> attempt() {
    URI url = options.getUrl();
    boolean ssl = "wss".equals(url.getScheme());
    int port = url.getPort() > 0 ? url.getPort() : ssl ? 443 : 80;
    ConnectOptions co = new ConnectOptions().setHost(url.getHost()).setPort(port).setSsl(ssl);
    Promise<Void> ackd = Promise.promise();
    // the timeout covers the connection, the HTTP upgrade and the ack
    long timer = vertx.setTimer(options.getHandshakeTimeout().toMillis(), t -> ackd.tryFail(new BrokerException(
        ErrorCode.CONNECTION_TIMEOUT, "no ack from " + url + " within " + options.getHandshakeTimeout())));
    ackd.future().onComplete(ar -> vertx.cancelTimer(timer));
    client.connect(co).compose(so -> {
      ackd.future().onFailure(e -> so.close()); // a failed or timed-out handshake leaves nothing open
      return ClientConnection.open(so, url, options.getApplicationName(), options.getMaxMessageSize());
    }).onFailure(e -> ackd.tryFail(new BrokerException(ErrorCode.PEER_UNAVAILABLE,
        "cannot connect to " + url + ": " + e.getMessage(), e))).onSuccess(w -> {
          ws = w;
          acked = false;
          w.textMessageHandler(text -> onText(w, text, ackd));
          w.closeHandler(v -> onClosed(w, ackd));
          w.exceptionHandler(e -> LOG.debug("websocket " + url + ": " + e.getMessage()));
          w.writeTextMessage(new JsonArray(options.getSubscriptions()).encode());
        });
    return ackd.future();
  }

  private void onText(ClientConnection w, String text, Promise<Void> ackd) {
    if (acked) {
      DataMessage m;
      try {
        m = JsonFormat.decodeMessage(text);
      } catch (DecodeException e) {
        if (!maybeError(text)) {
          LOG.warn("websocket " + options.getUrl() + " sent a message that is not a data message: " + e.getMessage());
        }
        return;
      }
      inbound.push(m);
      return;
    }
    Object parsed;
    try {
      parsed = JsonFormat.parse(text);
    } catch (DecodeException e) {
      parsed = null;
    }
    if (parsed instanceof JsonObject o && "ack".equals(o.getValue("type"))) {
      endpointId = o.getString("endpoint");
      version = o.getString("version");
      acked = true;
      retryDelay = options.getRetryInterval().toMillis();
      if (!options.getSubscriptions().isEmpty() && !inbound.wantsMore()) {
        w.pause(); // nobody reads the messages yet: let them wait in the socket
      }
      publisher.connected(w);
      ackd.tryComplete();
    } else if (parsed instanceof JsonObject o && "error".equals(o.getValue("type"))) {
      ackd.tryFail(error(o));
      w.close();
    } else {
      ackd.tryFail(new BrokerException(ErrorCode.UNEXPECTED_HANDSHAKE_MESSAGE, "expected an ack from "
          + options.getUrl() + ", got: " + text));
      w.close();
    }
  }

  /** @return whether {@code text} was an error message (handed to the error handler) */
  private boolean maybeError(String text) {
    Object parsed;
    try {
      parsed = JsonFormat.parse(text);
    } catch (DecodeException e) {
      return false;
    }
    if (parsed instanceof JsonObject o && "error".equals(o.getValue("type"))) {
      Handler<BrokerException> h = errorHandler;
      if (h != null) {
        h.handle(error(o));
      }
      return true;
    }
    return false;
  }

  private static BrokerException error(JsonObject o) {
    String code = String.valueOf(o.getValue("code"));
    Object context = o.getValue("context") != null ? o.getValue("context") : o.getValue("message");
    ErrorCode ec = ErrorCode.fromBrokerName(code); // null for Zeek's own codes (invalid_uri, ...)
    return new BrokerException(ec == null ? ErrorCode.UNSPECIFIED : ec, code + ": " + context);
  }

  private void onClosed(ClientConnection w, Promise<Void> ackd) {
    if (ws != w) {
      return;
    }
    ws = null;
    boolean wasAcked = acked;
    acked = false;
    ackd.tryFail(new BrokerException(ErrorCode.PEER_DISCONNECT_DURING_HANDSHAKE, "the server closed the connection"
        + (w.closeStatusCode() == null ? "" : " (" + w.closeStatusCode() + " " + w.closeReason() + ")")));
    if (closed) {
      return;
    }
    if (!options.isReconnect()) {
      inbound.end();
      return;
    }
    if (wasAcked) {
      LOG.info("websocket " + options.getUrl() + " lost; reconnecting");
    }
    retry();
  }

  private void retry() {
    long delay = retryDelay;
    retryDelay = Math.min(retryDelay * 2, options.getRetryIntervalCap().toMillis());
    vertx.setTimer(delay, t -> context.runOnContext(v -> {
      if (!closed) {
        attempt().onFailure(e -> {
          if (ws == null && !closed) {
            retry();
          }
        });
      }
    }));
  }

  @Override
  public ReadStream<DataMessage> messages() {
    return inbound;
  }

  @Override
  public Future<Void> publish(String topic, Data data) {
    String text = JsonFormat.encodeMessage(topic, data).encode();
    Promise<Void> p = Promise.promise();
    context.runOnContext(v -> {
      ClientConnection w = ws;
      if (w == null || !acked) {
        p.fail(new BrokerException(ErrorCode.PEER_UNAVAILABLE, "not connected to " + options.getUrl()));
      } else {
        w.writeTextMessage(text).onComplete(p);
      }
    });
    return p.future();
  }

  @Override
  public WriteStream<DataMessage> publisher() {
    return publisher;
  }

  @Override
  public ZeekWebSocketClient errorHandler(Handler<BrokerException> handler) {
    this.errorHandler = handler;
    return this;
  }

  @Override
  public String endpointId() {
    return endpointId;
  }

  @Override
  public String version() {
    return version;
  }

  @Override
  public boolean isConnected() {
    return ws != null && acked;
  }

  @Override
  public Future<Void> close() {
    Promise<Void> p = Promise.promise();
    context.runOnContext(v -> {
      closed = true;
      ClientConnection w = ws;
      ws = null; // not connected from now on, though the socket's close handler may run later
      acked = false;
      Future<Void> f = w == null ? Future.succeededFuture() : w.close();
      f.eventually(client::close).onComplete(ar -> {
        inbound.end();
        p.complete();
      });
    });
    return p.future();
  }

  /** Publishing as a write stream, with the current connection's back-pressure. */
  private final class Publisher implements WriteStream<DataMessage> {
    private Handler<Void> drainHandler;

    void connected(ClientConnection w) {
      w.drainHandler(v -> {
        Handler<Void> h = drainHandler;
        if (h != null) {
          h.handle(null);
        }
      });
      Handler<Void> h = drainHandler;
      if (h != null) {
        h.handle(null);
      }
    }

    @Override
    public WriteStream<DataMessage> exceptionHandler(Handler<Throwable> handler) {
      return this;
    }

    @Override
    public Future<Void> write(DataMessage m) {
      return publish(m.topic(), m.data());
    }

    @Override
    public Future<Void> end() {
      return Future.succeededFuture();
    }

    @Override
    public WriteStream<DataMessage> setWriteQueueMaxSize(int maxSize) {
      return this;
    }

    /** Full while disconnected (the drain handler runs at the next ack) or while the socket's queue is full. */
    @Override
    public boolean writeQueueFull() {
      ClientConnection w = ws;
      return w == null || !acked || w.writeQueueFull();
    }

    @Override
    public WriteStream<DataMessage> drainHandler(Handler<Void> handler) {
      this.drainHandler = handler;
      return this;
    }
  }
}
