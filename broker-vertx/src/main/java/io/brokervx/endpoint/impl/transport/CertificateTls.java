package io.brokervx.endpoint.impl.transport;

import io.brokervx.endpoint.TlsOptions;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.net.KeyCertOptions;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.TrustOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * Broker's certificate mode on Vert.x's own TLS (JSSE with the JVM's default policy): this node's certificate
 * and key, peers verified against the configured CAs on both sides (client authentication required), TLS 1.2
 * and 1.3 only. As in Broker, no host name check unless {@link TlsOptions#isVerifyHostname()} asks for one
 * (then the dialed host must match the peer certificate's subject alternative names).
 */
final class CertificateTls {
  /** Broker disables everything below TLS 1.2. */
  static final Set<String> PROTOCOLS = Set.of("TLSv1.2", "TLSv1.3");

  /** Protects the key inside the in-memory key store only; it is never written anywhere. */
  private static final char[] IN_MEMORY_PASSWORD = "in-memory".toCharArray();

  private final KeyManagerFactory keys;
  private final TrustManagerFactory trust;
  private final boolean verifyHostname;

  private CertificateTls(KeyManagerFactory keys, TrustManagerFactory trust, boolean verifyHostname) {
    this.keys = keys;
    this.trust = trust;
    this.verifyHostname = verifyHostname;
  }

  /**
   * Reads the certificate, key and CAs that {@code options} name. Blocks on file I/O: call from a worker.
   *
   * @throws IllegalArgumentException naming the file that is missing, unreadable or holds the wrong thing
   */
  static CertificateTls load(TlsOptions options) {
    try {
      List<X509Certificate> chain = PemFiles.certificates(Path.of(options.getCertificate()));
      PrivateKey key = PemFiles.privateKey(Path.of(options.getKey()), options.getPassphrase());
      KeyStore identity = KeyStore.getInstance("PKCS12");
      identity.load(null, null);
      identity.setKeyEntry("node", key, IN_MEMORY_PASSWORD, chain.toArray(new X509Certificate[0]));
      KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(identity, IN_MEMORY_PASSWORD);

      List<X509Certificate> cas = new ArrayList<>();
      if (options.getCafile() != null) {
        cas.addAll(PemFiles.certificates(Path.of(options.getCafile())));
      }
      if (options.getCapath() != null) {
        cas.addAll(PemFiles.certificatesIn(Path.of(options.getCapath())));
      }
      if (cas.isEmpty()) {
        throw new IllegalArgumentException("no CA certificate in capath " + options.getCapath());
      }
      KeyStore trusted = KeyStore.getInstance("PKCS12");
      trusted.load(null, null);
      for (int i = 0; i < cas.size(); i++) {
        trusted.setCertificateEntry("ca-" + i, cas.get(i));
      }
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trusted);
      return new CertificateTls(kmf, tmf, options.isVerifyHostname());
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException("cannot load the tls certificate settings: " + e.getMessage(), e);
    }
  }

  /** @return {@code base} (changed in place) set up for mutual TLS as an acceptor */
  NetServerOptions apply(NetServerOptions base, long handshakeTimeoutMs) {
    return base.setSsl(true).setKeyCertOptions(KeyCertOptions.wrap(keys)).setTrustOptions(TrustOptions.wrap(trust))
        .setClientAuth(ClientAuth.REQUIRED).setEnabledSecureTransportProtocols(PROTOCOLS)
        .setSslHandshakeTimeout(handshakeTimeoutMs).setSslHandshakeTimeoutUnit(TimeUnit.MILLISECONDS);
  }

  /** @return {@code base} (changed in place) set up for mutual TLS as a connector */
  NetClientOptions apply(NetClientOptions base, long handshakeTimeoutMs) {
    return base.setSsl(true).setKeyCertOptions(KeyCertOptions.wrap(keys)).setTrustOptions(TrustOptions.wrap(trust))
        .setEnabledSecureTransportProtocols(PROTOCOLS).setHostnameVerificationAlgorithm(verifyHostname ? "HTTPS" : "")
        .setSslHandshakeTimeout(handshakeTimeoutMs).setSslHandshakeTimeoutUnit(TimeUnit.MILLISECONDS);
  }
}
