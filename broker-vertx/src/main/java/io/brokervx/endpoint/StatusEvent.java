package io.brokervx.endpoint;

import io.brokervx.error.ErrorCode;
import java.util.UUID;

/**
 * A change in an endpoint's peerings or in what it can reach.
 *
 * @param code what happened
 * @param endpoint the other endpoint's id, or {@code null} when it was never learned
 * @param host the remote host of the connection, or {@code null} for a multi-hop event
 * @param port the remote port of the connection, or 0
 * @param error the reason, or {@link ErrorCode#NONE}
 * @param message a human-readable description (Broker's wording where Broker has one)
 */
public record StatusEvent(StatusCode code, UUID endpoint, String host, int port, ErrorCode error, String message) {
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(code.brokerName()).append('(');
    sb.append(endpoint == null ? "?" : endpoint.toString());
    if (host != null) {
      sb.append(", ").append(host).append(':').append(port);
    }
    if (error != ErrorCode.NONE) {
      sb.append(", ").append(error.brokerName());
    }
    return sb.append(", \"").append(message).append("\")").toString();
  }
}
