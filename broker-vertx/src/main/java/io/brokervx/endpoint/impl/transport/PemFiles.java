package io.brokervx.endpoint.impl.transport;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMDecryptorProviderBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.PKCSException;

/**
 * Reads the PEM files Broker's {@code ssl.*} options name, the way OpenSSL does: certificate chains and CA
 * bundles (several certificates per file, text between them allowed), an OpenSSL-style CA directory, and
 * private keys in every common PEM form — PKCS#8, PKCS#1 RSA, SEC1 EC — plain or encrypted (PKCS#8
 * {@code ENCRYPTED PRIVATE KEY} or OpenSSL's legacy {@code Proc-Type: 4,ENCRYPTED}) with a passphrase.
 *
 * <p>Keys and certificates come out as the JDK's own objects (what JSSE expects). Bouncy Castle's provider
 * only decrypts keys, handed to the decryptors as an object and never registered with
 * {@code java.security.Security}: nothing JVM-wide changes. Reading files blocks: call from a worker.
 */
final class PemFiles {
  private static final Provider BC = new BouncyCastleProvider();

  private PemFiles() {
  }

  /**
   * @return every certificate in {@code file}, in order
   * @throws IllegalArgumentException when the file holds none
   */
  static List<X509Certificate> certificates(Path file) throws IOException, CertificateException {
    List<X509Certificate> certs = readCertificates(file);
    if (certs.isEmpty()) {
      throw new IllegalArgumentException("no PEM certificate in " + file);
    }
    return certs;
  }

  /**
   * @return the certificates of every file in {@code dir} (an OpenSSL CA directory holds them as
   *     {@code <hash>.0}); files without PEM certificates, such as CRLs, add none
   * @throws IllegalArgumentException when {@code dir} is not a directory
   */
  static List<X509Certificate> certificatesIn(Path dir) throws IOException, CertificateException {
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException("capath " + dir + " is not a directory");
    }
    List<X509Certificate> certs = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
        certs.addAll(readCertificates(f));
      }
    }
    return certs;
  }

  /**
   * @return the private key in {@code file}, decrypted with {@code passphrase} when it is encrypted
   * @throws IllegalArgumentException when the file holds no key, the key is encrypted and no passphrase is
   *     given, or the passphrase does not decrypt it
   */
  static PrivateKey privateKey(Path file, String passphrase) throws IOException {
    JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1); PEMParser pem = new PEMParser(r)) {
      for (Object o = pem.readObject(); o != null; o = pem.readObject()) {
        if (o instanceof PEMKeyPair pair) {
          return converter.getPrivateKey(pair.getPrivateKeyInfo());
        }
        if (o instanceof PrivateKeyInfo info) {
          return converter.getPrivateKey(info);
        }
        if (o instanceof PEMEncryptedKeyPair legacy) {
          char[] pw = requirePassphrase(file, passphrase);
          return converter.getPrivateKey(legacy.decryptKeyPair(
              new JcePEMDecryptorProviderBuilder().setProvider(BC).build(pw)).getPrivateKeyInfo());
        }
        if (o instanceof PKCS8EncryptedPrivateKeyInfo encrypted) {
          char[] pw = requirePassphrase(file, passphrase);
          return converter.getPrivateKey(encrypted.decryptPrivateKeyInfo(
              new JceOpenSSLPKCS8DecryptorProviderBuilder().setProvider(BC).build(pw)));
        }
      }
    } catch (PKCSException | OperatorCreationException | org.bouncycastle.openssl.EncryptionException e) {
      throw new IllegalArgumentException("cannot decrypt the private key in " + file + " (wrong passphrase?)", e);
    }
    throw new IllegalArgumentException("no PEM private key in " + file);
  }

  private static char[] requirePassphrase(Path file, String passphrase) {
    if (passphrase == null) {
      throw new IllegalArgumentException("the private key in " + file + " is encrypted; set the tls passphrase");
    }
    return passphrase.toCharArray();
  }

  private static List<X509Certificate> readCertificates(Path file) throws IOException, CertificateException {
    JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
    List<X509Certificate> certs = new ArrayList<>();
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1); PEMParser pem = new PEMParser(r)) {
      for (Object o = pem.readObject(); o != null; o = pem.readObject()) {
        if (o instanceof X509CertificateHolder holder) {
          certs.add(converter.getCertificate(holder));
        }
      }
    }
    return certs;
  }
}
