package io.brokervx.endpoint.impl.transport;

import io.vertx.core.buffer.Buffer;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises a peer in the other TLS mode from the first bytes it sends, so that the user reads "peer speaks
 * TLS; enable tls" instead of "frame of 369295617 bytes exceeds the limit" (0x16030101: a TLS handshake record
 * read as a frame length).
 * <ul>
 *   <li>A TLS record starts with a content type 20–23 (handshake: 22, alert: 21) and major version 3.</li>
 *   <li>Broker's plaintext protocol starts with a frame: a 4-byte big-endian length (so a first byte 0 for any
 *       frame under 16 MiB), the message type ({@code hello} 6 from a connector, {@code probe} 7 from an
 *       acceptor) and the magic {@code ZEEK} (reference §2.5).</li>
 * </ul>
 */
public final class ModeMismatchDetector {
  /** What a plaintext endpoint says when its peer speaks TLS. */
  public static final String ENABLE_TLS = "peer speaks TLS; enable tls";
  /** What a TLS endpoint says when its peer speaks Broker's plaintext protocol. */
  public static final String DISABLE_TLS =
      "peer speaks plaintext; disable tls (Broker: --disable-ssl / Broker::disable_ssl=T)";

  /** What a plaintext connector says when the peer it dialed closes without having sent a byte. */
  public static final String SILENT_PEER =
      "peer closed the connection without a word; it probably speaks TLS (Broker's default): enable tls";

  private static final int FIRST_RECORD_TYPE = 20;
  private static final int LAST_RECORD_TYPE = 23;
  private static final int HELLO = 6;
  private static final int PROBE = 7;
  private static final byte[] MAGIC = {'Z', 'E', 'E', 'K'};
  private static final int SHOWN_BYTES = 16;
  /** Netty's wording when its TLS handler meets bytes that are not a TLS record, with their hex dump. */
  private static final Pattern NOT_A_RECORD = Pattern.compile("not an SSL/TLS record: ([0-9a-fA-F]+)");

  private ModeMismatchDetector() {
  }

  /**
   * Checks the first bytes received on a plaintext connection.
   *
   * @return a {@link TransportFailure#PEER_SPEAKS_TLS} failure when they start a TLS record
   */
  public static Optional<TransportException> onPlaintext(Buffer first) {
    if (first.length() == 0 || !isRecordType(first.getUnsignedByte(0))) {
      return Optional.empty();
    }
    if (first.length() >= 2 && first.getUnsignedByte(1) != 3) {
      return Optional.empty();
    }
    return Optional.of(new TransportException(TransportFailure.PEER_SPEAKS_TLS, ENABLE_TLS));
  }

  /**
   * Judges a dialed plaintext connection that closed (or reset) before the peer sent a byte: Broker's plaintext
   * acceptor sends its probe at once, while its TLS acceptor drops a connection whose first bytes are no
   * ClientHello without a word.
   *
   * @param cause the socket error, or {@code null} for an orderly close
   * @return a {@link TransportFailure#PEER_SPEAKS_TLS} failure with a hedged message
   */
  public static TransportException silentPeer(Throwable cause) {
    return new TransportException(TransportFailure.PEER_SPEAKS_TLS, SILENT_PEER, cause);
  }

  /**
   * Checks the first bytes received on a TLS connection.
   *
   * @return a {@link TransportFailure#PEER_SPEAKS_PLAINTEXT} failure for a Broker frame, a
   *     {@link TransportFailure#NOT_TLS} failure for any other non-TLS bytes, or empty when they may be TLS
   */
  public static Optional<TransportException> onTls(Buffer first) {
    if (first.length() == 0) {
      return Optional.empty();
    }
    if (isRecordType(first.getUnsignedByte(0)) && (first.length() < 2 || first.getUnsignedByte(1) == 3)) {
      return Optional.empty();
    }
    if (looksLikeBrokerFrame(first)) {
      return Optional.of(new TransportException(TransportFailure.PEER_SPEAKS_PLAINTEXT, DISABLE_TLS));
    }
    return Optional.of(new TransportException(TransportFailure.NOT_TLS,
        "peer does not speak TLS (first bytes " + hex(first) + ")"));
  }

  /**
   * Recognises Vert.x/Netty's "not an SSL/TLS record" failure of certificate mode and reads the offending
   * bytes from its message.
   *
   * @return the classified failure, or empty when {@code failure} is something else
   */
  public static Optional<TransportException> fromNotSslRecord(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      Matcher m = t.getMessage() == null ? null : NOT_A_RECORD.matcher(t.getMessage());
      if (m != null && m.find()) {
        String digits = m.group(1);
        Buffer bytes = Buffer.buffer(HexFormat.of().parseHex(digits.substring(0, digits.length() & ~1)));
        return onTls(bytes).map(e -> new TransportException(e.failure(), e.detail(), failure));
      }
    }
    return Optional.empty();
  }

  private static boolean isRecordType(int b) {
    return b >= FIRST_RECORD_TYPE && b <= LAST_RECORD_TYPE;
  }

  private static boolean looksLikeBrokerFrame(Buffer b) {
    if (b.getUnsignedByte(0) != 0) {
      return false;
    }
    if (b.length() > 4) {
      int type = b.getUnsignedByte(4);
      if (type != HELLO && type != PROBE) {
        return false;
      }
    }
    for (int i = 0; i < MAGIC.length && 5 + i < b.length(); i++) {
      if (b.getByte(5 + i) != MAGIC[i]) {
        return false;
      }
    }
    return true;
  }

  private static String hex(Buffer b) {
    int n = Math.min(b.length(), SHOWN_BYTES);
    return HexFormat.of().formatHex(b.getBytes(0, n)) + (b.length() > n ? "…" : "");
  }
}
