package io.brokervx.endpoint.impl.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Recognising the other TLS mode from the first bytes, on Broker's captured frames and real TLS records. */
class ModeMismatchDetectorTest {
  /** Frames captured from Broker (vectors/wire/handshake-frames-v1.json). */
  private static final String HELLO = "00000017065a45454b101112131415161718191a1b1c1d1e1f0101";
  private static final String PROBE = "00000005075a45454b";
  /** The start of a TLS 1.2 ClientHello record (0x16030101… is the "frame of 369295617 bytes" of the issue). */
  private static final String CLIENT_HELLO = "16030101050100010103";
  private static final String ALERT = "15030300020228";

  private static Buffer hex(String h) {
    return Buffer.buffer(HexFormat.of().parseHex(h));
  }

  private static TransportFailure failure(Optional<TransportException> e) {
    return e.map(TransportException::failure).orElse(null);
  }

  @Test
  void aTlsRecordOnAPlaintextConnectionSaysEnableTls() {
    Optional<TransportException> e = ModeMismatchDetector.onPlaintext(hex(CLIENT_HELLO));
    assertEquals(TransportFailure.PEER_SPEAKS_TLS, failure(e));
    assertEquals("peer speaks TLS; enable tls", e.get().detail());
    assertEquals(TransportFailure.PEER_SPEAKS_TLS, failure(ModeMismatchDetector.onPlaintext(hex(ALERT))));
    assertEquals(TransportFailure.PEER_SPEAKS_TLS, failure(ModeMismatchDetector.onPlaintext(hex("16"))),
        "one byte is enough: a frame that long is impossible anyway");
    assertEquals(369295617, hex(CLIENT_HELLO).getInt(0), "the issue's frame size is this record's header");
  }

  @Test
  void brokerFramesOnAPlaintextConnectionPass() {
    assertEquals(Optional.empty(), ModeMismatchDetector.onPlaintext(hex(HELLO)));
    assertEquals(Optional.empty(), ModeMismatchDetector.onPlaintext(hex(PROBE)));
    assertEquals(Optional.empty(), ModeMismatchDetector.onPlaintext(hex("1604")), "not TLS major version 3");
    assertEquals(Optional.empty(), ModeMismatchDetector.onPlaintext(Buffer.buffer()));
  }

  @Test
  void brokerFramesOnATlsConnectionSayDisableTls() {
    for (String frame : new String[] {HELLO, PROBE, PROBE.substring(0, 10), "00"}) {
      Optional<TransportException> e = ModeMismatchDetector.onTls(hex(frame));
      assertEquals(TransportFailure.PEER_SPEAKS_PLAINTEXT, failure(e), frame);
      assertEquals("peer speaks plaintext; disable tls (Broker: --disable-ssl / Broker::disable_ssl=T)",
          e.get().detail());
    }
  }

  @Test
  void otherBytesOnATlsConnectionAreNotTlsAndShownInHex() {
    Optional<TransportException> e = ModeMismatchDetector.onTls(Buffer.buffer("SSH-2.0-OpenSSH_9.2p1 Debian"));
    assertEquals(TransportFailure.NOT_TLS, failure(e));
    assertEquals("peer does not speak TLS (first bytes 5353482d322e302d4f70656e5353485f…)", e.get().detail());
    assertEquals(TransportFailure.NOT_TLS, failure(ModeMismatchDetector.onTls(hex("00000017095a45454b"))),
        "a Broker-like length with a non-handshake type is not Broker's opening");
  }

  @Test
  void tlsRecordsOnATlsConnectionPass() {
    assertEquals(Optional.empty(), ModeMismatchDetector.onTls(hex(CLIENT_HELLO)));
    assertEquals(Optional.empty(), ModeMismatchDetector.onTls(hex(ALERT)));
    assertEquals(Optional.empty(), ModeMismatchDetector.onTls(hex("16")));
  }

  @Test
  void nettysNotAnSslRecordMessageIsReadBack() {
    var netty = new RuntimeException("io.netty.handler.ssl.NotSslRecordException: not an SSL/TLS record: " + PROBE);
    Optional<TransportException> e = ModeMismatchDetector.fromNotSslRecord(new RuntimeException("wrapped", netty));
    assertEquals(TransportFailure.PEER_SPEAKS_PLAINTEXT, failure(e));
    assertTrue(e.get().getCause() != null);
    assertEquals(Optional.empty(), ModeMismatchDetector.fromNotSslRecord(new RuntimeException("other")));
  }
}
