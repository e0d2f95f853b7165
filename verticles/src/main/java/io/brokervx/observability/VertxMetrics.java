package io.brokervx.observability;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import io.vertx.core.internal.VertxInternal;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;
import io.vertx.micrometer.impl.MicrometerMetrics;
import java.util.Optional;
import java.util.UUID;

/**
 * Creating a Vert.x instance that reports its own metrics (event loops' pools, TCP and HTTP servers and
 * clients, the event bus, the JVM) through Vert.x's metrics SPI into a Prometheus registry, which every
 * {@link StatusServer} of that instance serves at {@code /metrics} next to the endpoints' meters:
 * <pre>{@code
 * Vertx vertx = VertxMetrics.builder(new VertxOptions()).build();
 * StatusServer.create(vertx, new MetricsServerOptions().setPort(9911)).addEndpoint("node", endpoint).listen();
 * }</pre>
 * A Vert.x created otherwise still gets the endpoints' meters, in a registry of the server's own.
 */
public final class VertxMetrics {
  private VertxMetrics() {
  }

  /**
   * @return a builder of a Vert.x instance configured by {@code options} whose own metrics go to a new
   *     Prometheus registry (one per instance)
   */
  public static VertxBuilder builder(VertxOptions options) {
    VertxOptions withMetrics = new VertxOptions(options).setMetricsOptions(new MicrometerMetricsOptions()
        .setEnabled(true)
        .setJvmMetricsEnabled(true)
        .setRegistryName("broker-vertx-" + UUID.randomUUID()) // Vert.x shares registries by name: one per instance
        .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true)));
    return Vertx.builder().with(withMetrics).withMetrics(new MicrometerMetricsFactory(newRegistry()));
  }

  /** @return a new Vert.x instance with default options whose own metrics go to a Prometheus registry */
  public static Vertx vertx() {
    return builder(new VertxOptions()).build();
  }

  /** @return the Prometheus registry that {@code vertx} reports its own metrics to, if it has one */
  public static Optional<PrometheusMeterRegistry> registryOf(Vertx vertx) {
    if (vertx instanceof VertxInternal internal && internal.metrics() instanceof MicrometerMetrics m && m.registry() instanceof PrometheusMeterRegistry p) {
      return Optional.of(p);
    }
    return Optional.empty();
  }

  /** @return a new, empty Prometheus registry */
  public static PrometheusMeterRegistry newRegistry() {
    return new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  }
}
