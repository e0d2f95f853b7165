package io.brokervx.endpoint.impl.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.brokervx.endpoint.TlsOptions;
import io.brokervx.test.TestCertificates;
import io.brokervx.test.TestCertificates.KeyForm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Reading Broker's PEM files: every key form OpenSSL writes, CA bundles and CA directories, clear errors. */
class PemFilesTest {
  @TempDir
  Path dir;

  @ParameterizedTest
  @EnumSource(KeyForm.class)
  void readsKeysWrittenByBouncyCastle(KeyForm form) throws Exception {
    TlsOptions o = TestCertificates.createCa(dir, "ca").issue("node", false, form);
    PrivateKey key = PemFiles.privateKey(Path.of(o.getKey()), o.getPassphrase());
    assertEquals("EC", key.getAlgorithm());
  }

  /** Keys as the {@code openssl} command writes them (skipped where it is not installed). */
  @ParameterizedTest
  @ValueSource(strings = {
      "openssl ecparam -genkey -name secp384r1 -noout -out k.pem",
      "openssl ecparam -genkey -name prime256v1 -noout | openssl ec -aes256 -passout pass:pw -out k.pem",
      "openssl genrsa -traditional -out k.pem 2048",
      "openssl genrsa -traditional -aes256 -passout pass:pw -out k.pem 2048",
      "openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -aes-256-cbc -pass pass:pw -out k.pem",
      "openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out k.pem"})
  void readsKeysWrittenByOpenSsl(String command) throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/openssl")), "no openssl command");
    Process p = new ProcessBuilder("sh", "-c", command).directory(dir.toFile()).redirectErrorStream(true).start();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, new String(p.getInputStream().readAllBytes()));
    PrivateKey key = PemFiles.privateKey(dir.resolve("k.pem"), "pw");
    assertEquals(command.contains("RSA") || command.contains("genrsa") ? "RSA" : "EC", key.getAlgorithm());
  }

  @Test
  void anEncryptedKeyWithoutOrWithAWrongPassphraseIsAClearError() throws Exception {
    TlsOptions o = TestCertificates.createCa(dir, "ca").issue("node", false, KeyForm.ENCRYPTED_PKCS8);
    Path key = Path.of(o.getKey());
    var none = assertThrows(IllegalArgumentException.class, () -> PemFiles.privateKey(key, null));
    assertTrue(none.getMessage().contains("is encrypted; set the tls passphrase"), none.getMessage());
    var wrong = assertThrows(IllegalArgumentException.class, () -> PemFiles.privateKey(key, "nope"));
    assertTrue(wrong.getMessage().contains("wrong passphrase"), wrong.getMessage());
  }

  @Test
  void aFileWithoutAKeyOrCertificateIsAClearError() throws Exception {
    Path junk = Files.writeString(dir.resolve("junk.pem"), "just text\n");
    var e = assertThrows(IllegalArgumentException.class, () -> PemFiles.privateKey(junk, null));
    assertTrue(e.getMessage().startsWith("no PEM private key in"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> PemFiles.certificates(junk));
    assertTrue(e.getMessage().startsWith("no PEM certificate in"), e.getMessage());
  }

  @Test
  void bundlesAndCaDirectoriesYieldEveryCertificate() throws Exception {
    Path cas = Files.createDirectory(dir.resolve("cas"));
    TestCertificates a = TestCertificates.createCa(cas, "a");
    TestCertificates b = TestCertificates.createCa(cas, "b");
    Files.writeString(cas.resolve("notes.txt"), "not a certificate\n");
    Files.write(cas.resolve("binary.der"), new byte[] {0, (byte) 0xff, 1, 2});
    Path bundle = dir.resolve("bundle.pem");
    Files.writeString(bundle, "subject=a\n" + Files.readString(a.caFile()) + "subject=b\n" + Files.readString(b.caFile()));
    assertEquals(2, PemFiles.certificates(bundle).size());
    List<String> subjects = PemFiles.certificatesIn(cas).stream()
        .map(c -> c.getSubjectX500Principal().getName()).toList();
    assertEquals(List.of("CN=a,O=broker-vertx tests", "CN=b,O=broker-vertx tests"), subjects);
    var e = assertThrows(IllegalArgumentException.class, () -> PemFiles.certificatesIn(bundle));
    assertTrue(e.getMessage().contains("is not a directory"), e.getMessage());
  }
}
