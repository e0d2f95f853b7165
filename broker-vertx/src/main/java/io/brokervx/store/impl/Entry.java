package io.brokervx.store.impl;

import io.brokervx.data.Data;

/**
 * A stored value and when it expires.
 *
 * @param value the value
 * @param expiresAt the absolute expiry in nanoseconds since the epoch, or -1 for never
 */
record Entry(Data value, long expiresAt) {
}
