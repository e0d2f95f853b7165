package io.brokervx.examples;

import io.brokervx.data.DataMessage;
import io.vertx.core.Handler;
import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What {@code pipe} and {@code ws-pipe} do with each message in subscribe mode: print its value (or, with
 * {@code -r}, only count it for the per-second line) and tell when CAP messages have arrived.
 */
final class CappedPrinter implements Handler<DataMessage> {
  private final PrintStream out;
  private final long cap;
  private final boolean rate;
  private final CountDownLatch done = new CountDownLatch(1);
  private final AtomicLong received = new AtomicLong();
  private final AtomicLong second = new AtomicLong();

  CappedPrinter(PrintStream out, long cap, boolean rate) {
    this.out = out;
    this.cap = cap;
    this.rate = rate;
  }

  @Override
  public void handle(DataMessage m) {
    if (!rate) {
      out.println(m.data());
    }
    second.incrementAndGet();
    if (received.incrementAndGet() >= cap) {
      done.countDown();
    }
  }

  /** Prints the messages of the last second (the {@code -r} line) and starts counting anew. */
  void printRate() {
    out.println(second.getAndSet(0));
  }

  /** Ends the wait early (the stream ended). */
  void stop() {
    done.countDown();
  }

  /** Waits for CAP messages (or {@link #stop()}), then flushes the output. */
  void await() throws InterruptedException {
    done.await();
    out.flush();
  }
}
