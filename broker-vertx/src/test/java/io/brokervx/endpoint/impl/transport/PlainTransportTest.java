package io.brokervx.endpoint.impl.transport;

import static io.brokervx.endpoint.impl.transport.TransportHarness.await;
import static io.brokervx.endpoint.impl.transport.TransportHarness.dial;
import static io.brokervx.endpoint.impl.transport.TransportHarness.failureOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.brokervx.endpoint.TlsMode;
import io.brokervx.endpoint.TlsOptions;
import io.brokervx.endpoint.impl.transport.TransportHarness.Peer;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;
import io.vertx.junit5.VertxExtension;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Plain mode: bytes pass untouched, and a TLS peer is named as such instead of being read as frames. */
@ExtendWith(VertxExtension.class)
class PlainTransportTest {
  private static PeerTransportFactory plain(Vertx vertx) {
    return await(PeerTransportFactory.create(vertx, new TlsOptions().setMode(TlsMode.OFF), 10_000));
  }

  private static PeerTransportFactory anonymous(Vertx vertx) {
    return await(PeerTransportFactory.create(vertx, new TlsOptions(), 10_000));
  }

  @Test
  void bytesPassUntouched(Vertx vertx) {
    TransportHarness.Listener listener = new TransportHarness.Listener(vertx, plain(vertx));
    Peer client = await(dial(vertx, plain(vertx), listener.port));
    Peer server = listener.next();
    assertFalse(client.transport.isEncrypted());
    var got = server.read(9);
    client.write(Buffer.buffer(new byte[] {0, 0, 0, 5, 7, 'Z', 'E', 'E', 'K'}));
    assertEquals("00000005075a45454b", java.util.HexFormat.of().formatHex(await(got).getBytes()));
  }

  @Test
  void aTlsClientAtAPlaintextListenerIsToldToEnableTls(Vertx vertx) {
    TransportHarness.Listener listener = new TransportHarness.Listener(vertx, plain(vertx));
    var tlsDial = dial(vertx, anonymous(vertx), listener.port);
    TransportException e = failureOf(listener.next().read(1));
    assertEquals(TransportFailure.PEER_SPEAKS_TLS, e.failure());
    assertEquals(ModeMismatchDetector.ENABLE_TLS, e.detail());
    assertEquals(TransportFailure.CLOSED_DURING_HANDSHAKE, failureOf(tlsDial).failure(), "and the TLS side stops");
  }

  @Test
  void aDialedPeerThatClosesWithoutAWordProbablySpeaksTls(Vertx vertx) {
    var server = vertx.createNetServer().connectHandler(s -> s.handler(b -> s.close()));
    int port = await(server.listen(0, "127.0.0.1")).actualPort();
    Peer t = await(dial(vertx, plain(vertx), port));
    var outcome = t.read(1);
    t.write(Buffer.buffer(new byte[] {0, 0, 0, 1, 12}));
    TransportException e = failureOf(outcome);
    assertEquals(TransportFailure.PEER_SPEAKS_TLS, e.failure());
    assertEquals(ModeMismatchDetector.SILENT_PEER, e.detail());
  }

  @Test
  void closingADialedConnectionOurselvesBlamesNobody(Vertx vertx) {
    var server = vertx.createNetServer().connectHandler(s -> { });
    int port = await(server.listen(0, "127.0.0.1")).actualPort();
    Peer t = await(dial(vertx, plain(vertx), port));
    var outcome = t.read(1);
    await(t.close());
    assertEquals("closed after 0 of 1 bytes", failureMessage(outcome));
  }

  @Test
  void anAcceptedPeerThatClosesWithoutAWordIsJustAClose(Vertx vertx) {
    TransportHarness.Listener listener = new TransportHarness.Listener(vertx, plain(vertx));
    NetSocket raw = await(vertx.createNetClient().connect(listener.port, "127.0.0.1"));
    Peer t = listener.next();
    var outcome = t.read(1);
    raw.close();
    assertEquals("closed after 0 of 1 bytes", failureMessage(outcome));
  }

  @Test
  void aMismatchFoundBeforeTheHandlersAreSetIsHeldForThem(Vertx vertx) {
    TransportHarness.Listener listener = new TransportHarness.Listener(vertx, plain(vertx), 300);
    dial(vertx, anonymous(vertx), listener.port);
    TransportException e = failureOf(listener.next().read(1));
    assertEquals(TransportFailure.PEER_SPEAKS_TLS, e.failure());
  }

  private static String failureMessage(io.vertx.core.Future<?> f) {
    try {
      f.toCompletionStage().toCompletableFuture().get(TransportHarness.TIMEOUT_MS, TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      return e.getCause() instanceof TransportException t ? t.detail() : e.getCause().getMessage();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    throw new AssertionError("succeeded, a failure was expected");
  }
}
