/** The data-store implementation: operation semantics, backends, master, clone and channel. Not a supported API. */
package io.brokervx.store.impl;
