package io.brokervx.websocket.impl;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshaker13;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Netty's version-13 client handshake with the header names spelt as RFC 6455 spells them ({@code Host},
 * {@code Upgrade: websocket}, {@code Connection: Upgrade}, {@code Sec-WebSocket-Key},
 * {@code Sec-WebSocket-Version}) and no {@code Origin}. Netty writes names in lower case, which is legal HTTP, but
 * Broker 6.2's server (CAF 0.18) looks {@code Sec-WebSocket-Key} up case-sensitively and answers 400 without it.
 */
final class CapitalisedHandshaker extends WebSocketClientHandshaker13 {
  /** The spelling of each request header Netty sets, by its lower-case name. */
  private static final Map<String, String> NAMES = Map.of(
      "host", "Host",
      "upgrade", "Upgrade",
      "connection", "Connection",
      "sec-websocket-key", "Sec-WebSocket-Key",
      "sec-websocket-version", "Sec-WebSocket-Version",
      "sec-websocket-protocol", "Sec-WebSocket-Protocol");

  CapitalisedHandshaker(URI uri, String applicationName, int maxMessageSize) {
    super(uri, WebSocketVersion.V13, null, false, applicationHeader(applicationName), maxMessageSize, true, false);
  }

  private static HttpHeaders applicationHeader(String applicationName) {
    HttpHeaders h = new DefaultHttpHeaders();
    if (applicationName != null) {
      h.add("X-Application-Name", applicationName);
    }
    return h;
  }

  @Override
  protected FullHttpRequest newHandshakeRequest() {
    FullHttpRequest request = super.newHandshakeRequest();
    HttpHeaders headers = request.headers();
    List<Map.Entry<String, String>> entries = headers.entries();
    headers.clear();
    for (Map.Entry<String, String> e : entries) {
      String lower = e.getKey().toLowerCase(Locale.ROOT);
      if (lower.equals(HttpHeaderNames.ORIGIN.toString())) {
        continue;
      }
      String value = lower.equals("connection") ? "Upgrade" : e.getValue();
      headers.add(NAMES.getOrDefault(lower, e.getKey()), value);
    }
    return request;
  }
}
