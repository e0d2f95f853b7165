package io.brokervx.endpoint.impl.transport;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** One status event per misconfigured remote host, not one per retry, in bounded memory. */
class AcceptFailureFilterTest {
  private static final TransportException PLAIN = new TransportException(TransportFailure.PEER_SPEAKS_PLAINTEXT,
      ModeMismatchDetector.DISABLE_TLS);
  private static final TransportException CERT = new TransportException(TransportFailure.CERTIFICATE_REJECTED,
      "TLS handshake failed: certificate rejected (PKIX path building failed)");

  @Test
  void aRepeatingFailureIsReportedOncePerHost() {
    AcceptFailureFilter f = new AcceptFailureFilter(16);
    assertTrue(f.shouldReport("10.0.0.1", PLAIN));
    for (int i = 0; i < 100; i++) {
      assertFalse(f.shouldReport("10.0.0.1", PLAIN));
    }
    assertTrue(f.shouldReport("10.0.0.2", PLAIN), "another host is news");
    assertTrue(f.shouldReport("10.0.0.1", CERT), "a changed failure is news");
    assertTrue(f.shouldReport(null, CERT), "failures without an address count as one source");
    assertFalse(f.shouldReport(null, CERT));
  }

  @Test
  void successMakesTheNextFailureNewsAgain() {
    AcceptFailureFilter f = new AcceptFailureFilter(16);
    f.shouldReport("10.0.0.1", PLAIN);
    f.onSuccess("10.0.0.1");
    assertTrue(f.shouldReport("10.0.0.1", PLAIN));
  }

  @Test
  void memoryIsBoundedByForgettingTheLeastRecentHost() {
    AcceptFailureFilter f = new AcceptFailureFilter(2);
    f.shouldReport("a", PLAIN);
    f.shouldReport("b", PLAIN);
    assertFalse(f.shouldReport("a", PLAIN), "a is now the most recent");
    f.shouldReport("c", PLAIN);
    assertTrue(f.shouldReport("b", PLAIN), "b was forgotten when c arrived");
    assertThrows(IllegalArgumentException.class, () -> new AcceptFailureFilter(0));
  }
}
