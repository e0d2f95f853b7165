package io.brokervx.endpoint;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.UUID;

/**
 * The peered network as one endpoint's link-state database describes it (part of {@link EndpointStats}):
 * every endpoint it knows, the links between them, and how many delivery trees it has computed. Every
 * endpoint of a connected network builds the same graph, so one endpoint's view draws the whole network.
 *
 * @param endpoints the endpoints of the graph, sorted by id
 * @param links the links, each once, sorted
 * @param deliveryTrees the delivery trees (one per origin that sent something here or through here) computed
 *     from the current graph
 */
public record RoutingGraph(List<Node> endpoints, List<Link> links, int deliveryTrees) {

  /**
   * One endpoint of the graph.
   *
   * @param id its endpoint id
   * @param broker whether it is a Broker (protocol version 1) endpoint rather than a routing one
   * @param forwarding whether it relays for others (Broker endpoints are leaves: false)
   * @param filter the topic prefixes it subscribes to
   */
  public record Node(UUID id, boolean broker, boolean forwarding, List<String> filter) {
    /** @return {@code routing} or {@code broker} */
    public String kind() {
      return broker ? "broker" : "routing";
    }
  }

  /**
   * A link between two endpoints ({@code a} sorts before {@code b}).
   *
   * @param a one end
   * @param b the other end
   */
  public record Link(UUID a, UUID b) {
  }

  /** @return {@code {"endpoints": [{"id", "kind", "forwarding", "filter"}], "links": [[a, b]], "delivery-trees"}} */
  public JsonObject toJson() {
    JsonArray nodes = new JsonArray();
    endpoints.forEach(n -> nodes.add(new JsonObject().put("id", n.id().toString()).put("kind", n.kind())
        .put("forwarding", n.forwarding()).put("filter", new JsonArray(n.filter()))));
    JsonArray edges = new JsonArray();
    links.forEach(l -> edges.add(new JsonArray().add(l.a().toString()).add(l.b().toString())));
    return new JsonObject().put("endpoints", nodes).put("links", edges).put("delivery-trees", deliveryTrees);
  }
}
