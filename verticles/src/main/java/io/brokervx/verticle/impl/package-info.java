/** Internals of the verticles: shared endpoints, bridges, configuration reading. Not a supported API. */
package io.brokervx.verticle.impl;
