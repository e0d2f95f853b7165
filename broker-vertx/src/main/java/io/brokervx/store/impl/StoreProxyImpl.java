package io.brokervx.store.impl;

import io.brokervx.codec.JsonFormat;
import io.brokervx.data.Data;
import io.brokervx.error.BrokerException;
import io.brokervx.store.StoreProxy;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.atomic.AtomicLong;

/** Requests with increasing ids whose answers are sent to an event-bus mailbox. */
final class StoreProxyImpl implements StoreProxy {
  private final AbstractStore store;
  private final String mailbox;
  private final AtomicLong ids = new AtomicLong();

  StoreProxyImpl(AbstractStore store, String mailbox) {
    this.store = store;
    this.mailbox = mailbox;
  }

  @Override
  public String mailbox() {
    return mailbox;
  }

  private long request(Future<?> answer) {
    long id = ids.incrementAndGet();
    answer.onComplete(ar -> {
      JsonObject reply = new JsonObject().put("id", id);
      if (ar.succeeded()) {
        Object r = ar.result();
        Data d = r instanceof Data data ? data : r instanceof Boolean b ? Data.bool(b) : Data.none();
        reply.put("result", JsonFormat.encode(d));
      } else if (ar.cause() instanceof BrokerException e) {
        reply.put("error", e.error().brokerName()).put("message", e.getMessage());
      } else {
        reply.put("error", "unspecified").put("message", String.valueOf(ar.cause().getMessage()));
      }
      store.endpoint().vertx().eventBus().send(mailbox, reply);
    });
    return id;
  }

  @Override
  public long get(Data key) {
    return request(store.get(key));
  }

  @Override
  public long exists(Data key) {
    return request(store.exists(key));
  }

  @Override
  public long getIndexFromValue(Data key, Data index) {
    return request(store.getIndexFromValue(key, index));
  }

  @Override
  public long keys() {
    return request(store.keys());
  }

  @Override
  public long put(Data key, Data value) {
    return request(store.put(key, value));
  }

  @Override
  public long putUnique(Data key, Data value) {
    return request(store.putUnique(key, value));
  }

  @Override
  public long erase(Data key) {
    return request(store.erase(key));
  }
}
