package io.brokervx.websocket;

import io.brokervx.config.StrictJson;
import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * TLS of Zeek's WebSocket API ({@code wss}), with Zeek's {@code Cluster::WebSocketTLSOptions} meaning. JSON form,
 * every key optional: {@code {"certificate": "ws.pem", "key": "ws.key", "cafile": "ca.pem", "verifyPeer": true}}.
 * <ul>
 *   <li>Server: TLS is on when {@code certificate} and {@code key} (PEM, unencrypted) are both set (both or
 *       neither, as Zeek); {@code verifyPeer} (Zeek's {@code enable_peer_verification}, default false) requires
 *       every client to present a certificate signed by a CA in {@code cafile}.</li>
 *   <li>Client: the server certificate is checked against {@code cafile} (or the JVM's default trust store) and
 *       its host name; {@code certificate} and {@code key}, when set, are presented as the client's certificate.
 *       {@code verifyPeer} is ignored.</li>
 * </ul>
 */
@DataObject
public class WebSocketTlsOptions {
  private static final List<String> KEYS = List.of("certificate", "key", "cafile", "verifyPeer");

  private String certificate;
  private String key;
  private String cafile;
  private boolean verifyPeer;

  /** No TLS material: plain {@code ws}. */
  public WebSocketTlsOptions() {
  }

  /** A copy of {@code other}. */
  public WebSocketTlsOptions(WebSocketTlsOptions other) {
    this(other.toJson());
  }

  /** Options read from JSON. @throws IllegalArgumentException for an unknown key or a bad value */
  public WebSocketTlsOptions(JsonObject json) {
    StrictJson j = StrictJson.of(json, "websocket tls option").only(KEYS);
    certificate = j.string("certificate", null);
    key = j.string("key", null);
    cafile = j.string("cafile", null);
    verifyPeer = j.bool("verifyPeer", false);
    if ((certificate == null) != (key == null)) {
      throw new IllegalArgumentException("websocket tls option: set both 'certificate' and 'key', or neither");
    }
    if (verifyPeer && cafile == null) {
      throw new IllegalArgumentException("websocket tls option: 'verifyPeer' needs a 'cafile'");
    }
  }

  /** @return these options as JSON (absent values left out) */
  public JsonObject toJson() {
    JsonObject j = new JsonObject();
    if (certificate != null) {
      j.put("certificate", certificate);
    }
    if (key != null) {
      j.put("key", key);
    }
    if (cafile != null) {
      j.put("cafile", cafile);
    }
    return j.put("verifyPeer", verifyPeer);
  }

  /** @return whether a server with these options speaks TLS (certificate and key set) */
  public boolean hasIdentity() {
    return certificate != null && key != null;
  }

  public String getCertificate() {
    return certificate;
  }

  /** Sets the PEM certificate (chain) file presented to the other side. */
  public WebSocketTlsOptions setCertificate(String certificate) {
    this.certificate = certificate;
    return this;
  }

  public String getKey() {
    return key;
  }

  /** Sets the PEM private key file (unencrypted PKCS#8 or PKCS#1) of the certificate. */
  public WebSocketTlsOptions setKey(String key) {
    this.key = key;
    return this;
  }

  public String getCafile() {
    return cafile;
  }

  /** Sets the PEM bundle of CAs the other side's certificate must be signed by. */
  public WebSocketTlsOptions setCafile(String cafile) {
    this.cafile = cafile;
    return this;
  }

  public boolean isVerifyPeer() {
    return verifyPeer;
  }

  /** Server: sets whether clients must present a certificate signed by a CA in {@code cafile}. */
  public WebSocketTlsOptions setVerifyPeer(boolean verifyPeer) {
    this.verifyPeer = verifyPeer;
    return this;
  }
}
