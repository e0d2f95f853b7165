package io.brokervx.endpoint.impl.transport;

/**
 * Paces the retries of one outbound peering whose connections keep failing before they become peerings (TLS
 * mode mismatch, refused certificate, handshake timeout), so that a misconfigured pair neither hammers the
 * peer nor floods the status stream: the pause doubles after each consecutive failure, from the base to the
 * cap, and a failure is reported once until it changes or a connection succeeds.
 *
 * <p>Pauses: base, 2·base, 4·base, … cap, cap, … Not thread-safe: use on the endpoint's context.
 */
public final class HandshakeBackoff {
  private final long baseMs;
  private final long capMs;
  private int consecutiveFailures;
  private String lastFailure;

  /**
   * @param baseMs the pause after the first failure (the endpoint's retry interval), at least 1
   * @param capMs the longest pause, at least {@code baseMs}
   */
  public HandshakeBackoff(long baseMs, long capMs) {
    if (baseMs < 1 || capMs < baseMs) {
      throw new IllegalArgumentException("backoff needs 1 <= base <= cap, not base " + baseMs + ", cap " + capMs);
    }
    this.baseMs = baseMs;
    this.capMs = capMs;
  }

  /** What to do after a failure: wait {@code delayMs} before the next attempt; raise a status event if {@code report}. */
  public record Decision(long delayMs, boolean report) {
  }

  /** Records a failed attempt. @return the pause before the next one and whether this failure is news */
  public Decision onFailure(TransportException failure) {
    return onFailure(failure.failure() + ": " + failure.detail());
  }

  /**
   * Records a failed attempt described by {@code what} (for failures after the transport was up, such as a
   * refused peering handshake). @return the pause before the next one and whether this failure is news
   */
  public Decision onFailure(String what) {
    consecutiveFailures++;
    int doublings = Math.min(consecutiveFailures - 1, 62);
    long delay = doublings >= Long.numberOfLeadingZeros(baseMs) ? capMs : Math.min(capMs, baseMs << doublings);
    boolean news = !what.equals(lastFailure);
    lastFailure = what;
    return new Decision(delay, news);
  }

  /** Records a peering that got through: the next failure waits the base pause and is reported. */
  public void onSuccess() {
    consecutiveFailures = 0;
    lastFailure = null;
  }

  /** @return the failures since the last success */
  public int consecutiveFailures() {
    return consecutiveFailures;
  }
}
