/**
 * Broker's data model: fifteen immutable value types under the sealed {@link io.brokervx.data.Data}
 * interface, with a total order that matches Broker's and a {@code toString()} that renders exactly as
 * Broker's {@code to_string} does.
 */
package io.brokervx.data;
