package io.brokervx.verticle.impl;

import io.brokervx.endpoint.EndpointOptions;
import io.brokervx.store.CloneOptions;
import io.brokervx.store.MasterOptions;
import io.brokervx.websocket.WebSocketServerOptions;
import io.vertx.core.json.JsonObject;

/**
 * broker-node's {@code --help}: the command line, every configuration key (with the option defaults read
 * from the options classes, so they cannot drift), an example, logging and the exit codes.
 */
public final class NodeHelp {
  private NodeHelp() {
  }

  /** @return the options' keys and defaults, wrapped to lines continuing at the help's option column */
  private static JsonObject webSocketDefaults() {
    JsonObject j = new WebSocketServerOptions().toJson().put("version", "broker-node's");
    j.remove("tls");
    return j;
  }

  private static String defaults(JsonObject options) {
    StringBuilder text = new StringBuilder();
    int lineStart = 0;
    for (String key : options.fieldNames()) {
      Object value = options.getValue(key);
      if (value == null || key.equals("backend") || key.equals("path")) {
        continue;
      }
      String item = key + "=" + value;
      if (text.length() > 0 && text.length() - lineStart + item.length() > 70) {
        text.append(",\n").append(" ".repeat(27));
        lineStart = text.length();
      } else if (text.length() > 0) {
        text.append(", ");
      }
      text.append(item);
    }
    return text.toString();
  }

  /** @return the help text */
  public static String text() {
    return """
        Usage: java -jar broker-node.jar -conf FILE [-cluster [-cluster-host HOST] [-cluster-port PORT]]
                                         [other Vert.x launcher options]
               java -jar broker-node.jar --help | --version

        Runs a Broker node (an endpoint, data stores, event-bus bridges) from one JSON configuration. It
        prints what it listens on and each peering change, and runs until stopped (Ctrl-C, SIGTERM).

        Options:
          -conf FILE|JSON          the configuration (below), a file or an inline JSON object
          -cluster                 join a clustered Vert.x event bus (Hazelcast), so that bridged messages and
                                   store services reach other Vert.x instances. By default on 127.0.0.1 only
                                   (TCP members 127.0.0.1:5701-5703, no multicast); give your own Hazelcast
                                   configuration with -Dvertx.hazelcast.config=cluster.xml
          -cluster-host HOST       the event bus's cluster address (default 127.0.0.1)
          -cluster-port PORT       the event bus's cluster port (default: any free port)
          -options JSON|FILE       Vert.x options (event-loop threads, metrics, ...)
          -h, --help               this text
          --version                the versions of broker-node, the wire protocols, Vert.x and Java

        Configuration (every key is checked; a wrong or unknown one stops the node, naming it):
          endpoint (required)
            listen                 {"host": "127.0.0.1", "port": 9999}: accept peerings (port 0: any free one;
                                   no "host": 127.0.0.1 only, "0.0.0.0": every interface)
            peers                  ["host:port", ...]: peer with these, retried until they answer
            options                endpoint options; the defaults:
                                   %s
            webSocket              serve Zeek's WebSocket API v1 (ws[s]://host:port/v1/messages/json) for
                                   third-party clients; {"port": 27759} is enough. The defaults:
                                   %s
                                   tls: {"certificate", "key", "cafile", "verifyPeer"} makes it wss
                                   (verifyPeer: clients need a certificate signed by cafile); the
                                   authorization rules apply to a client by its certificate subject,
                                   else its address (X-Application-Name is recorded, never trusted)
          stores                   [{...}, ...], each:
            name (required)        the store's name, as Broker's
            role (required)        "master" or "clone"
            backend, path          "memory" (default) or "sqlite" with "path": the SQLite file (masters)
            address                the store service's event-bus address (default broker.store.<name>)
            endpointTimeout        ms to wait for the endpoint at start (default 10000)
            options                a master's options; the defaults:
                                   %s
                                   a clone's options; the defaults:
                                   %s
          bridges                  [{...}, ...], each maps a topic prefix to event-bus addresses:
            topic (required)       the topic prefix, e.g. "zeek/events/"
            address (required)     Broker -> event bus: each message is published here
                                   event bus -> Broker: send to <address>.out to publish on the topic
            direction              "in" (Broker -> bus), "out" (bus -> Broker) or "both" (default)
            format                 "json" (default: JSON v1 data messages) or "data" (DataMessage objects)
            maxJsonBytes           the largest message converted to or from JSON (default 1048576);
                                   larger ones are dropped (counted, logged) or refused with invalid_data
          metrics                  {"host": "127.0.0.1", "port": 9911}: serve Prometheus metrics (/metrics),
                                   Broker's status report (/v1/status/json) and a live status page (/);
                                   loopback unless "host" says otherwise

        Example:
          {"endpoint": {"listen": {"host": "127.0.0.1", "port": 9999}, "peers": ["127.0.0.1:9998"]},
           "stores": [{"name": "hosts", "role": "master", "backend": "sqlite", "path": "hosts.sqlite"}],
           "bridges": [{"topic": "zeek/events/", "address": "zeek.events", "direction": "both"}]}

        Logging: java.util.logging, one line per record; the node's own lines at INFO, others at WARNING.
          Use your own with -Djava.util.logging.config.file=FILE (e.g. io.brokervx.level=FINE).

        Exit codes: 2 bad command line or configuration; 11 Vert.x could not start (e.g. the cluster
          could not be joined); 15 the node could not start (e.g. its port is in use); 3 out of memory;
          4 an event loop blocked for more than 10 s; 1 anything else.
          A running node stops at Ctrl-C or SIGTERM (closing its sockets and stores first).
        """.formatted(defaults(new EndpointOptions().toJson()),
        defaults(webSocketDefaults()), defaults(new MasterOptions().toJson()),
        defaults(new CloneOptions().toJson()));
  }
}
