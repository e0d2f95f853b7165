package io.brokervx.endpoint.impl;

import io.brokervx.endpoint.impl.wire.Envelope;
import io.brokervx.endpoint.spi.EndpointPort.CommandHandler;
import io.brokervx.endpoint.spi.EndpointPort.CommandInterceptor;
import io.brokervx.endpoint.spi.EndpointPort.Registration;
import io.vertx.core.buffer.Buffer;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Commands on reserved topics (the data stores' channel): who handles which topic here, advertised like a
 * subscription, and the hand-over of each received command (through the test interceptor when one is set).
 */
final class CommandTransport {
  private final LocalDelivery local;
  private final Map<String, CommandHandler> handlers = new HashMap<>();
  private CommandInterceptor interceptor;

  CommandTransport(LocalDelivery local) {
    this.local = local;
  }

  Registration handle(String topic, CommandHandler handler) {
    if (handlers.putIfAbsent(topic, handler) != null) {
      throw new IllegalStateException("commands on " + topic + " are already handled here");
    }
    local.addTopic(topic);
    return () -> {
      if (handlers.remove(topic, handler)) {
        local.removeTopic(topic);
      }
    };
  }

  void intercept(CommandInterceptor interceptor) {
    this.interceptor = interceptor;
  }

  /** Hands a received command to its handler. */
  void deliver(Envelope e) {
    CommandHandler handler = handlers.get(e.topic());
    if (handler == null) {
      return;
    }
    Buffer payload = Buffer.buffer(e.payloadLength()).appendBytes(e.array(), e.payloadFrom(), e.payloadLength());
    UUID sender = e.origin();
    String topic = e.topic();
    if (interceptor == null) {
      handler.handle(sender, payload);
      return;
    }
    interceptor.intercept(topic, payload, () -> {
      CommandHandler h = handlers.get(topic); // still there after the interceptor's delay?
      if (h != null) {
        h.handle(sender, payload);
      }
    });
  }
}
