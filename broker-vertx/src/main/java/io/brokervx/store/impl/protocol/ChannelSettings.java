package io.brokervx.store.impl.protocol;

/**
 * Timing (in ticks; Broker ticks every 100 ms) and bounds of a reliable store channel, shared by its
 * {@link ChannelProducer} and {@link ChannelConsumer}s. {@link #DEFAULTS} are Broker 6.2's
 * {@code defaults::store} values plus our bounds, which Broker lacks.
 *
 * <p>Overflow policy. A producer keeps every event until all its consumers acknowledged it; when the
 * unacknowledged events exceed {@code maxBufferedEvents} or {@code maxBufferedBytes}, the consumers that
 * acknowledged least are dropped (they must attach anew) until the rest fit — a consumer that lags that
 * far cannot hold everyone's memory; events retained without any consumer (a restarted master's) are dropped
 * oldest first. A consumer buffers events that arrive ahead of a gap; one that would
 * exceed the same bounds is discarded and fetched again by NACK once the gap closes. A NACK names at most
 * {@code maxNackSeqs} sequence numbers, and a producer serves at most that many from one NACK.
 *
 * @param heartbeatInterval ticks between keepalives of an idle producer and between a consumer's acks
 *     (Broker: 5)
 * @param nackTimeout ticks without progress before a consumer asks for what it misses, or repeats its
 *     handshake request (Broker: 2)
 * @param connectionTimeoutFactor heartbeats of silence after which a producer drops a consumer (Broker:
 *     100, i.e. 500 ticks = 50 s)
 * @param maxBufferedEvents most events a producer keeps unacknowledged, or a consumer keeps out of order
 * @param maxBufferedBytes most payload bytes for the same
 * @param maxNackSeqs most sequence numbers one NACK carries or is served
 */
public record ChannelSettings(int heartbeatInterval, int nackTimeout, int connectionTimeoutFactor,
    int maxBufferedEvents, long maxBufferedBytes, int maxNackSeqs) {
  /** Broker's timing; at most 65,536 buffered events and 64 MiB, NACKs of at most 4,096 numbers. */
  public static final ChannelSettings DEFAULTS = new ChannelSettings(5, 2, 100, 1 << 16, 64L << 20, 4096);

  /** Checks the ranges: intervals fit Broker's 16-bit tick counts, bounds are positive. */
  public ChannelSettings {
    CafText.checkTicks(heartbeatInterval);
    CafText.checkTicks(connectionTimeoutFactor);
    if (nackTimeout < 1 || nackTimeout > 0xffff) {
      throw new IllegalArgumentException("nackTimeout must be in [1, 65535], not " + nackTimeout);
    }
    if (maxBufferedEvents < 1 || maxBufferedBytes < 1 || maxNackSeqs < 1) {
      throw new IllegalArgumentException("buffer and NACK bounds must be positive");
    }
  }

  /** @return ticks of silence after which a producer drops a consumer */
  public long connectionTimeoutTicks() {
    return (long) heartbeatInterval * connectionTimeoutFactor;
  }
}
