package io.brokervx.store;

import io.brokervx.data.Data;

/**
 * Broker's {@code store::proxy}: every request returns a monotonically increasing 64-bit id at once, and
 * its answer is sent to the proxy's mailbox (an event-bus address) as a JSON object
 * {@code {"id": n, "result": <JSON v1 value>}} or {@code {"id": n, "error": "<broker error name>",
 * "message": "…"}}. Mutations answer with {@code result} {@code {"@data-type":"none","data":{}}}
 * ({@code putUnique} with a boolean) once the master has applied them.
 */
public interface StoreProxy {
  /** @return the mailbox address */
  String mailbox();

  /** Requests {@code get(key)}; @return the request id */
  long get(Data key);

  /** Requests {@code exists(key)}; @return the request id */
  long exists(Data key);

  /** Requests {@code getIndexFromValue(key, index)}; @return the request id */
  long getIndexFromValue(Data key, Data index);

  /** Requests {@code keys()}; @return the request id */
  long keys();

  /** Requests {@code put(key, value)}; @return the request id */
  long put(Data key, Data value);

  /** Requests {@code putUnique(key, value)}; @return the request id */
  long putUnique(Data key, Data value);

  /** Requests {@code erase(key)}; @return the request id */
  long erase(Data key);
}
