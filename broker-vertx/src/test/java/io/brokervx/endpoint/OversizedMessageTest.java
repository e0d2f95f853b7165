package io.brokervx.endpoint;

import static io.brokervx.test.Await.await;
import static io.brokervx.test.Await.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brokervx.data.Data;
import io.brokervx.data.DataMessage;
import io.brokervx.error.ErrorCode;
import io.brokervx.test.Inbox;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A message over the frame limit stays home with a status error; the peering and what follows survive. */
@ExtendWith(VertxExtension.class)
class OversizedMessageTest {
  @Test
  void aPublicationLargerThanTheFrameLimitIsNotSentAndThePeeringLives(Vertx vertx) {
    EndpointOptions small = new EndpointOptions().setMaxFrameSize(64 * 1024);
    Endpoint a = Endpoint.create(vertx, small);
    Endpoint b = Endpoint.create(vertx, small);
    int port = await(b.listen("127.0.0.1", 0));
    Inbox<DataMessage> got = Inbox.of(b.subscribe("/big"));
    Inbox<StatusEvent> statuses = Inbox.of(a.statuses());
    await(a.peer("127.0.0.1", port));
    eventually(vertx, "a sees b's subscription", () -> a.subscribersOf("/big").map(s -> s.contains(b.id())));
    a.publish("/big", Data.string("x".repeat(100_000)));
    a.publish("/big", Data.count(1));
    StatusEvent e = statuses.await("the refusal", s -> s.code() == StatusCode.ERROR);
    assertEquals(ErrorCode.SERIALIZATION_FAILED, e.error());
    assertTrue(e.message().contains("exceeds maxFrameSize (65536)"), e.message());
    got.await("the next message", m -> m.data().equals(Data.count(1)));
    assertEquals(List.of(new DataMessage("/big", Data.count(1))), got.items(), "only the small one arrived");
    assertEquals(1, await(a.peers()).size(), "the peering is still up");
    await(a.close());
    await(b.close());
  }
}
