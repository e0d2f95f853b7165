package io.brokervx.endpoint.impl.transport;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.Vector;
import org.bouncycastle.tls.AbstractTlsServer;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.DefaultTlsClient;
import org.bouncycastle.tls.NamedGroup;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.TlsAuthentication;
import org.bouncycastle.tls.TlsClientProtocol;
import org.bouncycastle.tls.TlsContext;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsServerCertificate;
import org.bouncycastle.tls.TlsServerProtocol;
import org.bouncycastle.tls.crypto.TlsCrypto;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCryptoProvider;

/**
 * Broker's anonymous TLS in Bouncy Castle's low-level API, both roles: TLS 1.2 only, the one cipher suite
 * {@code TLS_ECDH_anon_WITH_AES_256_CBC_SHA} (OpenSSL's {@code AECDH-AES256-SHA}) on curve secp384r1, exactly
 * what Broker's OpenSSL context offers and accepts (reference §6.1).
 *
 * <p>The engines run in non-blocking mode (bytes in through {@code offerInput}, out through
 * {@code readOutput}), so they never touch a stream or a thread. Cryptography goes through
 * {@code JcaTlsCrypto}, i.e. the JDK's providers (AES on the CPU's AES instructions), not JSSE: the JVM-wide
 * {@code jdk.tls.disabledAlgorithms}, which forbids anonymous suites, stays in force for every other TLS user.
 */
final class AnonymousTls {
  /** The only cipher suite: OpenSSL's {@code AECDH-AES256-SHA}. */
  static final int CIPHER_SUITE = CipherSuite.TLS_ECDH_anon_WITH_AES_256_CBC_SHA;
  /** The only curve: P-384, as Broker sets it. */
  static final int CURVE = NamedGroup.secp384r1;

  /** One crypto for every engine: it holds only the (thread-safe) random source and provider lookups. */
  private static final TlsCrypto CRYPTO = new JcaTlsCryptoProvider().create(new SecureRandom());

  private AnonymousTls() {
  }

  /** @return a client engine whose ClientHello is already waiting in its output */
  static TlsClientProtocol startClient(Runnable onHandshakeComplete) throws IOException {
    TlsClientProtocol protocol = new TlsClientProtocol();
    protocol.connect(new Client(onHandshakeComplete));
    return protocol;
  }

  /** @return a server engine waiting for a ClientHello */
  static TlsServerProtocol startServer(Runnable onHandshakeComplete) throws IOException {
    TlsServerProtocol protocol = new TlsServerProtocol();
    protocol.accept(new Server(onHandshakeComplete));
    return protocol;
  }

  /** @return Bouncy Castle's name for a TLS alert, e.g. {@code handshake_failure} */
  static String alertName(short description) {
    return AlertDescription.getName(description);
  }

  /**
   * Ends a handshake, for both roles: refuses one that settled on any suite but Broker's (a guard: only that
   * one is ever offered), else tells the transport.
   */
  private static void handshakeDone(TlsContext context, Runnable onHandshakeComplete) throws IOException {
    int selected = context.getSecurityParametersConnection().getCipherSuite();
    if (selected != CIPHER_SUITE) {
      throw new TlsFatalAlert(AlertDescription.handshake_failure, "unexpected cipher suite " + selected);
    }
    onHandshakeComplete.run();
  }

  /** The connector's side. */
  private static final class Client extends DefaultTlsClient {
    private final Runnable onHandshakeComplete;

    Client(Runnable onHandshakeComplete) {
      super(CRYPTO);
      this.onHandshakeComplete = onHandshakeComplete;
    }

    @Override
    protected ProtocolVersion[] getSupportedVersions() {
      return ProtocolVersion.TLSv12.only();
    }

    @Override
    protected int[] getSupportedCipherSuites() {
      return new int[] {CIPHER_SUITE};
    }

    @Override
    protected Vector<Integer> getSupportedGroups(@SuppressWarnings("rawtypes") Vector namedGroupRoles) {
      Vector<Integer> groups = new Vector<>();
      groups.add(CURVE);
      return groups;
    }

    @Override
    public TlsAuthentication getAuthentication() {
      return new TlsAuthentication() {
        @Override
        public void notifyServerCertificate(TlsServerCertificate serverCertificate) throws IOException {
          throw new TlsFatalAlert(AlertDescription.unexpected_message, "anonymous TLS: no server certificate");
        }

        @Override
        public TlsCredentials getClientCredentials(CertificateRequest certificateRequest) {
          return null;
        }
      };
    }

    @Override
    public void notifyHandshakeComplete() throws IOException {
      handshakeDone(context, onHandshakeComplete);
    }
  }

  /** The acceptor's side. */
  private static final class Server extends AbstractTlsServer {
    private final Runnable onHandshakeComplete;

    Server(Runnable onHandshakeComplete) {
      super(CRYPTO);
      this.onHandshakeComplete = onHandshakeComplete;
    }

    @Override
    protected ProtocolVersion[] getSupportedVersions() {
      return ProtocolVersion.TLSv12.only();
    }

    @Override
    protected int[] getSupportedCipherSuites() {
      return new int[] {CIPHER_SUITE};
    }

    @Override
    public int[] getSupportedGroups() {
      return new int[] {CURVE};
    }

    /** Picks P-384 if the client offers it (or names no curves); anything else fails the handshake. */
    @Override
    protected int selectECDH(int minimumCurveBits) {
      int[] offered = context.getSecurityParametersHandshake().getClientSupportedGroups();
      if (offered == null) {
        return CURVE;
      }
      for (int group : offered) {
        if (group == CURVE) {
          return CURVE;
        }
      }
      return -1;
    }

    @Override
    public TlsCredentials getCredentials() {
      return null;
    }

    @Override
    public void notifyHandshakeComplete() throws IOException {
      handshakeDone(context, onHandshakeComplete);
    }
  }
}
