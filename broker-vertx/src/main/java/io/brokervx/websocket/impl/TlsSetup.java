package io.brokervx.websocket.impl;

import io.brokervx.websocket.WebSocketTlsOptions;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLPeerUnverifiedException;

/** Turns {@link WebSocketTlsOptions} into Vert.x's TLS settings, and reads a verified peer's subject. */
public final class TlsSetup {
  private TlsSetup() {
  }

  /** Configures {@code http} for {@code wss} when {@code tls} has an identity. */
  static void server(HttpServerOptions http, WebSocketTlsOptions tls) {
    if (!tls.hasIdentity()) {
      return;
    }
    http.setSsl(true).setKeyCertOptions(new PemKeyCertOptions().setCertPath(tls.getCertificate())
        .setKeyPath(tls.getKey()));
    if (tls.isVerifyPeer()) {
      http.setTrustOptions(new PemTrustOptions().addCertPath(tls.getCafile())).setClientAuth(ClientAuth.REQUIRED);
    }
  }

  /** Configures {@code client} for {@code wss}: trust {@code cafile} (else the JVM's), present a certificate if set. */
  static void client(NetClientOptions client, WebSocketTlsOptions tls) {
    client.setSsl(true).setHostnameVerificationAlgorithm("HTTPS");
    if (tls.getCafile() != null) {
      client.setTrustOptions(new PemTrustOptions().addCertPath(tls.getCafile()));
    }
    if (tls.hasIdentity()) {
      client.setKeyCertOptions(new PemKeyCertOptions().setCertPath(tls.getCertificate()).setKeyPath(tls.getKey()));
    }
  }

  /** @return the subject of the first of {@code peer}'s certificates, or null when there are none */
  static String subject(List<Certificate> peer) {
    return !peer.isEmpty() && peer.get(0) instanceof X509Certificate x
        ? x.getSubjectX500Principal().getName() : null;
  }

  /** A source of peer certificates that throws when the peer is not verified. */
  @FunctionalInterface
  interface PeerCertificates {
    /** @return the peer's certificates */
    List<Certificate> get() throws SSLPeerUnverifiedException;
  }

  /** @return the verified subject from {@code certificates}, or null when TLS is off or unverified */
  static String verifiedSubject(boolean ssl, PeerCertificates certificates) {
    if (!ssl) {
      return null;
    }
    try {
      return subject(certificates.get());
    } catch (SSLPeerUnverifiedException e) {
      return null;
    }
  }
}
