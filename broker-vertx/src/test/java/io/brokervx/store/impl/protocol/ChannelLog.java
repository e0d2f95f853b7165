package io.brokervx.store.impl.protocol;

import java.util.ArrayList;
import java.util.List;

/**
 * Test outputs for a producer and a consumer that log every call as one line of text, so that a test
 * asserts the exact messages a channel sent, in order. Events are strings; their size is their length.
 */
final class ChannelLog {
  final List<String> lines = new ArrayList<>();

  /** @return the lines logged since the last call, and forgets them */
  List<String> take() {
    List<String> out = List.copyOf(lines);
    lines.clear();
    return out;
  }

  static int size(String event) {
    return event.length();
  }

  ChannelProducer.Output<String, String> producerOutput() {
    return new ChannelProducer.Output<>() {
      @Override
      public void broadcast(long seq, String event) {
        lines.add("broadcast " + seq + " " + event);
      }

      @Override
      public void retransmit(String consumer, long seq, String event) {
        lines.add("retransmit " + consumer + " " + seq + " " + event);
      }

      @Override
      public void handshake(String consumer, long offset, int heartbeatInterval) {
        lines.add("handshake " + consumer + " " + offset + " " + heartbeatInterval);
      }

      @Override
      public void keepalive(long seq) {
        lines.add("keepalive " + seq);
      }

      @Override
      public void retransmitFailed(String consumer, long seq) {
        lines.add("retransmit_failed " + consumer + " " + seq);
      }

      @Override
      public void handshakeCompleted(String consumer) {
        lines.add("completed " + consumer);
      }

      @Override
      public void dropped(String consumer, ChannelProducer.DropReason reason) {
        lines.add("dropped " + consumer + " " + reason);
      }
    };
  }

  /** A consumer output whose {@code consumeNil} answers {@code keepGoing}. */
  ChannelConsumer.Output<String> consumerOutput(boolean keepGoing) {
    return new ChannelConsumer.Output<>() {
      @Override
      public void consume(String event) {
        lines.add("consume " + event);
      }

      @Override
      public boolean consumeNil(long seq) {
        lines.add("nil " + seq);
        return keepGoing;
      }

      @Override
      public void send(StoreCommand.ConsumerControl message) {
        lines.add(message.toString());
      }

      @Override
      public void closed(long lostSeq) {
        lines.add("closed " + lostSeq);
      }
    };
  }
}
