package io.brokervx.endpoint.impl.transport;

import static io.brokervx.endpoint.impl.transport.TransportHarness.await;
import static io.brokervx.endpoint.impl.transport.TransportHarness.dial;
import static io.brokervx.endpoint.impl.transport.TransportHarness.failureOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brokervx.endpoint.TlsMode;
import io.brokervx.endpoint.TlsOptions;
import io.brokervx.endpoint.impl.transport.TransportHarness.Peer;
import io.brokervx.test.TestCertificates;
import io.brokervx.test.TestCertificates.KeyForm;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Certificate mode (mutual TLS on Vert.x's TLS) between our own connector and acceptor, with a test PKI. */
@ExtendWith(VertxExtension.class)
class CertificateTlsTest {
  private static final String SERVER_DN = "CN=server,O=broker-vertx tests";
  private static final String CLIENT_DN = "CN=client,O=broker-vertx tests";

  @TempDir
  Path dir;
  private TestCertificates pki;

  @BeforeEach
  void pki() throws Exception {
    pki = TestCertificates.createCa(dir, "test-ca");
  }

  private static PeerTransportFactory factory(Vertx vertx, TlsOptions options) {
    return await(PeerTransportFactory.create(vertx, options, 10_000));
  }

  @Test
  void bothSidesAuthenticateAndLearnEachOthersSubject(Vertx vertx) throws Exception {
    TlsOptions server = pki.issue("server", false, KeyForm.ENCRYPTED_PKCS8);
    TlsOptions client = pki.issue("client", false, KeyForm.ENCRYPTED_LEGACY);
    PeerTransportFactory serverTls = factory(vertx, server);
    assertEquals(TlsMode.CERTIFICATE, serverTls.mode());
    TransportHarness.Listener listener = new TransportHarness.Listener(vertx, serverTls);
    Peer c = await(dial(vertx, factory(vertx, client), listener.port));
    Peer s = listener.next();
    assertEquals(SERVER_DN, c.transport.peerIdentity());
    assertEquals(CLIENT_DN, s.transport.peerIdentity());
    assertTrue(c.transport.isEncrypted());
    var got = s.read(4);
    c.write(Buffer.buffer("ping"));
    assertEquals("ping", await(got).toString());
  }

  @Test
  void trustCanComeFromACaDirectory(Vertx vertx) throws Exception {
    Path capath = Files.createDirectory(dir.resolve("capath"));
    Files.copy(pki.caFile(), capath.resolve("0badcafe.0"));
    TlsOptions server = pki.issue("server", false, KeyForm.PLAIN_PKCS8).setCafile(null).setCapath(capath.toString());
    TransportHarness.Listener listener = new TransportHarness.Listener(vertx, factory(vertx, server));
    Peer c = await(dial(vertx, factory(vertx, pki.issue("client", false, KeyForm.PLAIN_PKCS8)),
        listener.port));
    assertEquals(SERVER_DN, c.transport.peerIdentity());
    assertEquals(CLIENT_DN, listener.next().transport.peerIdentity());
  }

  @Test
  void aClientFromAnUnknownCaIsRefusedAndBothSidesSayWhy(Vertx vertx) throws Exception {
    TestCertificates rogue = TestCertificates.createCa(dir, "rogue-ca");
    TlsOptions intruder = rogue.issue("intruder", false, KeyForm.PLAIN_PKCS8).setCafile(pki.caFile().toString());
    TransportHarness.Listener listener =
        new TransportHarness.Listener(vertx, factory(vertx, pki.issue("server", false, KeyForm.PLAIN_PKCS8)));
    // TLS 1.3: the connector's handshake ends before the acceptor checks its certificate, so the refusal
    // arrives as an alert right after the dial succeeded
    TransportException atClient = failureOf(dial(vertx, factory(vertx, intruder), listener.port)
        .compose(t -> t.read(1)));
    assertEquals(TransportFailure.CERTIFICATE_REJECTED, atClient.failure(), atClient.getMessage());
    TransportException atServer = listener.nextFailure();
    assertEquals(TransportFailure.CERTIFICATE_REJECTED, atServer.failure(), atServer.getMessage());
  }

  @Test
  void aServerFromAnUnknownCaIsRefused(Vertx vertx) throws Exception {
    TestCertificates rogue = TestCertificates.createCa(dir, "rogue-ca");
    TlsOptions impostor = rogue.issue("impostor", false, KeyForm.PLAIN_PKCS8).setCafile(pki.caFile().toString());
    TransportHarness.Listener listener = new TransportHarness.Listener(vertx, factory(vertx, impostor));
    TlsOptions client = pki.issue("client", false, KeyForm.PLAIN_PKCS8);
    TransportException e = failureOf(dial(vertx, factory(vertx, client), listener.port));
    assertEquals(TransportFailure.CERTIFICATE_REJECTED, e.failure(), e.getMessage());
  }

  @Test
  void hostnameVerificationIsOffByDefaultAndChecksTheSanWhenAsked(Vertx vertx) throws Exception {
    TransportHarness.Listener noSan =
        new TransportHarness.Listener(vertx, factory(vertx, pki.issue("server", false, KeyForm.PLAIN_PKCS8)));
    TlsOptions client = pki.issue("client", false, KeyForm.PLAIN_PKCS8);
    assertEquals(SERVER_DN, await(dial(vertx, factory(vertx, client), noSan.port)).transport.peerIdentity(),
        "as Broker: a CA signature is enough");
    TlsOptions strict = new TlsOptions(client).setVerifyHostname(true);
    TransportException e = failureOf(dial(vertx, factory(vertx, strict), noSan.port));
    assertEquals(TransportFailure.CERTIFICATE_REJECTED, e.failure(), e.getMessage());

    TransportHarness.Listener withSan =
        new TransportHarness.Listener(vertx, factory(vertx, pki.issue("named", true, KeyForm.PLAIN_PKCS8)));
    assertEquals("CN=named,O=broker-vertx tests",
        await(dial(vertx, factory(vertx, strict), withSan.port)).transport.peerIdentity(), "127.0.0.1 is in the SAN");
  }

  @Test
  void aPlaintextHelloAtACertificateListenerSaysDisableTls(Vertx vertx) throws Exception {
    TransportHarness.Listener listener =
        new TransportHarness.Listener(vertx, factory(vertx, pki.issue("server", false, KeyForm.PLAIN_PKCS8)));
    NetSocket raw = await(vertx.createNetClient().connect(listener.port, "127.0.0.1"));
    raw.write(Buffer.buffer(java.util.HexFormat.of().parseHex("00000017065a45454b" + "11".repeat(16) + "0101")));
    TransportException e = listener.nextFailure();
    assertEquals(TransportFailure.PEER_SPEAKS_PLAINTEXT, e.failure(), e.getMessage());
  }

  @Test
  void aPlaintextProbeAtACertificateConnectorSaysDisableTls(Vertx vertx) throws Exception {
    var server = vertx.createNetServer().connectHandler(s -> s.write(Buffer.buffer(
        java.util.HexFormat.of().parseHex("00000005075a45454b"))));
    int port = await(server.listen(0, "127.0.0.1")).actualPort();
    TransportException e = failureOf(dial(vertx, factory(vertx, pki.issue("client", false, KeyForm.PLAIN_PKCS8)),
        port));
    assertEquals(TransportFailure.PEER_SPEAKS_PLAINTEXT, e.failure(), e.getMessage());
    assertEquals(ModeMismatchDetector.DISABLE_TLS, e.detail());
  }

  @Test
  void certificateAndAnonymousModesNameTheirDifferenceBothWays(Vertx vertx) throws Exception {
    PeerTransportFactory anonymous = factory(vertx, new TlsOptions());
    PeerTransportFactory certified = factory(vertx, pki.issue("node", false, KeyForm.PLAIN_PKCS8));

    TransportHarness.Listener anonListener = new TransportHarness.Listener(vertx, anonymous);
    assertEquals(TransportFailure.TLS_MODES_DIFFER, failureOf(dial(vertx, certified, anonListener.port)).failure());
    assertEquals(TransportFailure.TLS_MODES_DIFFER, anonListener.nextFailure().failure());

    TransportHarness.Listener certListener = new TransportHarness.Listener(vertx, certified);
    assertEquals(TransportFailure.TLS_MODES_DIFFER, failureOf(dial(vertx, anonymous, certListener.port)).failure());
    assertEquals(TransportFailure.TLS_MODES_DIFFER, certListener.nextFailure().failure());
  }

  @Test
  void badSettingsFailTheFactoryNamingTheProblem(Vertx vertx) throws Exception {
    TlsOptions good = pki.issue("node", false, KeyForm.ENCRYPTED_PKCS8);
    assertFactoryFails(vertx, new TlsOptions(good).setPassphrase("wrong"), "wrong passphrase");
    assertFactoryFails(vertx, new TlsOptions(good).setPassphrase(null), "set the tls passphrase");
    assertFactoryFails(vertx, new TlsOptions(good).setCafile(dir.resolve("missing.pem").toString()), "missing.pem");
    assertFactoryFails(vertx, new TlsOptions(good).setKey(null), "needs both 'certificate' and 'key'");
    assertFactoryFails(vertx, new TlsOptions(good).setCafile(null).setCapath(dir.resolve("empty").toString()),
        "is not a directory");
  }

  private static void assertFactoryFails(Vertx vertx, TlsOptions options, String expected) {
    Throwable t = failureCause(PeerTransportFactory.create(vertx, options, 10_000));
    assertInstanceOf(IllegalArgumentException.class, t);
    assertTrue(t.getMessage().contains(expected), t.getMessage());
  }

  private static Throwable failureCause(io.vertx.core.Future<?> f) {
    try {
      f.toCompletionStage().toCompletableFuture().get(TransportHarness.TIMEOUT_MS, java.util.concurrent.TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      return e.getCause();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    throw new AssertionError("succeeded, a failure was expected");
  }
}
