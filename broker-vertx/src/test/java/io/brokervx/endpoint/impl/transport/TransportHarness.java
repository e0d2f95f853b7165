package io.brokervx.endpoint.impl.transport;

import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Real loopback listeners and dialers built from a {@link PeerTransportFactory}, as the endpoint's connector
 * will build them, with the waiting done on the test thread (never on an event loop).
 */
final class TransportHarness {
  static final long TIMEOUT_MS = 20_000;

  private TransportHarness() {
  }

  /** A listener on 127.0.0.1 whose accepted transports and failures (classified) queue up for the test. */
  static final class Listener {
    final NetServer server;
    final int port;
    final BlockingQueue<AsyncResult<PeerTransport>> accepted = new LinkedBlockingQueue<>();

    Listener(Vertx vertx, PeerTransportFactory factory) {
      server = vertx.createNetServer(factory.serverOptions(new NetServerOptions().setHost("127.0.0.1").setPort(0)));
      server.exceptionHandler(t -> accepted.add(Future.failedFuture(factory.classify(t))));
      server.connectHandler(s -> factory.accept(s).onComplete(ar -> accepted.add(
          ar.succeeded() ? ar : Future.failedFuture(factory.classify(ar.cause())))));
      port = await(server.listen()).actualPort();
    }

    /** @return the next accepted transport */
    PeerTransport next() {
      AsyncResult<PeerTransport> ar = poll();
      if (ar.failed()) {
        throw new AssertionError("accept failed: " + ar.cause(), ar.cause());
      }
      return ar.result();
    }

    /** @return the next accept failure */
    TransportException nextFailure() {
      AsyncResult<PeerTransport> ar = poll();
      if (ar.succeeded()) {
        throw new AssertionError("accept succeeded, a failure was expected");
      }
      return (TransportException) ar.cause();
    }

    private AsyncResult<PeerTransport> poll() {
      try {
        AsyncResult<PeerTransport> ar = accepted.poll(TIMEOUT_MS, TimeUnit.MILLISECONDS);
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

  /** @return a future of the transport dialed to 127.0.0.1:{@code port}, failures classified */
  static Future<PeerTransport> dial(Vertx vertx, PeerTransportFactory factory, int port) {
    NetClient client = vertx.createNetClient(factory.clientOptions(new NetClientOptions()));
    return client.connect(port, "127.0.0.1").compose(factory::dial)
        .recover(t -> Future.failedFuture(factory.classify(t)));
  }

  /** @return the failure of {@code f}, which must fail, as a transport failure */
  static TransportException failureOf(Future<?> f) {
    try {
      f.toCompletionStage().toCompletableFuture().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
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

  /**
   * Collects exactly {@code n} bytes from {@code t} (set as its handler).
   *
   * @return a future of the bytes; failed if the transport fails or closes first
   */
  static Future<Buffer> read(PeerTransport t, int n) {
    Promise<Buffer> p = Promise.promise();
    Buffer got = Buffer.buffer();
    t.handler(b -> {
      got.appendBuffer(b);
      if (got.length() >= n) {
        p.tryComplete(got.getBuffer(0, n));
      }
    });
    t.exceptionHandler(p::tryFail);
    t.closeHandler(v -> p.tryFail("closed after " + got.length() + " of " + n + " bytes"));
    return p.future();
  }
}
