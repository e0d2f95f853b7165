/** The endpoint implementation: peer connections, link-state routing, subscriptions. Not a supported API. */
package io.brokervx.endpoint.impl;
