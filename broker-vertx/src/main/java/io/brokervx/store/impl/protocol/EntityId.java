package io.brokervx.store.impl.protocol;

import java.util.Objects;
import java.util.UUID;

/**
 * Broker's {@code entity_id}: the endpoint that hosts a store actor (or a requester) and a 64-bit object id
 * local to that endpoint. On the wire it is the endpoint's 16 raw bytes then the object id, big-endian; the
 * nil entity (all zero) addresses "everyone" in an internal command's receiver field.
 *
 * @param endpoint the hosting endpoint's id (all-zero for nil)
 * @param object the object id on that endpoint (unsigned)
 */
public record EntityId(UUID endpoint, long object) {
  /** The nil entity: no endpoint, object 0. Broker renders it as {@code none}. */
  public static final EntityId NIL = new EntityId(new UUID(0, 0), 0);

  /** Checks that the endpoint is present. */
  public EntityId {
    Objects.requireNonNull(endpoint, "endpoint");
  }

  /** @return whether this is the nil entity (Broker's {@code !entity_id}: the endpoint is nil) */
  public boolean isNil() {
    return endpoint.getMostSignificantBits() == 0 && endpoint.getLeastSignificantBits() == 0;
  }

  /** @return {@code object@endpoint} as Broker renders it, or {@code none} for the all-zero entity */
  @Override
  public String toString() {
    if (object == 0 && isNil()) {
      return "none";
    }
    return Long.toUnsignedString(object) + "@" + endpoint;
  }
}
