package io.brokervx.endpoint.impl.wire;

/** A frame whose bytes do not form the message its type announces. */
public final class MalformedFrameException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** @param message what is wrong */
  public MalformedFrameException(String message) {
    super(message, null, false, false);
  }
}
