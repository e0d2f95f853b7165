package io.brokervx.endpoint;

import static io.brokervx.test.Await.await;
import static io.brokervx.test.Await.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.brokervx.data.Data;
import io.brokervx.data.DataMessage;
import io.brokervx.test.Inbox;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Two endpoints over a real TCP socket on 127.0.0.1. */
@ExtendWith(VertxExtension.class)
class PairTest {
  @Test
  void publishReachesSubscriberOfPeer(Vertx vertx) {
    Endpoint a = Endpoint.create(vertx);
    Endpoint b = Endpoint.create(vertx);
    int port = await(b.listen("127.0.0.1", 0));
    Inbox<DataMessage> got = Inbox.of(b.subscribe("/demo"));
    await(a.peer("127.0.0.1", port));
    eventually(vertx, "a sees b's subscription", () -> a.subscribersOf("/demo/x").map(s -> s.contains(b.id())));
    a.publish("/demo/x", Data.string("hello"));
    a.publish("/other", Data.string("not for b"));
    a.publish("/demo", Data.count(2));
    // the three publications travel in order on one connection: the last one arrives last
    got.await("b got the last message", m -> m.data().equals(Data.count(2)));
    assertEquals(List.of(new DataMessage("/demo/x", Data.string("hello")), new DataMessage("/demo", Data.count(2))),
        got.items());
    await(a.close());
    await(b.close());
  }
}
