package io.brokervx.endpoint.impl.transport;

import static io.brokervx.endpoint.impl.transport.TransportHarness.await;
import static io.brokervx.endpoint.impl.transport.TransportHarness.dial;
import static io.brokervx.endpoint.impl.transport.TransportHarness.failureOf;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.brokervx.endpoint.TlsMode;
import io.brokervx.test.BrokerProcess;
import io.brokervx.endpoint.TlsOptions;
import io.brokervx.endpoint.impl.transport.TransportHarness.Peer;
import io.brokervx.test.TestCertificates;
import io.brokervx.test.TestCertificates.KeyForm;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our transports against a real Broker 6.2 in each of its TLS modes, both roles: TLS completes and Broker's
 * first plaintext-layer frame (the acceptor's {@code probe}, the connector's {@code hello}; reference §2.5)
 * arrives through it; a peer in the other mode gets the one clear message. Skipped without Broker.
 */
@Tag("interop")
@ExtendWith(VertxExtension.class)
class BrokerTlsInteropTest {
  /** Broker's probe frame: length 5, type 7, magic ZEEK. */
  private static final String PROBE = "00000005075a45454b";
  /** A hello from endpoint ff…ff (larger than any Broker id, so Broker becomes the originator), versions 1–1. */
  private static final String HELLO_FROM_MAX_ID = "00000017065a45454b" + "ff".repeat(16) + "0101";
  private static final int VERSION_SELECT = 8;
  private static final int HELLO = 6;

  @TempDir
  Path dir;

  @BeforeEach
  void needsBroker() {
    BrokerProcess.assumeAvailable();
  }

  private static PeerTransportFactory factory(Vertx vertx, TlsOptions options) {
    return await(PeerTransportFactory.create(vertx, options, 10_000));
  }

  @Test
  void anonymousConnectorTalksToBrokersDefaultListener(Vertx vertx) throws Exception {
    try (BrokerProcess broker = BrokerProcess.listen(new JsonObject(), dir)) {
      Peer t = await(dial(vertx, factory(vertx, new TlsOptions()), broker.port()));
      assertEquals(PROBE, hex(await(t.read(9))), "Broker's probe arrives through TLS");
      var reply = t.read(5);
      t.write(Buffer.buffer(HexFormat.of().parseHex(HELLO_FROM_MAX_ID)));
      assertEquals(VERSION_SELECT, await(reply).getUnsignedByte(4), "Broker read our hello through TLS and answers");
    }
  }

  @Test
  void brokerDialsOurAnonymousListenerWithItsDefaults(Vertx vertx) throws Exception {
    TransportHarness.Listener listener = new TransportHarness.Listener(vertx, factory(vertx, new TlsOptions()));
    try (BrokerProcess broker = BrokerProcess.dial(listener.port, List.of(), dir)) {
      Peer t = listener.next();
      assertEquals(TlsMode.ANONYMOUS, t.transport.mode());
      Buffer hello = await(t.read(9));
      assertEquals(HELLO, hello.getUnsignedByte(4), "Broker's hello arrives through TLS: " + hex(hello)
          + "; Broker said: " + broker.transcript());
      assertEquals("5a45454b", hex(hello.getBuffer(5, 9)));
    }
  }

  @Test
  void mutualTlsWithBrokerAsAcceptor(Vertx vertx) throws Exception {
    TestCertificates pki = TestCertificates.createCa(dir, "test-ca");
    TlsOptions brokers = pki.issue("broker-node", false, KeyForm.ENCRYPTED_PKCS8);
    TlsOptions ours = pki.issue("vertx-node", false, KeyForm.ENCRYPTED_LEGACY);
    try (BrokerProcess broker = BrokerProcess.listen(brokerSettings(brokers), dir)) {
      Peer t = await(dial(vertx, factory(vertx, ours), broker.port()));
      assertEquals("CN=broker-node,O=broker-vertx tests", t.transport.peerIdentity());
      assertEquals(PROBE, hex(await(t.read(9))));
    }
  }

  @Test
  void mutualTlsWithBrokerAsConnector(Vertx vertx) throws Exception {
    TestCertificates pki = TestCertificates.createCa(dir, "test-ca");
    TlsOptions brokers = pki.issue("broker-pipe", false, KeyForm.PLAIN_PKCS8);
    TransportHarness.Listener listener =
        new TransportHarness.Listener(vertx, factory(vertx, pki.issue("vertx-node", false, KeyForm.PLAIN_PKCS8)));
    try (BrokerProcess broker = BrokerProcess.dial(listener.port, pipeOptions(brokers), dir)) {
      Peer t = listener.next();
      assertEquals("CN=broker-pipe,O=broker-vertx tests", t.transport.peerIdentity());
      assertEquals(HELLO, await(t.read(9)).getUnsignedByte(4), broker.transcript());
    }
  }

