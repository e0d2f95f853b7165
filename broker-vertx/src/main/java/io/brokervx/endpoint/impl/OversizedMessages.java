package io.brokervx.endpoint.impl;

import io.brokervx.endpoint.StatusCode;
import io.brokervx.error.ErrorCode;
import io.vertx.core.internal.logging.Logger;
import io.vertx.core.internal.logging.LoggerFactory;

/**
 * Keeps messages larger than {@code maxFrameSize} off the wire: a peer would close the peering on such a
 * frame (and lose everything queued behind it), so the message is not sent to it, and this endpoint (the
 * origin, or a relay whose peers take smaller frames) reports it by a status event ({@link ErrorCode#SERIALIZATION_FAILED}) and a warning in the log, at most one every {@link #REPORT_INTERVAL_NANOS}
 * with the number refused since the last one.
 */
final class OversizedMessages {
  private static final Logger LOG = LoggerFactory.getLogger(OversizedMessages.class);
  private static final long REPORT_INTERVAL_NANOS = 10_000_000_000L;

  private final StatusBus status;
  private final int maxFrameSize;
  private long total;
  private long sinceReport;
  private long lastReport = Long.MIN_VALUE;

  OversizedMessages(StatusBus status, int maxFrameSize) {
    this.status = status;
    this.maxFrameSize = maxFrameSize;
  }

  /**
   * @param frameBytes the whole frame, its 4-byte length prefix included
   * @return whether a frame of that size may be sent; if not, counts and reports it
   */
  boolean fits(int frameBytes, String topic) {
    if (frameBytes - 4 <= maxFrameSize) {
      return true;
    }
    total++;
    sinceReport++;
    long now = System.nanoTime();
    if (lastReport == Long.MIN_VALUE || now - lastReport >= REPORT_INTERVAL_NANOS) {
      String message = "a message on " + topic + " of " + (frameBytes - 4) + " bytes exceeds maxFrameSize ("
          + maxFrameSize + "): not sent" + (sinceReport > 1 ? " (" + sinceReport + " refused since the last report)" : "");
      LOG.warn(message);
      status.emit(StatusCode.ERROR, null, null, 0, ErrorCode.SERIALIZATION_FAILED, message);
      lastReport = now;
      sinceReport = 0;
    }
    return false;
  }

  /** @return how many messages were kept off the wire for their size */
  long total() {
    return total;
  }
}
