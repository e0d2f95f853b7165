package io.brokervx.endpoint;

import static io.brokervx.test.Await.await;
import static io.brokervx.test.Await.eventually;
import static io.brokervx.test.PlainEndpoints.plaintext;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.brokervx.codec.ZeekBatch;
import io.brokervx.codec.ZeekEvent;
import io.brokervx.data.Data;
import io.brokervx.data.DataMessage;
import io.brokervx.test.Inbox;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A Zeek batch crosses a peering as one message; a subscription that asks for it sees the events one by one
 * (with the batch's topic, in order), another one the batch as published.
 */
@ExtendWith(VertxExtension.class)
class ZeekBatchDeliveryTest {
  @Test
  void subscribersSeeTheBatchWholeOrSplitAsTheyAsk(Vertx vertx) {
    Endpoint publisher = Endpoint.create(vertx, plaintext());
    Endpoint subscriber = Endpoint.create(vertx, plaintext());
    int port = await(subscriber.listen("127.0.0.1", 0));
    Inbox<DataMessage> whole = Inbox.of(subscriber.subscribe("/zeek"));
    Inbox<DataMessage> split = Inbox.of(subscriber.subscribe("/zeek").splitBatches(true));
    await(publisher.peer("127.0.0.1", port));
    eventually(vertx, "the subscription reached the publisher",
        () -> publisher.subscribersOf("/zeek/x").map(s -> s.contains(subscriber.id())));
    Data e1 = ZeekEvent.of("one", Data.count(1)).toData();
    Data e2 = ZeekEvent.of("two", Data.string("2")).toData();
    Data e3 = ZeekEvent.of("three").toData();
    Data batch = ZeekBatch.of(e1, ZeekBatch.of(e2, e3));
    publisher.publish("/zeek/x", batch);
    publisher.publish("/zeek/y", Data.count(7));
    assertEquals(List.of(new DataMessage("/zeek/x", batch), new DataMessage("/zeek/y", Data.count(7))),
        whole.awaitSize(2));
    assertEquals(List.of(new DataMessage("/zeek/x", e1), new DataMessage("/zeek/x", e2),
        new DataMessage("/zeek/x", e3), new DataMessage("/zeek/y", Data.count(7))), split.awaitSize(4));
    assertEquals(2, await(publisher.peers()).get(0).dataSent(), "the batch crossed the peering as one message");
  }
}
