package io.brokervx.endpoint.impl.transport;

import static io.brokervx.endpoint.impl.transport.TransportHarness.await;
import static io.brokervx.endpoint.impl.transport.TransportHarness.dial;
import static io.brokervx.endpoint.impl.transport.TransportHarness.failureOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brokervx.endpoint.TlsOptions;
import io.brokervx.endpoint.impl.transport.TransportHarness.Peer;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URL;
import java.security.Security;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Anonymous mode is scoped to our peerings: after it has run in both roles, the JVM's TLS policy is what it
 * was, and ordinary JSSE clients and servers in the same JVM still refuse the anonymous suite, even when
 * they ask for it by name.
 */
@ExtendWith(VertxExtension.class)
class JvmTlsPolicyTest {
  private static final String ANON_SUITE = "TLS_ECDH_anon_WITH_AES_256_CBC_SHA";

  @Test
  void anonymousModeLeavesTheJvmPolicyAlone(Vertx vertx) throws Exception {
    String policyBefore = Security.getProperty("jdk.tls.disabledAlgorithms");
    List<String> providersBefore = Arrays.stream(Security.getProviders()).map(p -> p.getName()).toList();

    PeerTransportFactory anonymous = await(PeerTransportFactory.create(vertx, new TlsOptions(), 10_000));
    TransportHarness.Listener listener = new TransportHarness.Listener(vertx, anonymous);
    Peer client = await(dial(vertx, anonymous, listener.port));
    Peer server = listener.next();
    var got = server.read(2);
    client.write(Buffer.buffer("ok"));
    assertEquals("ok", await(got).toString(), "anonymous TLS works in both roles here");

    assertEquals(policyBefore, Security.getProperty("jdk.tls.disabledAlgorithms"));
    assertTrue(policyBefore.contains("anon"), policyBefore);
    assertEquals(providersBefore, Arrays.stream(Security.getProviders()).map(p -> p.getName()).toList());
    assertNull(Security.getProvider("BC"), "Bouncy Castle is never registered JVM-wide");
    assertNull(Security.getProvider("BCJSSE"));
    assertFalse(Arrays.asList(SSLContext.getDefault().getDefaultSSLParameters().getCipherSuites()).contains(ANON_SUITE));
  }

  @Test
  void anOrdinarySslSocketStillRefusesTheAnonymousSuite(Vertx vertx) throws Exception {
    TransportHarness.Listener listener =
        new TransportHarness.Listener(vertx, await(PeerTransportFactory.create(vertx, new TlsOptions(), 10_000)));
    try (SSLSocket socket = (SSLSocket) SSLContext.getDefault().getSocketFactory()
        .createSocket(InetAddress.getLoopbackAddress(), listener.port)) {
      socket.setSoTimeout(20_000);
      socket.setEnabledProtocols(new String[] {"TLSv1.2"});
      socket.setEnabledCipherSuites(new String[] {ANON_SUITE});
      SSLException e = assertThrows(SSLException.class, socket::startHandshake);
      assertTrue(e.getMessage().contains("No appropriate protocol"), e.getMessage());
    }
  }

  @Test
  void httpsUrlConnectionFindsNoCommonSuiteWithOurAnonymousListener(Vertx vertx) throws Exception {
    TransportHarness.Listener listener =
        new TransportHarness.Listener(vertx, await(PeerTransportFactory.create(vertx, new TlsOptions(), 10_000)));
    HttpsURLConnection https = (HttpsURLConnection) new URL("https://127.0.0.1:" + listener.port + "/").openConnection();
    https.setConnectTimeout(20_000);
    https.setReadTimeout(20_000);
    assertThrows(SSLException.class, https::getInputStream);
    assertEquals(TransportFailure.TLS_MODES_DIFFER, listener.nextFailure().failure(),
        "the JSSE client offered no anonymous suite");
  }

  @Test
  void anOrdinarySslServerSocketStillRefusesOurAnonymousClient(Vertx vertx) throws Exception {
    try (SSLServerSocket server = (SSLServerSocket) SSLContext.getDefault().getServerSocketFactory()
        .createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      server.setEnabledCipherSuites(new String[] {ANON_SUITE});
      CompletableFuture<Throwable> serverOutcome = new CompletableFuture<>();
      Thread acceptor = new Thread(() -> {
        try (SSLSocket s = (SSLSocket) server.accept()) {
          s.setSoTimeout(20_000);
          s.startHandshake();
          serverOutcome.complete(null);
        } catch (IOException e) {
          serverOutcome.complete(e);
        }
      }, "jsse-server");
      acceptor.start();
      var dialed = dial(vertx, await(PeerTransportFactory.create(vertx, new TlsOptions(), 10_000)),
          server.getLocalPort());
      Throwable refusal = serverOutcome.get(20, TimeUnit.SECONDS);
      assertTrue(refusal instanceof SSLException && refusal.getMessage().contains("No appropriate protocol"),
          "JSSE refuses to serve the anonymous suite: " + refusal);
      assertEquals(TransportFailure.CLOSED_DURING_HANDSHAKE, failureOf(dialed).failure(),
          "JSSE hangs up without an alert");
      acceptor.join(20_000);
    }
  }
}
