package io.brokervx.endpoint.impl.transport;

import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Real loopback listeners and dialers built from a {@link PeerTransportFactory} as the endpoint's connector
 * will build them: each transport gets its handlers on its own context the moment it is handed out, and the
 * test thread (never an event loop) waits for what they saw.
 */
final class TransportHarness {
  static final long TIMEOUT_MS = 20_000;

  private TransportHarness() {
  }

  /**
   * One end of a connection, as the test sees it: its transport plus a record, kept on the transport's
   * context, of the data, failure and close it reported. Writes and reads go through that context.
   */
  static final class Peer {
    final PeerTransport transport;
    private final Context context;
    private final Buffer received = Buffer.buffer();
    private final Promise<Void> closed = Promise.promise();
    private int consumed;
    private Throwable failure;
    private Promise<Buffer> reader;
    private int wanted;

    /** Records {@code transport}; call on its context, when it is handed out. */
    Peer(PeerTransport transport) {
      this.transport = transport;
      this.context = Vertx.currentContext();
      transport.handler(b -> {
        received.appendBuffer(b);
        serveReader();
      });
      transport.exceptionHandler(e -> {
        failure = failure == null ? e : failure;
        serveReader();
      });
      transport.closeHandler(v -> {
        closed.tryComplete();
        serveReader();
      });
    }

    /** @return a future of the next {@code n} bytes; failed with the transport's failure, or its close, first */
    Future<Buffer> read(int n) {
      Promise<Buffer> p = Promise.promise();
      context.runOnContext(v -> {
        reader = p;
        wanted = n;
        serveReader();
      });
      return p.future();
    }

    /** Writes through the transport's context. */
    Future<Void> write(Buffer data) {
      Promise<Void> p = Promise.promise();
      context.runOnContext(v -> transport.write(data).onComplete(p));
      return p.future();
    }

    /** Closes through the transport's context. */
    Future<Void> close() {
      Promise<Void> p = Promise.promise();
      context.runOnContext(v -> transport.close().onComplete(p));
      return p.future();
    }

    /** @return a future completed when the transport reports its close */
    Future<Void> closed() {
      return closed.future();
    }

    private void serveReader() {
      if (reader == null) {
        return;
      }
      Promise<Buffer> r = reader;
      if (received.length() - consumed >= wanted) {
        reader = null;
        r.complete(received.getBuffer(consumed, consumed + wanted));
        consumed += wanted;
      } else if (failure != null) {
        reader = null;
        r.fail(failure);
      } else if (closed.future().isComplete()) {
        reader = null;
        r.fail("closed after " + (received.length() - consumed) + " of " + wanted + " bytes");
      }
    }
  }

  /** A listener on 127.0.0.1 whose accepted peers and accept failures (classified) queue up for the test. */
  static final class Listener {
    final int port;
    private final BlockingQueue<AsyncResult<Peer>> accepted = new LinkedBlockingQueue<>();

    Listener(Vertx vertx, PeerTransportFactory factory) {
      this(vertx, factory, 0);
    }

    /** A listener that sets an accepted transport's handlers only {@code handlerDelayMs} after it was handed out. */
    Listener(Vertx vertx, PeerTransportFactory factory, long handlerDelayMs) {
      NetServer server =
          vertx.createNetServer(factory.serverOptions(new NetServerOptions().setHost("127.0.0.1").setPort(0)));
      server.exceptionHandler(t -> accepted.add(Future.failedFuture(factory.classify(t))));
      server.connectHandler(s -> factory.accept(s)
          .compose(t -> handlerDelayMs == 0 ? Future.succeededFuture(t) : vertx.timer(handlerDelayMs).map(t))
          .map(Peer::new)
          .onComplete(ar -> accepted.add(ar.succeeded() ? ar : Future.failedFuture(factory.classify(ar.cause())))));
      port = await(server.listen()).actualPort();
    }

    /** @return the next accepted peer */
    Peer next() {
      AsyncResult<Peer> ar = poll();
      if (ar.failed()) {
        throw new AssertionError("accept failed: " + ar.cause(), ar.cause());
      }
      return ar.result();
    }

    /** @return the next accept failure */
    TransportException nextFailure() {
      AsyncResult<Peer> ar = poll();
      if (ar.succeeded()) {
        throw new AssertionError("accept succeeded, a failure was expected");
      }
      return (TransportException) ar.cause();
    }

    private AsyncResult<Peer> poll() {
      try {
        AsyncResult<Peer> ar = accepted.poll(TIMEOUT_MS, TimeUnit.MILLISECONDS);
        if (ar == null) {
          throw new AssertionError("nothing accepted within " + TIMEOUT_MS + " ms");
        }
        return ar;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  /** @return a future of the peer dialed at 127.0.0.1:{@code port}, failures classified */
  static Future<Peer> dial(Vertx vertx, PeerTransportFactory factory, int port) {
    NetClient client = vertx.createNetClient(factory.clientOptions(new NetClientOptions()));
    return client.connect(port, "127.0.0.1").compose(factory::dial).map(Peer::new)
        .recover(t -> Future.failedFuture(factory.classify(t)));
  }

  /** @return the failure of {@code f}, which must fail with a transport failure */
  static TransportException failureOf(Future<?> f) {
    try {
      f.toCompletionStage().toCompletableFuture().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof TransportException t) {
        return t;
      }
      throw new AssertionError("failed with something else: " + e.getCause(), e.getCause());
    } catch (Exception e) {
      throw new AssertionError("no failure within " + TIMEOUT_MS + " ms: " + e, e);
    }
    throw new AssertionError("succeeded, a failure was expected");
  }

  /** Blocks the test thread until {@code f} completes; rethrows its failure. */
  static <T> T await(Future<T> f) {
    try {
      return f.toCompletionStage().toCompletableFuture().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      throw new AssertionError("future did not succeed: " + e, e);
    }
  }
}
