/**
 * Internals of the data model: text renderings and parsers shared by the value types and the codecs.
 * Not a supported API.
 */
package io.brokervx.data.impl;
