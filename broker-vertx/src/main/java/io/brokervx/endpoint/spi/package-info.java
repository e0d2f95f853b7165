/**
 * The internal port between an endpoint and what is built on it (stores, the cluster framework): the only
 * endpoint package those parts may depend on besides the public API.
 */
package io.brokervx.endpoint.spi;
