package io.brokervx.endpoint;

import io.brokervx.config.StrictJson;
import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Objects;

/**
 * How an endpoint secures its peerings, with Broker's modes and option names (reference §6.1). JSON form:
 * <pre>{@code
 * {"mode": "certificate", "certificate": "node.pem", "key": "node.key", "passphrase": "secret",
 *  "cafile": "ca.pem", "capath": "/etc/ssl/broker-ca", "verifyHostname": false}
 * }</pre>
 * Every key is optional. Without {@code mode}, the mode follows Broker's rule: certificate mode as soon as any
 * of {@code certificate}, {@code key}, {@code passphrase}, {@code cafile}, {@code capath} is set, otherwise
 * anonymous (Broker's default). Both ends of a peering must use the same mode.
 * <ul>
 *   <li>{@code off}: plain TCP (Broker {@code --disable-ssl}, Zeek {@code Broker::disable_ssl=T});</li>
 *   <li>{@code anonymous}: TLS 1.2, {@code AECDH-AES256-SHA}, P-384, nobody authenticated;</li>
 *   <li>{@code certificate}: mutual TLS 1.2/1.3; {@code certificate} and {@code key} (PEM, the key optionally
 *       encrypted with {@code passphrase}) are this node's identity, {@code cafile} (PEM bundle) and/or
 *       {@code capath} (a directory of PEM certificates) the CAs its peers must be signed by;
 *       {@code verifyHostname} additionally checks the peer certificate's SAN against the dialed host name.</li>
 * </ul>
 */
@DataObject
public class TlsOptions {
  /** Default mode when nothing is configured: anonymous, as Broker. */
  public static final TlsMode DEFAULT_MODE = TlsMode.ANONYMOUS;
  /** Every JSON key these options understand. */
  public static final List<String> KEYS =
      List.of("mode", "certificate", "key", "passphrase", "cafile", "capath", "verifyHostname");

  private TlsMode mode;
  private String certificate;
  private String key;
  private String passphrase;
  private String cafile;
  private String capath;
  private boolean verifyHostname;

  /** Creates options with the defaults (anonymous mode). */
  public TlsOptions() {
  }

  /** Creates a copy of {@code other}. */
  public TlsOptions(TlsOptions other) {
    this.mode = other.mode;
    this.certificate = other.certificate;
    this.key = other.key;
    this.passphrase = other.passphrase;
    this.cafile = other.cafile;
    this.capath = other.capath;
    this.verifyHostname = other.verifyHostname;
  }

  /**
   * Creates options from JSON, strictly.
   *
   * @throws IllegalArgumentException for an unknown key (the message names it and the known ones), a value of
   *     the wrong type, or a combination that cannot work (see {@link #validate()})
   */
  public TlsOptions(JsonObject json) {
    StrictJson j = StrictJson.of(json, "tls option").only(KEYS);
    setMode(j.value("mode", null, TlsMode::fromConfigName));
    setCertificate(j.string("certificate", null));
    setKey(j.string("key", null));
    setPassphrase(j.string("passphrase", null));
    setCafile(j.string("cafile", null));
    setCapath(j.string("capath", null));
    setVerifyHostname(j.bool("verifyHostname", false));
    validate();
  }

  /** @return these options as JSON; the passphrase is included (use {@link #toString()} for logs) */
  public JsonObject toJson() {
    JsonObject j = new JsonObject().put("mode", getMode().configName());
    putIfSet(j, "certificate", certificate);
    putIfSet(j, "key", key);
    putIfSet(j, "passphrase", passphrase);
    putIfSet(j, "cafile", cafile);
    putIfSet(j, "capath", capath);
    return j.put("verifyHostname", verifyHostname);
  }

