package io.brokervx.endpoint.impl.wire;

/**
 * Bytes all of an endpoint's connections may hold together for one purpose — frames that have not arrived
 * whole yet, control frames waiting for slow peers — so that many peers each using much cannot make the
 * endpoint hold more than this. Used on one context.
 */
public final class ByteBudget {
  private final long limit;
  private long held;

  /** A budget of {@code limit} bytes. */
  public ByteBudget(long limit) {
    this.limit = limit;
  }

  /** @return whether {@code bytes} more could be held (they then are) */
  public boolean reserve(long bytes) {
    if (held + bytes > limit) {
      return false;
    }
    held += bytes;
    return true;
  }

  /** Gives back {@code bytes}. */
  public void release(long bytes) {
    held -= bytes;
  }

  /** @return the bytes held now */
  public long held() {
    return held;
  }

  /** @return the limit */
  public long limit() {
    return limit;
  }
}
