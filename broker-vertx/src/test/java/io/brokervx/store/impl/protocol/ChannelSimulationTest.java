package io.brokervx.store.impl.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.Test;

/**
 * A producer and three consumers joining at different times, connected by a seeded network that loses,
 * duplicates and reorders messages in both directions (handshakes, events, keepalives, acks and NACKs
 * alike). For every schedule, each consumer must end with exactly the events produced after its handshake
 * offset, once each and in order, with no loss reported, no consumer dropped and everyone idle.
 */
class ChannelSimulationTest {
  static final int CONSUMERS = 3;
  static final int EVENTS = 300;
  static final int MAX_TICKS = 60_000;

  /** A message in flight: delivered at {@code due}, ties broken by sending order. */
  record InFlight(long due, long order, Runnable delivery) {
  }

  /** The unreliable network: each message is lost, delivered once, or delivered twice, after a random delay. */
  static final class Network {
    final Random random;
    final double loss;
    final double duplication;
    final int maxDelay;
    final PriorityQueue<InFlight> queue =
        new PriorityQueue<>(Comparator.comparingLong(InFlight::due).thenComparingLong(InFlight::order));
    long now;
    long sent;

    Network(Random random, double loss, double duplication, int maxDelay) {
      this.random = random;
      this.loss = loss;
      this.duplication = duplication;
      this.maxDelay = maxDelay;
    }

    void send(Runnable delivery) {
      if (random.nextDouble() < loss) {
        return;
      }
      schedule(delivery);
      if (random.nextDouble() < duplication) {
        schedule(delivery);
      }
    }

    private void schedule(Runnable delivery) {
      queue.add(new InFlight(now + random.nextInt(maxDelay + 1), sent++, delivery));
    }

    void deliverDue() {
      while (!queue.isEmpty() && queue.peek().due() <= now) {
        queue.poll().delivery().run();
      }
    }
  }

  /** One run: the channel, the network, what was produced and what each consumer got. */
  static final class Run {
    final Network net;
    final ChannelProducer<Integer, String> producer;
    final List<ChannelConsumer<Integer, String>> consumers = new ArrayList<>();
    final List<List<String>> consumed = new ArrayList<>();
    final long[] offsets = new long[CONSUMERS];
    final boolean[] joined = new boolean[CONSUMERS];
    final TreeMap<Long, String> produced = new TreeMap<>();
    final List<String> trouble = new ArrayList<>();

    Run(Network net, ChannelSettings producerSettings, ChannelSettings consumerSettings) {
      this.net = net;
      this.producer = new ChannelProducer<>(producerSettings, String::length, producerOutput(), false);
      for (int i = 0; i < CONSUMERS; i++) {
        int id = i;
        consumed.add(new ArrayList<>());
        consumers.add(new ChannelConsumer<>(consumerSettings, String::length, consumerOutput(id)));
      }
    }

    void toJoined(IntConsumer delivery) {
      for (int i = 0; i < CONSUMERS; i++) {
        if (joined[i]) {
          int id = i;
          net.send(() -> delivery.accept(id));
        }
      }
    }

    ChannelProducer.Output<Integer, String> producerOutput() {
      return new ChannelProducer.Output<>() {
        @Override
        public void broadcast(long seq, String event) {
          toJoined(i -> consumers.get(i).handleEvent(seq, event));
        }

        @Override
        public void retransmit(Integer consumer, long seq, String event) {
          net.send(() -> consumers.get(consumer).handleEvent(seq, event));
        }

        @Override
        public void handshake(Integer consumer, long offset, int heartbeatInterval) {
          net.send(() -> {
            if (consumers.get(consumer).handleHandshake(-1, offset, heartbeatInterval)) {
              offsets[consumer] = offset;
            }
          });
        }

        @Override
        public void keepalive(long seq) {
          toJoined(i -> consumers.get(i).handleKeepalive(seq));
        }

        @Override
        public void retransmitFailed(Integer consumer, long seq) {
          net.send(() -> consumers.get(consumer).handleRetransmitFailed(seq));
        }

        @Override
        public void handshakeCompleted(Integer consumer) {
          // nothing to do: the consumer's stream is already flowing
        }

        @Override
        public void dropped(Integer consumer, ChannelProducer.DropReason reason) {
          trouble.add("consumer " + consumer + " dropped: " + reason);
        }
      };
    }