  /**
   * Checks that the options can work.
   *
   * @throws IllegalArgumentException when certificate mode lacks its certificate, key or CA, or when
   *     certificate settings are given in another mode
   */
  public void validate() {
    TlsMode m = getMode();
    if (m == TlsMode.CERTIFICATE) {
      if (certificate == null || key == null) {
        throw new IllegalArgumentException("tls mode certificate needs both 'certificate' and 'key'");
      }
      if (cafile == null && capath == null) {
        throw new IllegalArgumentException("tls mode certificate needs 'cafile' or 'capath' to verify peers");
      }
    } else if (hasCertificateSettings() || verifyHostname) {
      throw new IllegalArgumentException("tls certificate settings given, but mode is " + m.configName()
          + "; they need mode certificate");
    }
  }

  /** @return the mode: the one set, else certificate if any certificate setting is given, else anonymous */
  public TlsMode getMode() {
    if (mode != null) {
      return mode;
    }
    return hasCertificateSettings() ? TlsMode.CERTIFICATE : DEFAULT_MODE;
  }

  /** Sets the mode explicitly; {@code null} returns to Broker's rule (see the class description). */
  public TlsOptions setMode(TlsMode mode) {
    this.mode = mode;
    return this;
  }

  /** @return the path of this node's PEM certificate (chain), or {@code null} */
  public String getCertificate() {
    return certificate;
  }

  /** Sets the path of this node's PEM certificate (chain) (Broker's {@code ssl.certificate}). */
  public TlsOptions setCertificate(String certificate) {
    this.certificate = certificate;
    return this;
  }

  /** @return the path of this node's PEM private key, or {@code null} */
  public String getKey() {
    return key;
  }

  /** Sets the path of this node's PEM private key, encrypted or not (Broker's {@code ssl.key}). */
  public TlsOptions setKey(String key) {
    this.key = key;
    return this;
  }

  /** @return the passphrase of an encrypted private key, or {@code null} */
  public String getPassphrase() {
    return passphrase;
  }

  /** Sets the passphrase of an encrypted private key (Broker's {@code ssl.passphrase}). */
  public TlsOptions setPassphrase(String passphrase) {
    this.passphrase = passphrase;
    return this;
  }

  /** @return the path of the PEM file of trusted CA certificates, or {@code null} */
  public String getCafile() {
    return cafile;
  }

  /** Sets the path of a PEM file of concatenated trusted CA certificates (Broker's {@code ssl.cafile}). */
  public TlsOptions setCafile(String cafile) {
    this.cafile = cafile;
    return this;
  }

  /** @return the directory of trusted CA certificates, or {@code null} */
  public String getCapath() {
    return capath;
  }

  /**
   * Sets a directory of trusted CA certificates (Broker's {@code ssl.capath}): every file in it that holds PEM
   * certificates, such as an OpenSSL hashed directory ({@code 1a2b3c4d.0}), is read.
   */
  public TlsOptions setCapath(String capath) {
    this.capath = capath;
    return this;
  }

  /** @return whether a dialed peer's certificate must name the dialed host (default false, as Broker) */
  public boolean isVerifyHostname() {
    return verifyHostname;
  }

  /** Sets whether a dialed peer's certificate must name the dialed host (SAN check; certificate mode only). */
  public TlsOptions setVerifyHostname(boolean verifyHostname) {
    this.verifyHostname = verifyHostname;
    return this;
  }

  private boolean hasCertificateSettings() {
    return certificate != null || key != null || passphrase != null || cafile != null || capath != null;
  }

  private static void putIfSet(JsonObject j, String name, String value) {
    if (value != null) {
      j.put(name, value);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TlsOptions t && getMode() == t.getMode() && verifyHostname == t.verifyHostname
        && Objects.equals(certificate, t.certificate) && Objects.equals(key, t.key)
        && Objects.equals(passphrase, t.passphrase) && Objects.equals(cafile, t.cafile)
        && Objects.equals(capath, t.capath);
  }

  @Override
  public int hashCode() {
    return Objects.hash(getMode(), certificate, key, passphrase, cafile, capath, verifyHostname);
  }

  /** @return the JSON form with the passphrase masked */
  @Override
  public String toString() {
    JsonObject j = toJson();
    if (passphrase != null) {
      j.put("passphrase", "***");
    }
    return j.encode();
  }
}
