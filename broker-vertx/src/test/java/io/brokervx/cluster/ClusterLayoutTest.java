package io.brokervx.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Layout validation errors and Zeek's connection graph. */
class ClusterLayoutTest {
  private static JsonObject node(String name, String type, int port) {
    JsonObject o = new JsonObject().put("name", name).put("type", type).put("host", "127.0.0.1");
    return port > 0 ? o.put("port", port) : o;
  }

  private static String error(JsonArray nodes) {
    return assertThrows(IllegalArgumentException.class,
        () -> ClusterLayout.fromJson(new JsonObject().put("nodes", nodes))).getMessage();
  }

  @Test
  void badLayoutsAreRejectedWithClearErrors() {
    assertTrue(error(new JsonArray()).contains("non-empty"));
    assertTrue(error(new JsonArray().add(node("m", "manager", 1)).add(node("m", "worker", 0))).contains("duplicate node name 'm'"));
    assertTrue(error(new JsonArray().add(node("m", "boss", 1))).contains("unknown node type 'boss'"));
    assertTrue(error(new JsonArray().add(node("w", "worker", 0))).contains("needs a manager"));
    assertTrue(error(new JsonArray().add(node("m", "manager", 1)).add(node("p", "proxy", 1))).contains("both use 127.0.0.1:1"));
    assertTrue(error(new JsonArray().add(node("m", "manager", 0))).contains("needs a 'port'"));
    assertTrue(error(new JsonArray().add(node("m", "manager", 1).put("port", 70000))).contains("'port'"));
  }

  @Test
  void nodesConnectAsZeeksBrokerBackendDoes() {
    ClusterLayout l = ClusterLayout.fromJson(new JsonObject().put("nodes", new JsonArray()
        .add(node("manager", "manager", 1)).add(node("logger", "logger", 2)).add(node("proxy-1", "proxy", 3))
        .add(node("proxy-2", "proxy", 4)).add(node("worker-1", "worker", 0)).add(node("worker-2", "worker", 0))));
    assertEquals(List.of("logger"), l.connectionsOf("manager").stream().map(ClusterLayout.Node::name).toList());
    assertEquals(List.of("logger", "manager"), l.connectionsOf("proxy-1").stream().map(ClusterLayout.Node::name).toList());
    assertEquals(List.of("logger", "manager", "proxy-1", "proxy-2"),
        l.connectionsOf("worker-2").stream().map(ClusterLayout.Node::name).toList());
    assertEquals(List.of(), l.connectionsOf("logger"));
    assertEquals("manager", l.firstManager().orElseThrow());
    assertEquals(List.of("worker-1", "worker-2"), l.names(NodeType.WORKER));
  }
}
