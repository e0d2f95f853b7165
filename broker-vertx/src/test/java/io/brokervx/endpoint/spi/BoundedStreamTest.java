package io.brokervx.endpoint.spi;

import static io.brokervx.test.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brokervx.endpoint.OverflowPolicy;
import io.brokervx.test.Inbox;
import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The bounded stream behind subscriptions and status streams, on a real Vert.x context: delivery with
 * demand, pause/resume/fetch, each overflow policy, the end and its handler, handler exceptions, and calls
 * made from other threads and contexts, which take effect on the stream's own context, in order.
 */
@ExtendWith(VertxExtension.class)
class BoundedStreamTest {
  private static final int CAPACITY = 3;
  private Vertx vertx;
  private Context context;

  @BeforeEach
  void setUp(Vertx vertx) {
    this.vertx = vertx;
    this.context = vertx.getOrCreateContext();
  }

  /** Runs {@code body} on the stream's context and waits until it ran (and every task queued before it). */
  private void on(Runnable body) {
    Promise<Void> done = Promise.promise();
    context.runOnContext(v -> {
      body.run();
      done.complete();
    });
    await(done.future());
  }

  private BoundedStream<Integer> stream(OverflowPolicy policy) {
    return new BoundedStream<>(context, CAPACITY, policy);
  }

  private void push(BoundedStream<Integer> s, int from, int to) {
    on(() -> IntStream.range(from, to).forEach(s::push));
  }

