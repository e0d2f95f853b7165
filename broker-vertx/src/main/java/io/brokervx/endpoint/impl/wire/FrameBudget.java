package io.brokervx.endpoint.impl.wire;

/**
 * The bytes all of an endpoint's connections may hold for frames that have not arrived whole yet: many peers
 * each sending most of a large frame cannot make the endpoint hold more than this. Used on one context.
 */
public final class FrameBudget {
  private final long limit;
  private long held;

  /** A budget of {@code limit} bytes. */
  public FrameBudget(long limit) {
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
