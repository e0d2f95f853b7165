package io.brokervx.endpoint.impl.transport;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Keeps a listener's status stream readable while a misconfigured peer keeps dialing it (Broker and Zeek retry
 * every second by default): a failure from a remote host is reported once, and again only when that host's
 * failure changes or after it has connected successfully.
 *
 * <p>Bounded: it remembers the last failure of at most {@code maxHosts} hosts; when full, the host seen least
 * recently is forgotten (its next failure is reported again). Certificate-mode handshake failures reach the
 * listener without the remote address; pass {@code null} as the host for them. Use on one context only.
 */
public final class AcceptFailureFilter {
  private final Map<String, String> lastFailure;

  /** @param maxHosts how many remote hosts to remember, at least 1 */
  public AcceptFailureFilter(int maxHosts) {
    if (maxHosts < 1) {
      throw new IllegalArgumentException("maxHosts must be at least 1, not " + maxHosts);
    }
    this.lastFailure = new LinkedHashMap<>(16, 0.75f, true) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
        return size() > maxHosts;
      }
    };
  }

  /** Records a failed accept. @return whether it is news (a status event should be raised) */
  public boolean shouldReport(String remoteHost, TransportException failure) {
    return shouldReport(remoteHost, failure.failure() + ": " + failure.detail());
  }

  /** Records a failed connection from {@code remoteHost}, described by {@code what}. @return whether it is news */
  public boolean shouldReport(String remoteHost, String what) {
    return !what.equals(lastFailure.put(remoteHost == null ? "" : remoteHost, what));
  }

  /** Records a successful accept from {@code remoteHost}: its next failure is news again. */
  public void onSuccess(String remoteHost) {
    lastFailure.remove(remoteHost == null ? "" : remoteHost);
  }
}