  @Test
  void withDemandItemsGoStraightToTheHandlerOnTheStreamsContext() {
    BoundedStream<Integer> s = stream(OverflowPolicy.DISCONNECT);
    List<Context> where = new ArrayList<>();
    Inbox<Integer> got = new Inbox<>();
    s.handler(recording(got, where));
    push(s, 0, 10); // more than the capacity: nothing waits in the queue
    assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), got.items());
    assertTrue(where.stream().allMatch(c -> c == context));
    assertEquals(0, s.dropped());
  }

  @Test
  void pausedItemsWaitAndResumeDeliversThemInOrder() {
    BoundedStream<Integer> s = stream(OverflowPolicy.DROP_NEWEST);
    Inbox<Integer> got = Inbox.of(s);
    s.pause(); // from the test thread: takes effect on the context before the pushes queued after it
    push(s, 0, 3);
    assertEquals(List.of(), got.items());
    s.resume();
    push(s, 3, 5);
    assertEquals(List.of(0, 1, 2, 3, 4), got.items(), "the queue first, then the new items");
  }

  @Test
  void fetchDeliversExactlyTheDemandedNumber() {
    BoundedStream<Integer> s = stream(OverflowPolicy.DROP_NEWEST);
    Inbox<Integer> got = Inbox.of(s);
    s.pause();
    push(s, 0, 3);
    s.fetch(2);
    on(() -> { });
    assertEquals(List.of(0, 1), got.items());
    push(s, 3, 4);
    assertEquals(List.of(0, 1), got.items(), "no demand left: the new item waits behind the queue");
    s.fetch(1);
    s.fetch(1);
    on(() -> { });
    assertEquals(List.of(0, 1, 2, 3), got.items());
    s.fetch(5);
    push(s, 4, 9);
    assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8), got.items(), "demand carries over to items still to come");
    push(s, 9, 10);
    assertEquals(9, got.size(), "the demand is spent");
  }

  @Test
  void demandAddsUpWithoutOverflowing() {
    BoundedStream<Integer> s = stream(OverflowPolicy.DROP_NEWEST);
    Inbox<Integer> got = Inbox.of(s);
    s.pause();
    s.fetch(Long.MAX_VALUE - 1);
    s.fetch(10); // would overflow a long: the stream is simply resumed
    push(s, 0, 100);
    assertEquals(100, got.size());
  }

  @Test
  void aHandlerThatFetchesOneAtATimeGetsEverything() {
    BoundedStream<Integer> s = stream(OverflowPolicy.DROP_NEWEST);
    Inbox<Integer> got = new Inbox<>();
    s.pause();
    push(s, 0, 3);
    s.handler(i -> {
      got.handle(i);
      s.fetch(1); // re-entrant, on the context
    });
    s.fetch(1);
    on(() -> { });
    push(s, 3, 6);
    assertEquals(List.of(0, 1, 2, 3, 4, 5), got.items());
  }

  @Test
  void pausingInTheHandlerStopsAfterTheCurrentItem() {
    BoundedStream<Integer> s = stream(OverflowPolicy.DROP_NEWEST);
    Inbox<Integer> got = new Inbox<>();
    s.pause();
    push(s, 0, 3);
    s.handler(i -> {
      got.handle(i);
      s.pause();
    });
    s.resume();
    on(() -> { });
    assertEquals(List.of(0), got.items());
    s.resume();
    on(() -> { });
    assertEquals(List.of(0, 1), got.items());
  }

  @ParameterizedTest
  @EnumSource(value = OverflowPolicy.class, names = {"DROP_OLDEST", "DROP_NEWEST"})
  void aFullQueueDropsByItsPolicyAndCountsWhatItDrops(OverflowPolicy policy) {
    BoundedStream<Integer> s = stream(policy);
    Inbox<Integer> got = Inbox.of(s);
    Inbox<Void> ended = new Inbox<>();
    s.endHandler(ended);
    s.pause();
    push(s, 0, 5);
    assertEquals(2, s.dropped());
    s.resume();
    on(() -> { });
    assertEquals(policy == OverflowPolicy.DROP_OLDEST ? List.of(2, 3, 4) : List.of(0, 1, 2), got.items());
    push(s, 5, 6);
    assertEquals(4, got.size(), "the stream goes on");
    assertEquals(0, ended.size());
  }

  @Test
  void underTheDisconnectPolicyAFullQueueEndsTheStreamWithAnError() {
    List<String> hooks = new ArrayList<>();
    BoundedStream<Integer> s = new BoundedStream<>(context, CAPACITY, OverflowPolicy.DISCONNECT) {
      @Override
      protected void onOverflowEnd() {
        hooks.add("overflow end, ended " + isEnded());
      }
    };
    Inbox<Integer> got = Inbox.of(s);
    Inbox<Throwable> errors = new Inbox<>();
    Inbox<Void> ended = new Inbox<>();
    s.exceptionHandler(errors).endHandler(ended);
    s.pause();
    push(s, 0, 4);
    assertEquals(1, s.dropped());
    assertEquals(1, errors.size());
    assertTrue(errors.items().get(0).getMessage().contains("overflow (3 items)"), errors.items().toString());
    assertEquals(1, ended.size());
    assertEquals(List.of("overflow end, ended true"), hooks);
    s.resume();
    push(s, 4, 6);
    assertEquals(List.of(), got.items(), "an ended stream delivers nothing: its queue was dropped");
    assertEquals(1, ended.size());
  }

  @Test
  void theEndHandlerRunsOnceAndLaterItemsAreIgnored() {
    BoundedStream<Integer> s = stream(OverflowPolicy.DROP_OLDEST);
    Inbox<Integer> got = Inbox.of(s);
    Inbox<Void> ended = new Inbox<>();
    s.endHandler(ended);
    push(s, 0, 2);
    on(s::end);
    on(s::end);
    push(s, 2, 4);
    assertEquals(List.of(0, 1), got.items());
    assertEquals(1, ended.size());
    assertTrue(s.isEnded());
  }

  @Test
  void aHandlerExceptionGoesToTheExceptionHandlerAndDeliveryGoesOn() {
    BoundedStream<Integer> s = stream(OverflowPolicy.DROP_OLDEST);
    Inbox<Throwable> errors = new Inbox<>();
    Inbox<Integer> got = new Inbox<>();
    s.exceptionHandler(errors).handler(throwingOn(1, got));
    push(s, 0, 3);
    assertEquals(List.of(0, 2), got.items());
    assertEquals(List.of("item 1"), errors.items().stream().map(Throwable::getMessage).toList());
  }

  @Test
  void withoutAnExceptionHandlerAHandlerExceptionIsReportedToTheContext() {
    Inbox<Throwable> unhandled = new Inbox<>();
    vertx.exceptionHandler(unhandled);
    BoundedStream<Integer> s = stream(OverflowPolicy.DROP_OLDEST);
    Inbox<Integer> got = new Inbox<>();
    s.handler(throwingOn(1, got));
    push(s, 0, 3);
    assertEquals(List.of(0, 2), got.items());
    assertEquals(List.of("item 1"), unhandled.items().stream().map(Throwable::getMessage).toList());
  }

  /** @return a handler that records each item in {@code got} and the context it ran on in {@code where} */
  private static Handler<Integer> recording(Inbox<Integer> got, List<Context> where) {
    return i -> {
      where.add(Vertx.currentContext());
      got.handle(i);
    };
  }

  private static Handler<Integer> throwingOn(int bad, Inbox<Integer> got) {
    return i -> {
      if (i == bad) {
        throw new IllegalStateException("item " + i);
      }
      got.handle(i);
    };
  }

  @Test
  void callsFromAnotherContextTakeEffectOnTheStreamsContextInOrder() {
    BoundedStream<Integer> s = stream(OverflowPolicy.DROP_NEWEST);
    List<Context> where = new ArrayList<>();
    Inbox<Integer> got = new Inbox<>();
    s.handler(recording(got, where));
    Context other = vertx.getOrCreateContext();
    Promise<Void> done = Promise.promise();
    other.runOnContext(v -> {
      s.pause();
      s.fetch(1);
      context.runOnContext(x -> IntStream.range(0, 3).forEach(s::push));
      s.fetch(1); // queued on the stream's context after the pushes
      done.complete();
    });
    await(done.future());
    on(() -> { });
    assertEquals(List.of(0, 1), got.items());
    assertTrue(where.stream().allMatch(c -> c == context), "delivered on the stream's context only");
    s.resume();
    on(() -> { });
    assertEquals(List.of(0, 1, 2), got.items());
    assertSame(context, where.get(2));
  }

  @Test
  void aNegativeFetchIsRefused() {
    BoundedStream<Integer> s = stream(OverflowPolicy.DROP_NEWEST);
    Inbox<Integer> got = Inbox.of(s);
    s.pause();
    assertThrows(IllegalArgumentException.class, () -> s.fetch(-1));
    push(s, 0, 1);
    assertEquals(List.of(), got.items(), "the stream stays paused");
  }
}
