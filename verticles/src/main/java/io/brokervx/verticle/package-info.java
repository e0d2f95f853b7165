/**
 * Deployable verticles (endpoint, store master and clone, cluster node), the event-bus bridge and the
 * store service proxies.
 */
package io.brokervx.verticle;
