/** Internals of the codecs. Not a supported API. */
package io.brokervx.codec.impl;
