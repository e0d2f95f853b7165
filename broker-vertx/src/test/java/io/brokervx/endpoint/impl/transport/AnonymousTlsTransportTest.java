package io.brokervx.endpoint.impl.transport;

import static io.brokervx.endpoint.impl.transport.TransportHarness.await;
import static io.brokervx.endpoint.impl.transport.TransportHarness.dial;
import static io.brokervx.endpoint.impl.transport.TransportHarness.failureOf;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brokervx.endpoint.TlsMode;
import io.brokervx.endpoint.TlsOptions;
import io.brokervx.endpoint.impl.transport.TransportHarness.Peer;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;
import io.vertx.junit5.VertxExtension;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Broker's anonymous TLS between our own connector and acceptor over real loopback sockets. */
@ExtendWith(VertxExtension.class)
class AnonymousTlsTransportTest {
  private static PeerTransportFactory anonymous(Vertx vertx, long handshakeTimeoutMs) {
    return await(PeerTransportFactory.create(vertx, new TlsOptions(), handshakeTimeoutMs));
  }

  @Test
  void bytesCrossBothWaysEncryptedAndIntact(Vertx vertx) {
    PeerTransportFactory tls = anonymous(vertx, 10_000);
    assertEquals(TlsMode.ANONYMOUS, tls.mode());
    TransportHarness.Listener listener = new TransportHarness.Listener(vertx, tls);
    Peer client = await(dial(vertx, tls, listener.port));
    Peer server = listener.next();
    assertTrue(client.transport.isEncrypted() && server.transport.isEncrypted());
    assertNull(client.transport.peerIdentity(), "anonymous TLS authenticates nobody");

    byte[] big = new byte[1 << 20];
    new Random(7).nextBytes(big);
    var atServer = server.read(big.length);
    for (int off = 0; off < big.length; off += 65536) {
      client.write(Buffer.buffer(java.util.Arrays.copyOfRange(big, off, off + 65536)));
    }
    assertArrayEquals(big, await(atServer).getBytes(), "1 MiB arrives byte for byte");

    var atClient = client.read(5);
    server.write(Buffer.buffer("hello"));
    assertEquals("hello", await(atClient).toString());
  }

  @Test
  void closeSendsCloseNotifyAndThePeerSeesTheClose(Vertx vertx) {
    PeerTransportFactory tls = anonymous(vertx, 10_000);
    TransportHarness.Listener listener = new TransportHarness.Listener(vertx, tls);
    Peer client = await(dial(vertx, tls, listener.port));
    Peer server = listener.next();
    await(client.close());
    await(server.closed());
  }

  @Test
  void whatArrivesBeforeTheHandlersAreSetIsHeldAndDeliveredInOrder(Vertx vertx) {
    PeerTransportFactory tls = anonymous(vertx, 10_000);
    // the acceptor sets its handlers 300 ms after TLS is up; meanwhile the connector writes and closes
    TransportHarness.Listener listener = new TransportHarness.Listener(vertx, tls, 300);
    Peer client = await(dial(vertx, tls, listener.port));
    await(client.write(Buffer.buffer("probe")));
    await(client.close());
    Peer server = listener.next();
    assertEquals("probe", await(server.read(5)).toString());
    await(server.closed());
  }

  @Test
  void plaintextBrokerHelloOnATlsPortSaysDisableTls(Vertx vertx) {
    TransportHarness.Listener listener = new TransportHarness.Listener(vertx, anonymous(vertx, 10_000));
    NetSocket raw = await(vertx.createNetClient().connect(listener.port, "127.0.0.1"));
    raw.write(Buffer.buffer(HexFormat.of().parseHex("00000017065a45454b101112131415161718191a1b1c1d1e1f0101")));
    TransportException e = listener.nextFailure();
    assertEquals(TransportFailure.PEER_SPEAKS_PLAINTEXT, e.failure());
    assertEquals(ModeMismatchDetector.DISABLE_TLS, e.detail());
  }

  @Test
  void garbageOnATlsPortFailsCleanly(Vertx vertx) {
    TransportHarness.Listener listener = new TransportHarness.Listener(vertx, anonymous(vertx, 10_000));
    NetSocket raw = await(vertx.createNetClient().connect(listener.port, "127.0.0.1"));
    raw.write(Buffer.buffer("GET / HTTP/1.1\r\n\r\n"));
    TransportException e = listener.nextFailure();
    assertEquals(TransportFailure.NOT_TLS, e.failure());
    assertTrue(e.getMessage().contains("474554202f"), e.getMessage());
  }

  @Test
  void aMalformedRecordAfterAValidHeaderFailsWithATlsError(Vertx vertx) {
    TransportHarness.Listener listener = new TransportHarness.Listener(vertx, anonymous(vertx, 10_000));
    NetSocket raw = await(vertx.createNetClient().connect(listener.port, "127.0.0.1"));
    byte[] junk = new byte[64];
    new Random(1).nextBytes(junk);
    raw.write(Buffer.buffer(new byte[] {0x16, 0x03, 0x03, 0x00, 0x40}).appendBytes(junk));
    assertEquals(TransportFailure.TLS_ERROR, listener.nextFailure().failure());
  }

  @Test
  void anOversizedRecordIsRefusedNotBuffered(Vertx vertx) {
    TransportHarness.Listener listener = new TransportHarness.Listener(vertx, anonymous(vertx, 10_000));
    NetSocket raw = await(vertx.createNetClient().connect(listener.port, "127.0.0.1"));
    raw.write(Buffer.buffer(new byte[] {0x16, 0x03, 0x03, (byte) 0xff, (byte) 0xff}));
    assertEquals(TransportFailure.TLS_ERROR, listener.nextFailure().failure());
  }

  @Test
  void aTruncatedHandshakeTimesOut(Vertx vertx) {
    TransportHarness.Listener listener = new TransportHarness.Listener(vertx, anonymous(vertx, 300));
    NetSocket raw = await(vertx.createNetClient().connect(listener.port, "127.0.0.1"));
    var closed = io.vertx.core.Promise.<Void>promise();
    raw.closeHandler(closed::tryComplete);
    raw.write(Buffer.buffer(new byte[] {0x16, 0x03, 0x01, 0x00, (byte) 0x80, 0x01, 0x00}));
    TransportException e = listener.nextFailure();
    assertEquals(TransportFailure.HANDSHAKE_TIMEOUT, e.failure());
    await(closed.future());
  }

  @Test
  void aPeerClosingMidHandshakeFailsTheHandshake(Vertx vertx) {
    TransportHarness.Listener listener = new TransportHarness.Listener(vertx, anonymous(vertx, 10_000));
    NetSocket raw = await(vertx.createNetClient().connect(listener.port, "127.0.0.1"));
    raw.write(Buffer.buffer(new byte[] {0x16, 0x03, 0x01, 0x00, (byte) 0x80, 0x01, 0x00}));
    raw.close();
    assertEquals(TransportFailure.CLOSED_DURING_HANDSHAKE, listener.nextFailure().failure());
  }

  @Test
  void aServerThatSaysNothingAndClosesFailsTheDial(Vertx vertx) {
    var server = vertx.createNetServer().connectHandler(NetSocket::close);
    int port = await(server.listen(0, "127.0.0.1")).actualPort();
    TransportException e = failureOf(dial(vertx, anonymous(vertx, 10_000), port));
    assertEquals(TransportFailure.CLOSED_DURING_HANDSHAKE, e.failure());
  }
}
