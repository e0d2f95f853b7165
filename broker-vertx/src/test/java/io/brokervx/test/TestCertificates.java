package io.brokervx.test;

import io.brokervx.endpoint.TlsOptions;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMEncryptorBuilder;
import org.bouncycastle.openssl.PEMEncryptor;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.util.encoders.Hex;
import org.bouncycastle.util.io.pem.PemHeader;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A small PKI made by a test: a CA and leaf certificates (EC P-256, SHA-256) written as PEM files the way
 * OpenSSL writes them, with the keys plain, PKCS#8-encrypted or in OpenSSL's legacy encrypted form.
 */
public final class TestCertificates {
  /** The passphrase of every encrypted key written here. */
  public static final String PASSPHRASE = "correct horse battery staple";

  private static final SecureRandom RANDOM = new SecureRandom();
  /** Encrypts test keys only; handed to the encryptors, never registered JVM-wide. */
  private static final Provider BC = new BouncyCastleProvider();

  private final Path dir;
  private final String caName;
  private final KeyPair caKeys;
  private final X509Certificate ca;

  private TestCertificates(Path dir, String caName) throws GeneralSecurityException, IOException {
    this.dir = dir;
    this.caName = caName;
    this.caKeys = newKeys();
    X500Name subject = new X500Name("O=broker-vertx tests,CN=" + caName);
    X509v3CertificateBuilder b = builder(subject, subject, caKeys)
        .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
        .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
    this.ca = sign(b, caKeys.getPrivate());
    write(caFile(), pem(ca));
  }

  /** Creates a CA named {@code caName} whose certificate is written to {@code dir/<caName>.pem}. */
  public static TestCertificates createCa(Path dir, String caName) throws GeneralSecurityException, IOException {
    return new TestCertificates(dir, caName);
  }

  /** @return the CA certificate's PEM file */
  public Path caFile() {
    return dir.resolve(caName + ".pem");
  }

  /** How a leaf's private key is written. */
  public enum KeyForm { PLAIN_PKCS8, ENCRYPTED_PKCS8, ENCRYPTED_LEGACY }

  /**
   * Issues a certificate for {@code name} (CN), usable as TLS server and client, with a SAN for
   * {@code localhost} and 127.0.0.1 when {@code withSan}; writes {@code <name>.pem} and {@code <name>.key}.
   *
   * @return certificate-mode options for it, trusting this CA through {@code cafile}
   */
  public TlsOptions issue(String name, boolean withSan, KeyForm keyForm) throws GeneralSecurityException, IOException {
    KeyPair keys = newKeys();
    X509v3CertificateBuilder b = builder(new X500Name("O=broker-vertx tests,CN=" + caName),
        new X500Name("O=broker-vertx tests,CN=" + name), keys)
        .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
        .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyAgreement))
        .addExtension(Extension.extendedKeyUsage, false,
            new ExtendedKeyUsage(new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
    if (withSan) {
      b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
          new GeneralName(GeneralName.dNSName, "localhost"), new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
    }
    Path cert = dir.resolve(name + ".pem");
    Path key = dir.resolve(name + ".key");
    write(cert, pem(sign(b, caKeys.getPrivate())));
    write(key, keyPem(keys.getPrivate(), keyForm));
    TlsOptions options = new TlsOptions().setCertificate(cert.toString()).setKey(key.toString())
        .setCafile(caFile().toString());
    return keyForm == KeyForm.PLAIN_PKCS8 ? options : options.setPassphrase(PASSPHRASE);
  }

  private static KeyPair newKeys() throws GeneralSecurityException {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
    return g.generateKeyPair();
  }

  private static X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, KeyPair keys) {
    Instant now = Instant.now();
    return new JcaX509v3CertificateBuilder(issuer, new BigInteger(64, RANDOM).add(BigInteger.ONE),
        Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(2))), subject,
        keys.getPublic());
  }

  private static X509Certificate sign(X509v3CertificateBuilder b, PrivateKey issuerKey)
      throws GeneralSecurityException {
    try {
      return new JcaX509CertificateConverter().getCertificate(
          b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey)));
    } catch (OperatorCreationException e) {
      throw new GeneralSecurityException(e);
    }
  }

  private static String pem(Object o) throws IOException {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter w = new JcaPEMWriter(out)) {
      w.writeObject(o);
    }
    return out.toString();
  }

  private static String keyPem(PrivateKey key, KeyForm form) throws IOException, GeneralSecurityException {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter w = new JcaPEMWriter(out)) {
      switch (form) {
        case PLAIN_PKCS8 -> w.writeObject(new JcaPKCS8Generator(key, null));
        case ENCRYPTED_PKCS8 -> w.writeObject(new JcaPKCS8Generator(key,
            new JceOpenSSLPKCS8EncryptorBuilder(JcaPKCS8Generator.AES_256_CBC).setProvider(BC)
                .setPassword(PASSPHRASE.toCharArray()).build()));
        case ENCRYPTED_LEGACY -> w.writeObject(legacyEncrypted(key));
      }
    } catch (OperatorCreationException e) {
      throw new GeneralSecurityException(e);
    }
    return out.toString();
  }

  /**
   * OpenSSL's traditional encrypted form: a SEC1 {@code EC PRIVATE KEY} that names its curve, encrypted as the
   * {@code Proc-Type}/{@code DEK-Info} headers say. (Bouncy Castle's own generator leaves the curve out.)
   */
  private static PemObject legacyEncrypted(PrivateKey key) throws IOException, OperatorCreationException {
    PrivateKeyInfo info = PrivateKeyInfo.getInstance(key.getEncoded());
    ECPrivateKey sec1 = ECPrivateKey.getInstance(info.parsePrivateKey());
    byte[] der = new ECPrivateKey(256, sec1.getKey(), sec1.getPublicKey(),
        info.getPrivateKeyAlgorithm().getParameters()).getEncoded();
    PEMEncryptor encryptor = new JcePEMEncryptorBuilder("AES-256-CBC").setProvider(BC)
        .build(PASSPHRASE.toCharArray());
    return new PemObject("EC PRIVATE KEY", List.of(new PemHeader("Proc-Type", "4,ENCRYPTED"),
        new PemHeader("DEK-Info", encryptor.getAlgorithm() + "," + Hex.toHexString(encryptor.getIV()).toUpperCase())),
        encryptor.encrypt(der));
  }

  private static void write(Path file, String text) throws IOException {
    Files.writeString(file, text);
  }
}
