package io.brokervx.endpoint.impl.transport;

import static io.brokervx.endpoint.impl.transport.TransportHarness.await;
import static io.brokervx.endpoint.impl.transport.TransportHarness.dial;
import static io.brokervx.endpoint.impl.transport.TransportHarness.failureOf;
import static io.brokervx.endpoint.impl.transport.TransportHarness.read;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.brokervx.endpoint.TlsMode;
import io.brokervx.endpoint.TlsOptions;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;
import io.vertx.junit5.VertxExtension;
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
    PeerTransport client = await(dial(vertx, plain(vertx), listener.port));
    PeerTransport server = listener.next();
    assertFalse(client.isEncrypted());
    var got = read(server, 9);
    client.write(Buffer.buffer(new byte[] {0, 0, 0, 5, 7, 'Z', 'E', 'E', 'K'}));
    assertEquals("00000005075a45454b", java.util.HexFormat.of().formatHex(await(got).getBytes()));
  }

  @Test
  void aTlsClientAtAPlaintextListenerIsToldToEnableTls(Vertx vertx) {
    TransportHarness.Listener listener = new TransportHarness.Listener(vertx, plain(vertx));
    var tlsDial = dial(vertx, anonymous(vertx), listener.port);
    TransportException e = failureOf(read(listener.next(), 1));
    assertEquals(TransportFailure.PEER_SPEAKS_TLS, e.failure());
    assertEquals(ModeMismatchDetector.ENABLE_TLS, e.getMessage());
    assertEquals(TransportFailure.CLOSED_DURING_HANDSHAKE, failureOf(tlsDial).failure(), "and the TLS side stops");
  }

  @Test
  void aDialedPeerThatClosesWithoutAWordProbablySpeaksTls(Vertx vertx) {
    var server = vertx.createNetServer().connectHandler(s -> s.handler(b -> s.close()));
    int port = await(server.listen(0, "127.0.0.1")).actualPort();
    PeerTransport t = await(dial(vertx, plain(vertx), port));
    var outcome = read(t, 1);
    t.write(Buffer.buffer(new byte[] {0, 0, 0, 1, 12}));
    TransportException e = failureOf(outcome);
    assertEquals(TransportFailure.PEER_SPEAKS_TLS, e.failure());
    assertEquals(ModeMismatchDetector.SILENT_PEER, e.getMessage());
  }

  @Test
  void anAcceptedPeerThatClosesWithoutAWordIsJustAClose(Vertx vertx) {
    TransportHarness.Listener listener = new TransportHarness.Listener(vertx, plain(vertx));
    NetSocket raw = await(vertx.createNetClient().connect(listener.port, "127.0.0.1"));
    PeerTransport t = listener.next();
    Promise<String> outcome = Promise.promise();
    t.exceptionHandler(err -> outcome.tryComplete("exception " + err.getMessage()));
    t.closeHandler(v -> outcome.tryComplete("closed"));
    raw.close();
    assertEquals("closed", await(outcome.future()));
  }
}
