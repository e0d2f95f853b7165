/**
 * Observability: Prometheus metrics named as Broker and Zeek name theirs, Broker's JSON status report and a
 * live status page, served by a {@link io.brokervx.observability.StatusServer}; {@link
 * io.brokervx.observability.VertxMetrics} creates a Vert.x instance that reports its own metrics too.
 */
package io.brokervx.observability;
