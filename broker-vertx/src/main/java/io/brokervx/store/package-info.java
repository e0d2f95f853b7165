/**
 * Broker data stores: an authoritative master and any number of clones that keep a full copy, with
 * Broker's operations, expiry, memory and SQLite backends, a reliable master/clone channel, store events
 * and a proxy API whose answers arrive on an event-bus mailbox.
 */
package io.brokervx.store;
