package io.brokervx.store.impl.protocol;

import java.util.Objects;

/**
 * Broker's {@code internal_command}, the payload of every command envelope (envelope type 2) on a store's
 * {@code <name>/<$>/data/master} and {@code <name>/<$>/data/clone} topics. {@link InternalCommandCodec}
 * reads and writes it byte for byte.
 *
 * @param seq the sender's channel sequence number for actions (and for {@code ack_clone}, its offset); 0
 *     for other control messages
 * @param sender the store actor that sent it
 * @param receiver the addressed store actor, or {@link EntityId#NIL} for a broadcast
 * @param content what it says
 */
public record InternalCommand(long seq, EntityId sender, EntityId receiver, StoreCommand content) {
  /** Checks that every part is present. */
  public InternalCommand {
    Objects.requireNonNull(sender, "sender");
    Objects.requireNonNull(receiver, "receiver");
    Objects.requireNonNull(content, "content");
  }

  /** @return the command as CAF renders it: {@code broker::internal_command(seq, sender, receiver, content)} */
  @Override
  public String toString() {
    return "broker::internal_command(" + Long.toUnsignedString(seq) + ", " + sender + ", " + receiver + ", "
        + content + ")";
  }
}
