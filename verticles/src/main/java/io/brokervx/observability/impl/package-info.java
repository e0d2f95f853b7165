/** The status server's internals: snapshots, meters, the status report and the live page's feed. */
package io.brokervx.observability.impl;
