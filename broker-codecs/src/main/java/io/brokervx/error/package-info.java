/** Broker's error codes and the one exception type every failed broker-vertx future carries. */
package io.brokervx.error;
