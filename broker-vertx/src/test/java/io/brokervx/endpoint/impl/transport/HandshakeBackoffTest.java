package io.brokervx.endpoint.impl.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Backoff after repeated failed handshakes: doubling to the cap, one report per distinct failure. */
class HandshakeBackoffTest {
  private static final TransportException TLS = new TransportException(TransportFailure.PEER_SPEAKS_TLS,
      ModeMismatchDetector.ENABLE_TLS);
  private static final TransportException TIMEOUT = new TransportException(TransportFailure.HANDSHAKE_TIMEOUT,
      "TLS handshake not finished after 5000 ms");

  @Test
  void pausesDoubleUpToTheCapAndTheFailureIsReportedOnce() {
    HandshakeBackoff b = new HandshakeBackoff(1000, 30_000);
    List<Long> delays = new ArrayList<>();
    int reports = 0;
    for (int i = 0; i < 8; i++) {
      HandshakeBackoff.Decision d = b.onFailure(TLS);
      delays.add(d.delayMs());
      reports += d.report() ? 1 : 0;
    }
    assertEquals(List.of(1000L, 2000L, 4000L, 8000L, 16_000L, 30_000L, 30_000L, 30_000L), delays);
    assertEquals(1, reports, "one clear status event, not one per retry");
    assertEquals(8, b.consecutiveFailures());
  }

  @Test
  void aDifferentFailureIsNewsAgainAndSuccessStartsOver() {
    HandshakeBackoff b = new HandshakeBackoff(1000, 30_000);
    b.onFailure(TLS);
    b.onFailure(TLS);
    HandshakeBackoff.Decision changed = b.onFailure(TIMEOUT);
    assertEquals(true, changed.report());
    assertEquals(4000, changed.delayMs(), "the pause keeps growing across kinds of failure");
    b.onSuccess();
    assertEquals(new HandshakeBackoff.Decision(1000, true), b.onFailure(TIMEOUT));
  }

  @Test
  void hugeFailureCountsStayAtTheCapWithoutOverflow() {
    HandshakeBackoff b = new HandshakeBackoff(3, Long.MAX_VALUE);
    long last = 0;
    for (int i = 0; i < 200; i++) {
      last = b.onFailure(TLS).delayMs();
      assertEquals(true, last > 0, "no overflow at failure " + i);
    }
    assertEquals(Long.MAX_VALUE, last);
  }

  @Test
  void badBoundsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> new HandshakeBackoff(0, 10));
    assertThrows(IllegalArgumentException.class, () -> new HandshakeBackoff(10, 5));
  }
}
