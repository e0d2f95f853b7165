package io.brokervx.store.impl.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.brokervx.data.Data;
import io.brokervx.store.impl.protocol.StoreCommand.Action;
import io.brokervx.store.impl.protocol.StoreCommand.AckClone;
import io.brokervx.store.impl.protocol.StoreCommand.AttachWriter;
import io.brokervx.store.impl.protocol.StoreCommand.CumulativeAck;
import io.brokervx.store.impl.protocol.StoreCommand.Keepalive;
import io.brokervx.store.impl.protocol.StoreCommand.Nack;
import io.brokervx.store.impl.protocol.StoreCommand.Put;
import io.brokervx.store.impl.protocol.StoreWire.Outgoing;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A master and a clone built from the channel pair and {@link StoreWire}, wired back to back with the ids
 * of the captured Broker 6.2 peering, put on the wire the same frames as Broker: the attach sequence
 * ({@code nack [0]}, {@code ack_clone} with the snapshot, the clone's first ack, {@code attach_writer}, the
 * master's ack of it) and a write with its rebroadcast, byte for byte including topics and envelope
 * receivers. The dispatching here follows Broker's {@code master_state::dispatch} and
 * {@code clone_state::dispatch}: it is the pattern the stores are to follow.
 */
class AttachSequenceTest {
  static final String STORE = "kv";
  static final UUID CLONE_EP = UUID.fromString("aaaaaaaa-0000-4000-8000-00000000000a");
  static final UUID MASTER_EP = UUID.fromString("bbbbbbbb-0000-4000-8000-00000000000b");
  static final EntityId CLONE = new EntityId(CLONE_EP, 8);
  static final EntityId MASTER = new EntityId(MASTER_EP, 7);
  static final int SIZE = 1;

  /** Frames in the order they were put on the wire, each with its sending endpoint. */
  final List<String> wire = new ArrayList<>();
  final ArrayDeque<Runnable> inFlight = new ArrayDeque<>();
  final Map<EntityId, ChannelConsumer<EntityId, Action>> masterInputs = new HashMap<>();
  ChannelProducer<EntityId, Action> masterOutput;
  ChannelConsumer<EntityId, Action> cloneInput;
  ChannelProducer<EntityId, Action> cloneWriter;
  EntityId cloneMaster = EntityId.NIL;

  void send(UUID from, Outgoing o) {
    wire.add(frameHex(from, o));
    InternalCommand c = o.command();
    inFlight.add(() -> {
      if (o.topic().equals(StoreWire.masterTopic(STORE))) {
        masterReceives(c);
      } else {
        cloneReceives(c);
      }
    });
  }

  void deliverAll() {
    while (!inFlight.isEmpty()) {
      inFlight.poll().run();
    }
  }

  static String frameHex(UUID from, Outgoing o) {
    byte[] topic = o.topic().getBytes(StandardCharsets.UTF_8);
    UUID to = o.receiver() == null ? new UUID(0, 0) : o.receiver();
    Buffer body = Buffer.buffer().appendLong(from.getMostSignificantBits()).appendLong(from.getLeastSignificantBits())
        .appendLong(to.getMostSignificantBits()).appendLong(to.getLeastSignificantBits()).appendByte((byte) 2)
        .appendShort((short) 16).appendShort((short) topic.length).appendBytes(topic)
        .appendBuffer(InternalCommandCodec.encode(o.command()));
    return InternalCommandCodecTest.HEX.formatHex(Buffer.buffer().appendInt(body.length()).appendBuffer(body).getBytes());
  }

  // -- the master ---------------------------------------------------------------------------------------

  void startMaster(Map<Data, Data> snapshot) {
    masterOutput = new ChannelProducer<>(ChannelSettings.DEFAULTS, a -> SIZE, new ChannelProducer.Output<>() {
      @Override
      public void broadcast(long seq, Action event) {
        send(MASTER_EP, StoreWire.masterEvent(STORE, MASTER, seq, event));
      }

      @Override
      public void retransmit(EntityId clone, long seq, Action event) {
        send(MASTER_EP, StoreWire.masterRetransmit(STORE, MASTER, clone, seq, event));
      }

      @Override
      public void handshake(EntityId clone, long offset, int heartbeat) {
        send(MASTER_EP, StoreWire.ackClone(STORE, MASTER, clone, offset, heartbeat, snapshot));
      }

      @Override
      public void keepalive(long seq) {
        send(MASTER_EP, StoreWire.masterKeepalive(STORE, MASTER, seq));
      }

      @Override
      public void retransmitFailed(EntityId clone, long seq) {
        send(MASTER_EP, StoreWire.masterRetransmitFailed(STORE, MASTER, clone, seq));
      }

      @Override
      public void handshakeCompleted(EntityId clone) {
        // the cached snapshot for this clone may go
      }

      @Override
      public void dropped(EntityId clone, ChannelProducer.DropReason reason) {
        masterInputs.remove(clone);
      }
    }, false);
  }

  ChannelConsumer<EntityId, Action> writerInput(EntityId writer) {
    return new ChannelConsumer<>(ChannelSettings.DEFAULTS, a -> SIZE, new ChannelConsumer.Output<>() {
      @Override
      public void consume(Action action) {
        masterOutput.produce(action); // the store applies it; a put is rebroadcast as it came
      }

      @Override
      public boolean consumeNil(long seq) {
        return true;
      }

      @Override
      public void send(StoreCommand.ConsumerControl message) {
        AttachSequenceTest.this.send(MASTER_EP, StoreWire.toWriter(STORE, MASTER, writer, message));
      }

      @Override
      public void closed(long lostSeq) {
        masterInputs.remove(writer);
      }
    });
  }

  void masterReceives(InternalCommand c) {
    StoreCommand content = c.content();
    if (content instanceof CumulativeAck ack) {
      masterOutput.handleAck(c.sender(), ack.seq());
    } else if (content instanceof Nack nack) {
      masterOutput.handleNack(c.sender(), nack.seqs());
    } else if (content instanceof AttachWriter attach) {
      if (!masterInputs.containsKey(c.sender())) {
        ChannelConsumer<EntityId, Action> input = writerInput(c.sender());
        masterInputs.put(c.sender(), input);
        input.handleHandshake(c.sender(), attach.offset(), attach.heartbeatInterval());
      }
    } else if (masterInputs.containsKey(c.sender())) {
      ChannelConsumer<EntityId, Action> input = masterInputs.get(c.sender());
      if (content instanceof Keepalive k) {
        input.handleKeepalive(k.seq());
      } else if (content instanceof StoreCommand.RetransmitFailed rf) {
        input.handleRetransmitFailed(rf.seq());
      } else if (content instanceof Action action) {
        input.handleEvent(c.seq(), action);
      }
    }
  }

  // -- the clone ----------------------------------------------------------------------------------------

  void startClone() {
    cloneInput = new ChannelConsumer<>(ChannelSettings.DEFAULTS, a -> SIZE, new ChannelConsumer.Output<>() {
      @Override
      public void consume(Action action) {
        // applied to the replica
      }

      @Override
      public boolean consumeNil(long seq) {
        return false;
      }

      @Override
      public void send(StoreCommand.ConsumerControl message) {
        AttachSequenceTest.this.send(CLONE_EP, StoreWire.toMaster(STORE, CLONE, cloneMaster, message));
      }

      @Override
      public void closed(long lostSeq) {
        cloneMaster = EntityId.NIL;
      }
    });
    cloneWriter = new ChannelProducer<>(ChannelSettings.DEFAULTS, a -> SIZE, new ChannelProducer.Output<>() {
      @Override
      public void broadcast(long seq, Action event) {
        send(CLONE_EP, StoreWire.writerEvent(STORE, CLONE, cloneMaster, seq, event));
      }

      @Override
      public void retransmit(EntityId master, long seq, Action event) {
        send(CLONE_EP, StoreWire.writerEvent(STORE, CLONE, master, seq, event));
      }

      @Override
      public void handshake(EntityId master, long offset, int heartbeat) {
        send(CLONE_EP, StoreWire.attachWriter(STORE, CLONE, master, offset, heartbeat));
      }

      @Override
      public void keepalive(long seq) {
        send(CLONE_EP, StoreWire.writerKeepalive(STORE, CLONE, seq));
      }

      @Override
      public void retransmitFailed(EntityId master, long seq) {
        send(CLONE_EP, StoreWire.writerRetransmitFailed(STORE, CLONE, master, seq));
      }

      @Override
      public void handshakeCompleted(EntityId master) {
        // writes flow
      }

      @Override
      public void dropped(EntityId master, ChannelProducer.DropReason reason) {
        // the master is gone: re-attach with a new entity (see the notes)
      }
    }, true);
    cloneInput.requestHandshake();
  }

  void cloneReceives(InternalCommand c) {
    if (cloneInput.initialized() && !c.sender().equals(cloneInput.producer())) {
      return;
    }
    StoreCommand content = c.content();
    if (content instanceof AckClone ack && c.receiver().equals(CLONE)) {
      if (!cloneInput.initialized()) {
        cloneMaster = c.sender(); // before the handshake: its first ack is addressed to the master
        cloneInput.handleHandshake(c.sender(), ack.offset(), ack.heartbeatInterval());
        cloneWriter.add(cloneMaster);
      }
    } else if (content instanceof Keepalive k) {
      cloneInput.handleKeepalive(k.seq());
    } else if (content instanceof StoreCommand.RetransmitFailed rf && c.receiver().equals(CLONE)) {
      cloneInput.handleRetransmitFailed(rf.seq());
    } else if (content instanceof Action action) {
      cloneInput.handleEvent(c.seq(), action);
    } else if (content instanceof CumulativeAck ack && c.receiver().equals(CLONE)) {
      cloneWriter.handleAck(c.sender(), ack.seq());
    } else if (content instanceof Nack nack && c.receiver().equals(CLONE)) {
      cloneWriter.handleNack(c.sender(), nack.seqs());
    }
  }

  /** The captured command frames, in wire order, filtered by a rendering fragment. */
  static List<String> capturedFrames(String fragment) {
    List<String> out = new ArrayList<>();
    String[] lines = InternalCommandCodecTest.resource("peering-store-v6.2.0.hex").split("\n");
    for (int i = 0; i + 1 < lines.length; i++) {
      if (!lines[i].startsWith("#") && lines[i + 1].contains("node_message/command") && lines[i + 1].contains(fragment)) {
        String[] cols = lines[i].trim().split("\\s+");
        out.add(cols[cols.length - 1]);
      }
    }
    return out;
  }

  @Test
  void theAttachSequenceAndAWriteAreTheFramesBrokerSends() {
    startMaster(Map.of(Data.string("preexisting"), Data.count(1)));
    startClone();
    deliverAll();
    List<String> captured = capturedFrames("");
    assertEquals(captured.subList(0, 5), wire, "nack [0], ack_clone, cumulative_ack(1), attach_writer, cumulative_ack(1)");

    wire.clear();
    cloneWriter.produce(new Put(Data.string("k"), Data.string("v"), null, CLONE));
    deliverAll();
    assertEquals(List.of(capturedFrames("(2, 8@aaaa").get(0), capturedFrames("(2, 7@bbbb").get(0)), wire,
        "the clone's put as writer event 2, then the master's rebroadcast as event 2");
  }
}
