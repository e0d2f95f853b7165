package io.brokervx.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** TLS options: Broker's modes and names, strict JSON, and Broker's rule for the mode when none is given. */
class TlsOptionsTest {
  private static final JsonObject CERTIFICATE_MODE = new JsonObject().put("mode", "certificate")
      .put("certificate", "/etc/broker/node.pem").put("key", "/etc/broker/node.key").put("passphrase", "s3cret")
      .put("cafile", "/etc/broker/ca.pem").put("capath", "/etc/broker/cas").put("verifyHostname", true);

  @Test
  void defaultIsAnonymousLikeBroker() {
    assertEquals(TlsMode.ANONYMOUS, new TlsOptions().getMode());
    assertEquals(TlsMode.ANONYMOUS, new TlsOptions(new JsonObject()).getMode());
    assertEquals(new JsonObject().put("mode", "anonymous").put("verifyHostname", false), new TlsOptions().toJson());
  }

  @Test
  void jsonRoundTripsEveryKey() {
    TlsOptions o = new TlsOptions(CERTIFICATE_MODE);
    assertEquals(TlsMode.CERTIFICATE, o.getMode());
    assertEquals("/etc/broker/node.pem", o.getCertificate());
    assertEquals("/etc/broker/node.key", o.getKey());
    assertEquals("s3cret", o.getPassphrase());
    assertEquals("/etc/broker/ca.pem", o.getCafile());
    assertEquals("/etc/broker/cas", o.getCapath());
    assertTrue(o.isVerifyHostname());
    assertEquals(CERTIFICATE_MODE, o.toJson());
    assertEquals(o, new TlsOptions(o.toJson()));
    assertEquals(o, new TlsOptions(o));
  }

  @Test
  void offModeByName() {
    assertEquals(TlsMode.OFF, new TlsOptions(new JsonObject().put("mode", "OFF")).getMode());
  }

  @Test
  void anyCertificateSettingImpliesCertificateModeAsInBroker() {
    JsonObject noMode = CERTIFICATE_MODE.copy();
    noMode.remove("mode");
    assertEquals(TlsMode.CERTIFICATE, new TlsOptions(noMode).getMode());
    assertEquals(TlsMode.CERTIFICATE, new TlsOptions().setCafile("ca.pem").getMode());
  }

  @Test
  void anUnknownKeyIsRefusedNamingItAndTheKnownOnes() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> new TlsOptions(new JsonObject().put("disable-ssl", true)));
    assertEquals("tls option: unknown key 'disable-ssl' (known: cafile, capath, certificate, key, mode, passphrase,"
        + " verifyHostname)", e.getMessage());
  }

  @Test
  void wrongTypesAndUnknownModesAreRefused() {
    var e = assertThrows(IllegalArgumentException.class, () -> new TlsOptions(new JsonObject().put("cafile", 3)));
    assertEquals("tls option: 'cafile' must be a non-empty string, not 3", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> new TlsOptions(new JsonObject().put("verifyHostname", "yes")));
    assertEquals("tls option: 'verifyHostname' must be true or false, not \"yes\"", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new TlsOptions(new JsonObject().put("mode", "ssl")));
    assertEquals("tls option: 'mode': unknown tls mode 'ssl' (known: off, anonymous, certificate)", e.getMessage());
  }

  @Test
  void combinationsThatCannotWorkAreRefused() {
    var e = assertThrows(IllegalArgumentException.class, () -> new TlsOptions(new JsonObject()
        .put("mode", "certificate").put("certificate", "c.pem").put("cafile", "ca.pem")));
    assertTrue(e.getMessage().contains("needs both 'certificate' and 'key'"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new TlsOptions(new JsonObject()
        .put("certificate", "c.pem").put("key", "k.pem")));
    assertTrue(e.getMessage().contains("needs 'cafile' or 'capath'"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new TlsOptions(new JsonObject()
        .put("mode", "anonymous").put("cafile", "ca.pem")));
    assertTrue(e.getMessage().contains("mode is anonymous"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new TlsOptions(new JsonObject()
        .put("mode", "off").put("verifyHostname", true)));
    assertTrue(e.getMessage().contains("mode is off"), e.getMessage());
  }

  @Test
  void toStringMasksThePassphrase() {
    String s = new TlsOptions(CERTIFICATE_MODE).toString();
    assertFalse(s.contains("s3cret"), s);
    assertTrue(s.contains("\"passphrase\":\"***\""), s);
  }
}
