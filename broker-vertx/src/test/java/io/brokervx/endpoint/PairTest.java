package io.brokervx.endpoint;

import static io.brokervx.endpoint.TestSupport.await;
import static io.brokervx.endpoint.TestSupport.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.brokervx.data.Data;
import io.brokervx.data.DataMessage;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two endpoints over a real TCP socket on 127.0.0.1. */
class PairTest {
  private Vertx vertx;

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void tearDown() {
    await(vertx.close());
  }

  @Test
  void publishReachesSubscriberOfPeer() {
    Endpoint a = Endpoint.create(vertx);
    Endpoint b = Endpoint.create(vertx);
    int port = await(b.listen("127.0.0.1", 0));
    List<DataMessage> got = new CopyOnWriteArrayList<>();
    b.subscribe("/demo").handler(got::add);
    await(a.peer("127.0.0.1", port));
    eventually(vertx, "a sees b's subscription", () -> a.subscribersOf("/demo/x").map(s -> s.contains(b.id())));
    a.publish("/demo/x", Data.string("hello"));
    a.publish("/other", Data.string("not for b"));
    a.publish("/demo", Data.count(2));
    eventually(vertx, "b got 2 messages", () -> Future.succeededFuture(got.size() >= 2));
    assertEquals(List.of(new DataMessage("/demo/x", Data.string("hello")), new DataMessage("/demo", Data.count(2))), got);
    await(a.close());
    await(b.close());
  }
}
