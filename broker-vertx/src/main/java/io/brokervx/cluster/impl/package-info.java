/** The cluster node implementation. Not a supported API. */
package io.brokervx.cluster.impl;
