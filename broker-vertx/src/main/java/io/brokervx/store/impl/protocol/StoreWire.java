package io.brokervx.store.impl.protocol;

import io.brokervx.data.Data;
import io.brokervx.store.impl.protocol.StoreCommand.AckClone;
import io.brokervx.store.impl.protocol.StoreCommand.Action;
import io.brokervx.store.impl.protocol.StoreCommand.AttachWriter;
import io.brokervx.store.impl.protocol.StoreCommand.ConsumerControl;
import io.brokervx.store.impl.protocol.StoreCommand.Keepalive;
import io.brokervx.store.impl.protocol.StoreCommand.RetransmitFailed;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Addresses each message of the two store channels exactly as Broker 6.2 does (captured in
 * {@code peering-store-v6.2.0.hex}; {@code master_actor.cc}, {@code clone_actor.cc}): which topic, which
 * envelope receiver and which internal sender, receiver and sequence number. The master's channel runs on
 * {@code <name>/<$>/data/clone}, each clone's writer channel on {@code <name>/<$>/data/master}; both
 * directions' acks and NACKs travel on the topic of the side that receives them.
 */
public final class StoreWire {
  private StoreWire() {
  }

  /**
   * A command envelope to send.
   *
   * @param topic its topic
   * @param receiver the envelope receiver: one endpoint, or null to send by subscription (nil on the wire)
   * @param command the payload
   */
  public record Outgoing(String topic, UUID receiver, InternalCommand command) {
    /** Checks that topic and command are present. */
    public Outgoing {
      Objects.requireNonNull(topic, "topic");
      Objects.requireNonNull(command, "command");
    }
  }

  /** A store's two topics, built once: the same string instances hash and compare fastest on every send. */
  private record Topics(String toMaster, String toClones) {
  }

  private static final int CACHED_STORES = 1024;
  private static final ConcurrentHashMap<String, Topics> TOPICS = new ConcurrentHashMap<>();

  private static Topics topics(String store) {
    Topics t = TOPICS.get(store);
    if (t == null) {
      if (TOPICS.size() >= CACHED_STORES) {
        TOPICS.clear();
      }
      t = TOPICS.computeIfAbsent(store, s -> new Topics(s + "/<$>/data/master", s + "/<$>/data/clone"));
    }
    return t;
  }

  /** @return the topic a master subscribes to and clones send to: {@code <name>/<$>/data/master} */
  public static String masterTopic(String store) {
    return topics(store).toMaster();
  }

  /** @return the topic clones subscribe to and a master sends to: {@code <name>/<$>/data/clone} */
  public static String cloneTopic(String store) {
    return topics(store).toClones();
  }

  // -- the master's channel to its clones (producer side) ---------------------------------------------

  /** A new event, to every clone: internal receiver nil. */
  public static Outgoing masterEvent(String store, EntityId master, long seq, Action action) {
    return new Outgoing(cloneTopic(store), null, new InternalCommand(seq, master, EntityId.NIL, action));
  }

  /** An event again, to the clone that NACKed it: the original command, unicast by envelope. */
  public static Outgoing masterRetransmit(String store, EntityId master, EntityId clone, long seq, Action action) {
    return new Outgoing(cloneTopic(store), clone.endpoint(), new InternalCommand(seq, master, EntityId.NIL, action));
  }

  /** The handshake with the snapshot: Broker numbers the command with the offset itself. */
  public static Outgoing ackClone(String store, EntityId master, EntityId clone, long offset, int heartbeat,
      Map<Data, Data> snapshot) {
    return new Outgoing(cloneTopic(store), clone.endpoint(),
        new InternalCommand(offset, master, clone, new AckClone(offset, heartbeat, snapshot)));
  }

  /** A keepalive, to every clone (Broker clones ignore it, since it is not addressed to them). */
  public static Outgoing masterKeepalive(String store, EntityId master, long seq) {
    return new Outgoing(cloneTopic(store), null, new InternalCommand(0, master, EntityId.NIL, new Keepalive(seq)));
  }

  /** Event {@code seq} is gone, to the clone that asked for it. */
  public static Outgoing masterRetransmitFailed(String store, EntityId master, EntityId clone, long seq) {
    return new Outgoing(cloneTopic(store), clone.endpoint(),
        new InternalCommand(0, master, clone, new RetransmitFailed(seq)));
  }

  // -- the master's inputs from writers (consumer side) -----------------------------------------------

  /** An ack or NACK to a clone's writer channel: on the clone topic, unicast. */
  public static Outgoing toWriter(String store, EntityId master, EntityId writer, ConsumerControl message) {
    return new Outgoing(cloneTopic(store), writer.endpoint(), new InternalCommand(0, master, writer, message));
  }

  // -- a clone's input from its master (consumer side) ------------------------------------------------

  /**
   * An ack or NACK to the master. Before the handshake the master is unknown ({@link EntityId#NIL}) and
   * the {@code nack [0]} goes to whoever subscribes to the master topic.
   */
  public static Outgoing toMaster(String store, EntityId clone, EntityId master, ConsumerControl message) {
    UUID receiver = master.isNil() ? null : master.endpoint();
    return new Outgoing(masterTopic(store), receiver, new InternalCommand(0, clone, master, message));
  }

  // -- a clone's writer channel to its master (producer side) -----------------------------------------

  /** A write, new or retransmitted: numbered on the writer channel, addressed internally to the master. */
  public static Outgoing writerEvent(String store, EntityId clone, EntityId master, long seq, Action action) {
    return new Outgoing(masterTopic(store), null, new InternalCommand(seq, clone, master, action));
  }

  /** The writer handshake, repeated with each keepalive until the master acks. */
  public static Outgoing attachWriter(String store, EntityId clone, EntityId master, long offset, int heartbeat) {
    return new Outgoing(masterTopic(store), null,
        new InternalCommand(0, clone, master, new AttachWriter(offset, heartbeat)));
  }

  /** The writer channel's keepalive. */
  public static Outgoing writerKeepalive(String store, EntityId clone, long seq) {
    return new Outgoing(masterTopic(store), null, new InternalCommand(0, clone, EntityId.NIL, new Keepalive(seq)));
  }

  /** Write {@code seq} is gone, to the master that asked for it. */
  public static Outgoing writerRetransmitFailed(String store, EntityId clone, EntityId master, long seq) {
    return new Outgoing(masterTopic(store), null, new InternalCommand(0, clone, master, new RetransmitFailed(seq)));
  }
}