  @Test
  void brokerWithACertificateFromAnUnknownCaIsRefused(Vertx vertx) throws Exception {
    TestCertificates pki = TestCertificates.createCa(dir, "test-ca");
    TestCertificates rogue = TestCertificates.createCa(dir, "rogue-ca");
    TlsOptions brokers = rogue.issue("intruder", false, KeyForm.PLAIN_PKCS8).setCafile(pki.caFile().toString());
    TransportHarness.Listener listener =
        new TransportHarness.Listener(vertx, factory(vertx, pki.issue("vertx-node", false, KeyForm.PLAIN_PKCS8)));
    try (BrokerProcess broker = BrokerProcess.dial(listener.port, pipeOptions(brokers), dir)) {
      TransportException e = listener.nextFailure();
      assertEquals(TransportFailure.CERTIFICATE_REJECTED, e.failure(), e.getMessage() + "; " + broker.transcript());
    }
  }

  @Test
  void plaintextBrokerDialingOurTlsListenerIsToldToDisableTls(Vertx vertx) throws Exception {
    TransportHarness.Listener listener = new TransportHarness.Listener(vertx, factory(vertx, new TlsOptions()));
    try (BrokerProcess broker = BrokerProcess.dial(listener.port, List.of("--disable-ssl"), dir)) {
      TransportException e = listener.nextFailure();
      assertEquals(TransportFailure.PEER_SPEAKS_PLAINTEXT, e.failure(), broker.transcript());
      assertEquals(ModeMismatchDetector.DISABLE_TLS, e.detail());
    }
  }

  @Test
  void tlsBrokerDialingOurPlaintextListenerIsToldToEnableTls(Vertx vertx) throws Exception {
    TlsOptions off = new TlsOptions().setMode(TlsMode.OFF);
    TransportHarness.Listener listener = new TransportHarness.Listener(vertx, factory(vertx, off));
    try (BrokerProcess broker = BrokerProcess.dial(listener.port, List.of(), dir)) {
      TransportException e = failureOf(listener.next().read(1));
      assertEquals(TransportFailure.PEER_SPEAKS_TLS, e.failure(), broker.transcript());
      assertEquals(ModeMismatchDetector.ENABLE_TLS, e.detail());
    }
  }

  @Test
  void ourPlaintextConnectorAtBrokersTlsListenerIsToldToEnableTls(Vertx vertx) throws Exception {
    try (BrokerProcess broker = BrokerProcess.listen(new JsonObject(), dir)) {
      Peer t = await(dial(vertx, factory(vertx, new TlsOptions().setMode(TlsMode.OFF)), broker.port()));
      var outcome = t.read(1);
      t.write(Buffer.buffer(HexFormat.of().parseHex(HELLO_FROM_MAX_ID)));
      TransportException e = failureOf(outcome);
      assertEquals(TransportFailure.PEER_SPEAKS_TLS, e.failure());
      assertEquals(ModeMismatchDetector.SILENT_PEER, e.detail());
    }
  }

  @Test
  void ourTlsConnectorAtBrokersPlaintextListenerIsToldToDisableTls(Vertx vertx) throws Exception {
    try (BrokerProcess broker = BrokerProcess.listen(new JsonObject().put("disable_ssl", true), dir)) {
      int port = broker.port();
      for (TlsOptions mode : List.of(new TlsOptions(), TestCertificates.createCa(dir, "test-ca")
          .issue("vertx-node", false, KeyForm.PLAIN_PKCS8))) {
        TransportException e = failureOf(dial(vertx, factory(vertx, mode), port));
        assertEquals(TransportFailure.PEER_SPEAKS_PLAINTEXT, e.failure(), mode.getMode() + ": " + e.getMessage());
      }
    }
  }

  @Test
  void anonymousAgainstCertificateModeSaysTheModesDiffer(Vertx vertx) throws Exception {
    TestCertificates pki = TestCertificates.createCa(dir, "test-ca");
    try (BrokerProcess broker = BrokerProcess.listen(brokerSettings(pki.issue("broker-node", false,
        KeyForm.PLAIN_PKCS8)), dir)) {
      TransportException e = failureOf(dial(vertx, factory(vertx, new TlsOptions()), broker.port()));
      assertEquals(TransportFailure.TLS_MODES_DIFFER, e.failure(), e.getMessage());
    }
    try (BrokerProcess broker = BrokerProcess.listen(new JsonObject(), dir)) {
      TlsOptions ours = pki.issue("vertx-node", false, KeyForm.PLAIN_PKCS8);
      TransportException e = failureOf(dial(vertx, factory(vertx, ours), broker.port()));
      assertEquals(TransportFailure.TLS_MODES_DIFFER, e.failure(), e.getMessage());
    }
  }

  private static JsonObject brokerSettings(TlsOptions o) {
    JsonObject j = new JsonObject().put("certificate", o.getCertificate()).put("key", o.getKey())
        .put("cafile", o.getCafile());
    return o.getPassphrase() == null ? j : j.put("passphrase", o.getPassphrase());
  }

  private static List<String> pipeOptions(TlsOptions o) {
    List<String> args = new java.util.ArrayList<>(List.of("--broker.ssl.certificate=" + o.getCertificate(),
        "--broker.ssl.key=" + o.getKey(), "--broker.ssl.cafile=" + o.getCafile()));
    if (o.getPassphrase() != null) {
      args.add("--broker.ssl.passphrase=" + o.getPassphrase());
    }
    return args;
  }

  private static String hex(Buffer b) {
    return HexFormat.of().formatHex(b.getBytes());
  }
}
