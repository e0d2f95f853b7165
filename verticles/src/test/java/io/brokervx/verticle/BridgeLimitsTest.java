package io.brokervx.verticle;

import static io.brokervx.test.Await.await;
import static io.brokervx.test.Await.eventually;
import static io.brokervx.test.Await.failure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brokervx.codec.JsonFormat;
import io.brokervx.data.Data;
import io.brokervx.data.DataMessage;
import io.brokervx.endpoint.Endpoint;
import io.brokervx.endpoint.EndpointOptions;
import io.brokervx.error.ErrorCode;
import io.brokervx.test.Inbox;
import io.brokervx.test.PlainEndpoints;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Large messages on a bridged topic (finding 3 of the security review: a 4 MiB vector held the event loop
 * for 14 s) neither block an event loop nor cost a bystander its peering: above {@code maxJsonBytes} they
 * are dropped (inbound) or refused (outbound), below it they are converted off the loop, in order.
 */
class BridgeLimitsTest {
  private static final int CAP = 1 << 20;
  private final List<LogRecord> blocked = new CopyOnWriteArrayList<>();
  private final Handler blockedWarnings = new Handler() {
    @Override
    public void publish(LogRecord r) {
      blocked.add(r);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
  };
  private Vertx vertx;
  private Endpoint publisher;
  private Endpoint bystander;
  private int port;

  @BeforeEach
  void setUp() {
    // Vert.x warns about any event-loop task longer than its default 2 s, checked every 100 ms
    vertx = Vertx.vertx(new VertxOptions().setBlockedThreadCheckInterval(100));
    Logger.getLogger("io.vertx.core.impl.BlockedThreadChecker").addHandler(blockedWarnings);
    EndpointVerticle node = new EndpointVerticle();
    await(vertx.deployVerticle(node, new DeploymentOptions().setConfig(new JsonObject()
        .put("listen", new JsonObject().put("port", 0))
        .put("options", roomy().toJson())
        .put("bridges", new JsonArray().add(new JsonObject().put("topic", "big/").put("address", "big"))))));
    port = node.port();
    publisher = Endpoint.create(vertx, roomy());
    bystander = Endpoint.create(vertx, roomy());
    await(publisher.peer("127.0.0.1", port));
    await(bystander.peer("127.0.0.1", port));
  }

  /** Peer buffers that hold the large messages, so that only the bridge's cap decides. */
  private static EndpointOptions roomy() {
    return PlainEndpoints.plaintext().setPeerBufferBytes(32 << 20);
  }

  @AfterEach
  void tearDown() {
    Logger.getLogger("io.vertx.core.impl.BlockedThreadChecker").removeHandler(blockedWarnings);
    await(vertx.close());
  }

  private static Data vectorOfCounts(int n) {
    List<Data> counts = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      counts.add(Data.count(i));
    }
    return Data.vector(counts);
  }

  @Test
  void aMessageAboveTheCapIsDroppedOneBelowIsConvertedOffTheLoopInOrder() {
    List<JsonObject> onBus = new CopyOnWriteArrayList<>();
    await(vertx.eventBus().<JsonObject>consumer("big", m -> onBus.add(m.body())).completion());
    Inbox<DataMessage> atBystander = Inbox.of(bystander.subscribe("big/"));
    eventually(vertx, "the bystander's subscription reached the publisher",
        () -> publisher.subscribersOf("big/x").map(s -> s.contains(bystander.id())));

    Data huge = vectorOfCounts(440_000); // 4 MB in Broker's binary format (just below the frame limit)
    Data large = vectorOfCounts(60_000); // 540 kB: converted on a worker
    publisher.publish("big/huge", huge);
    publisher.publish("big/large", large);
    publisher.publish("big/small", Data.string("after"));

    eventually(vertx, "the bystander received all three", () -> atBystander.items().size() == 3);
    eventually(vertx, "the bridge published two", () -> onBus.size() == 2);
    assertEquals("big/large", onBus.get(0).getString("topic"));
    assertEquals(large, JsonFormat.decodeMessage(onBus.get(0)).data());
    assertEquals("big/small", onBus.get(1).getString("topic"));
    assertTrue(blocked.isEmpty(), () -> "an event loop was blocked: " + blocked.get(0).getMessage());
  }

  @Test
  void aTextAboveTheCapIsRefusedOneBelowIsPublished() {
    Inbox<DataMessage> atBystander = Inbox.of(bystander.subscribe("big/"));
    eventually(vertx, "the bystander's subscription reached the node",
        () -> publisher.subscribersOf("big/x").map(s -> s.contains(bystander.id())));

    String tooLong = JsonFormat.encodeMessage("big/json", vectorOfCounts(40_000)).encode();
    assertTrue(tooLong.length() > CAP, "the text is above the cap");
    Throwable refused = failure(vertx.eventBus().request("big.out", tooLong));
    assertInstanceOf(ReplyException.class, refused);
    assertEquals(ErrorCode.INVALID_DATA.code(), ((ReplyException) refused).failureCode());
    assertTrue(refused.getMessage().contains("exceeds the bridge's maxJsonBytes (" + CAP + ")"), refused.getMessage());

    Data fits = vectorOfCounts(15_000);
    String text = JsonFormat.encodeMessage("big/json", fits).encode();
    assertTrue(text.length() > 64 * 1024 && text.length() < CAP, "converted on a worker");
    await(vertx.eventBus().request("big.out", text));
    await(vertx.eventBus().request("big.out", JsonFormat.encodeMessage("big/json", Data.count(7)).encode()));
    eventually(vertx, "both arrived", () -> atBystander.items().size() == 2);
    assertEquals(fits, atBystander.items().get(0).data());
    assertEquals(Data.count(7), atBystander.items().get(1).data());
    assertTrue(blocked.isEmpty(), () -> "an event loop was blocked: " + blocked.get(0).getMessage());
  }
}