    ChannelConsumer.Output<String> consumerOutput(int id) {
      return new ChannelConsumer.Output<>() {
        @Override
        public void consume(String event) {
          consumed.get(id).add(event);
        }

        @Override
        public boolean consumeNil(long seq) {
          trouble.add("consumer " + id + " lost " + seq);
          return true;
        }

        @Override
        public void send(StoreCommand.ConsumerControl message) {
          if (message instanceof StoreCommand.CumulativeAck ack) {
            net.send(() -> producer.handleAck(id, ack.seq()));
          } else {
            net.send(() -> producer.handleNack(id, ((StoreCommand.Nack) message).seqs()));
          }
        }

        @Override
        public void closed(long lostSeq) {
          trouble.add("consumer " + id + " closed at " + lostSeq);
        }
      };
    }

    boolean converged() {
      if (produced.size() < EVENTS || !producer.idle()) {
        return false;
      }
      for (ChannelConsumer<Integer, String> c : consumers) {
        if (!c.idle() || c.nextSeq() != producer.seq() + 1) {
          return false;
        }
      }
      return true;
    }

    /** Runs until convergence; @return the ticks it took */
    long run(Random random, int[] joinAt) {
      for (long tick = 0; tick < MAX_TICKS; tick++) {
        net.now = tick;
        for (int i = 0; i < CONSUMERS; i++) {
          if (joinAt[i] == tick) {
            joined[i] = true;
            consumers.get(i).requestHandshake();
          }
        }
        net.deliverDue();
        if (produced.size() < EVENTS && random.nextInt(3) == 0) {
          for (int n = 1 + random.nextInt(3); n > 0 && produced.size() < EVENTS; n--) {
            String event = "e" + tick + "." + n;
            long seq = producer.produce(event);
            if (seq != 0) {
              produced.put(seq, event);
            }
          }
        }
        producer.tick();
        consumers.forEach(ChannelConsumer::tick);
        if (converged()) {
          return tick;
        }
      }
      return -1;
    }
  }

  static void simulate(long seed, ChannelSettings consumerSettings) {
    Random random = new Random(seed);
    Network net = new Network(random, random.nextDouble() * 0.4, random.nextDouble() * 0.2, random.nextInt(9));
    Run run = new Run(net, ChannelSettings.DEFAULTS, consumerSettings);
    int[] joinAt = {0, random.nextInt(200), random.nextInt(600)};
    String what = "seed " + seed + " (loss " + net.loss + ", duplication " + net.duplication + ", delay ≤ "
        + net.maxDelay + ")";
    long ticks = run.run(random, joinAt);
    assertTrue(ticks >= 0, what + " did not converge in " + MAX_TICKS + " ticks: " + run.trouble);
    assertEquals(List.of(), run.trouble, what);
    for (int i = 0; i < CONSUMERS; i++) {
      List<String> expected = List.copyOf(run.produced.tailMap(run.offsets[i], false).values());
      assertEquals(expected, run.consumed.get(i), what + ", consumer " + i + " from offset " + run.offsets[i]);
    }
    assertEquals(0, run.producer.bufferedEvents(), what);
  }

  @Test
  void everySeededScheduleConvergesWithExactlyOnceInOrderDelivery() {
    for (long seed = 1; seed <= 150; seed++) {
      simulate(seed, ChannelSettings.DEFAULTS);
    }
  }

  @Test
  void aTightConsumerBoundStillConverges() {
    ChannelSettings tight = new ChannelSettings(5, 2, 100, 4, 1 << 20, 8);
    for (long seed = 1001; seed <= 1060; seed++) {
      simulate(seed, tight);
    }
  }
}
