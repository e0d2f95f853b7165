/**
 * Broker endpoints: TCP peering, publish/subscribe by topic prefix, loop-free multi-hop routing and
 * status events.
 */
package io.brokervx.endpoint;
