package io.brokervx.examples;

/** A tool could not do its job (a port in use, a peer that never answered, …): one line, exit code 1. */
final class ToolFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  ToolFailure(String message) {
    super(message);
  }
}
