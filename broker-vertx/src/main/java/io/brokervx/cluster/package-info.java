/**
 * Zeek's cluster framework on broker-vertx: node types, topic conventions, and pools with Zeek's
 * highest-random-weight hashing. (The layout-driven node wiring, liveness and cluster stores build on
 * these.)
 */
package io.brokervx.cluster;
