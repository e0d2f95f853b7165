package io.brokervx.store.impl;

import io.brokervx.codec.BinaryFormat;
import io.brokervx.codec.DecodeException;
import io.brokervx.data.Data;
import io.brokervx.data.SetData;
import io.brokervx.endpoint.OverflowPolicy;
import io.brokervx.endpoint.spi.BoundedStream;
import io.brokervx.endpoint.spi.EndpointPort;
import io.brokervx.error.ErrorCode;
import io.brokervx.store.Store;
import io.brokervx.store.StoreEvent;
import io.brokervx.error.BrokerException;
import io.brokervx.store.StoreProxy;
import io.brokervx.store.StoreStats;
import io.brokervx.store.impl.protocol.InternalCommand;
import io.brokervx.store.impl.protocol.InternalCommandCodec;
import io.brokervx.store.impl.protocol.StoreWire;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.internal.logging.Logger;
import io.vertx.core.internal.logging.LoggerFactory;
import io.vertx.core.streams.ReadStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;

/**
 * What masters and clones share: the operation API mapped onto {@link Mutation}s, local queries, and
 * store events. Everything runs on the endpoint's context.
 */
abstract class AbstractStore implements Store, EndpointPort.Resource {
  private static final Logger LOG = LoggerFactory.getLogger(AbstractStore.class);
  /**
   * Room left in a frame for the envelope (ids, topic) and a command's header, entities and expiry (half the
   * frame when {@code maxFrameSize} is below twice this).
   */
  static final int COMMAND_OVERHEAD = 1024;
  protected final EndpointPort endpoint;
  protected final String name;
  protected final String masterTopic;
  protected final String cloneTopic;
  private final List<BoundedStream<StoreEvent>> eventStreams = new ArrayList<>();
  private final List<EndpointPort.Registration> registrations = new ArrayList<>();

  AbstractStore(EndpointPort endpoint, String name) {
    this.endpoint = endpoint;
    this.name = name;
    this.masterTopic = StoreWire.masterTopic(name);
    this.cloneTopic = StoreWire.cloneTopic(name);
  }

  /**
   * @return an {@code invalid_data} error when {@code key} and {@code values} would not fit one store command
   *     in a frame ({@code maxFrameSize}, less room for the envelope and the command's header): such a
   *     command could never reach a clone or the master, and its channel would wait for it forever; else null
   */
  final BrokerException tooLarge(Data key, Data... values) {
    long size = BinaryFormat.encodedSize(key);
    for (Data v : values) {
      size += BinaryFormat.encodedSize(v);
    }
    int overhead = Math.min(COMMAND_OVERHEAD, endpoint.maxFrameSize() / 2); // the smallest frames keep half
    long limit = endpoint.maxFrameSize() - overhead;
    return size <= limit ? null : new BrokerException(ErrorCode.INVALID_DATA, "a write of " + size
        + " bytes to store " + name + " exceeds what one message carries (" + limit + " bytes: maxFrameSize less "
        + overhead + ")");
  }

  /** Applies (master) or forwards (clone) a mutation; @return its answer once the master applied it */
  abstract Future<Data> submit(Mutation m);

  /** @return a future completed when queries may be answered, or failed with stale_data */
  abstract Future<Void> readable();

  /** @return the current value of {@code key}, or null */
  abstract Data valueOf(Data key);

  /** @return the current keys */
  abstract Collection<Data> currentKeys();

  /** @return a snapshot of the store's entries and channels (on the context) */
  abstract StoreStats statsNow();

  @Override
  public Future<StoreStats> stats() {
    Promise<StoreStats> p = Promise.promise();
    endpoint.runOnContext(() -> p.complete(statsNow()));
    return p.future();
  }

  /**
   * Handles the internal commands arriving on {@code topic} (on the context). A command that does not decode,
   * or whose internal sender is not on the endpoint it came from, is logged and dropped.
   */
  void handleCommands(String topic, CommandHandler handler) {
    handleRaw(topic, (sender, payload) -> {
      InternalCommand c;
      try {
        c = InternalCommandCodec.decode(payload);
      } catch (DecodeException e) {
        LOG.warn("store " + name + ": dropping an undecodable command from " + sender + ": " + e.getMessage());
        return;
      }
      if (!c.sender().endpoint().equals(sender)) {
        LOG.warn("store " + name + ": dropping a command from " + sender + " in the name of " + c.sender());
        return;
      }
      handler.handle(c);
    });
  }

  /** Handles the raw payloads arriving on {@code topic} (on the context); a failing handler drops the message. */
  void handleRaw(String topic, EndpointPort.CommandHandler handler) {
    registrations.add(endpoint.handleCommands(topic, (sender, payload) -> {
      try {
        handler.handle(sender, payload);
      } catch (RuntimeException e) {
        LOG.warn("store " + name + ": dropping a bad message from " + sender + ": " + e.getMessage());
      }
    }));
  }

  /** Sends one message of Broker's store protocol (on the context). */
  void send(StoreWire.Outgoing message) {
    endpoint.sendCommand(message.topic(), message.receiver(), InternalCommandCodec.encode(message.command()));
  }

  /** Handles one decoded internal command. */
  interface CommandHandler {
    void handle(InternalCommand command);
  }

  /** Stops handling commands and leaves the endpoint's registry (on the context). */
  void leaveEndpoint() {
    registrations.forEach(EndpointPort.Registration::close);
    registrations.clear();
    endpoint.unregister(name, this);
  }

  @Override
  public String name() {
    return name;
  }

  /** @return the endpoint this store lives on */
  EndpointPort endpoint() {
    return endpoint;
  }

  /** @return the expiry in nanoseconds, or -1 for none */
  private static long nanos(Duration d) {
    if (d == null) {
      return -1;
    }
    if (d.isNegative()) {
      throw new IllegalArgumentException("expiry must be a non-negative duration");
    }
    return d.toNanos();
  }

  private Future<Data> mutate(Mutation.Op op, Data key, long expiry, Data... args) {
    Mutation m = new Mutation(op, key, List.of(args), expiry);
    BrokerException tooLarge = tooLarge(key, args);
    if (tooLarge != null) {
      return Future.failedFuture(tooLarge);
    }
    Promise<Data> p = Promise.promise();
    endpoint.runOnContext(() -> submit(m).onComplete(p));
    return p.future();
  }

  @Override
  public Future<Void> put(Data key, Data value, Duration expiry) {
    return mutate(Mutation.Op.PUT, key, nanos(expiry), value).mapEmpty();
  }

  @Override
  public Future<Boolean> putUnique(Data key, Data value, Duration expiry) {
    return mutate(Mutation.Op.PUT_UNIQUE, key, nanos(expiry), value).map(Data.bool(true)::equals);
  }

  @Override
  public Future<Void> erase(Data key) {
    return mutate(Mutation.Op.ERASE, key, -1).mapEmpty();
  }

  @Override
  public Future<Void> clear() {
    return mutate(Mutation.Op.CLEAR, Data.none(), -1).mapEmpty();
  }

  @Override
  public Future<Void> increment(Data key, Data amount, Duration expiry) {
    return mutate(Mutation.Op.INCREMENT, key, nanos(expiry), amount).mapEmpty();
  }

  @Override
  public Future<Void> decrement(Data key, Data amount, Duration expiry) {
    return mutate(Mutation.Op.DECREMENT, key, nanos(expiry), amount).mapEmpty();
  }

  @Override
  public Future<Void> append(Data key, Data suffix, Duration expiry) {
    return mutate(Mutation.Op.APPEND, key, nanos(expiry), suffix).mapEmpty();
  }

  @Override
  public Future<Void> insertInto(Data key, Data element, Duration expiry) {
    return mutate(Mutation.Op.INSERT_INTO, key, nanos(expiry), element).mapEmpty();
  }

  @Override
  public Future<Void> insertInto(Data key, Data index, Data value, Duration expiry) {
    return mutate(Mutation.Op.INSERT_INTO, key, nanos(expiry), index, value).mapEmpty();
  }

  @Override
  public Future<Void> removeFrom(Data key, Data index, Duration expiry) {
    return mutate(Mutation.Op.REMOVE_FROM, key, nanos(expiry), index).mapEmpty();
  }

  @Override
  public Future<Void> push(Data key, Data value, Duration expiry) {
    return mutate(Mutation.Op.PUSH, key, nanos(expiry), value).mapEmpty();
  }

  @Override
  public Future<Void> pop(Data key, Duration expiry) {
    return mutate(Mutation.Op.POP, key, nanos(expiry)).mapEmpty();
  }

  private <T> Future<T> query(Supplier<T> answer) {
    Promise<T> p = Promise.promise();
    endpoint.runOnContext(() -> readable().onComplete(ar -> {
      if (ar.failed()) {
        p.fail(ar.cause());
        return;
      }
      try {
        p.complete(answer.get());
      } catch (BrokerException e) {
        p.fail(e);
      }
    }));
    return p.future();
  }

  @Override
  public Future<Data> get(Data key) {
    return query(() -> {
      Data v = valueOf(key);
      if (v == null) {
        throw new BrokerException(ErrorCode.NO_SUCH_KEY, String.valueOf(key));
      }
      return v;
    });
  }

  @Override
  public Future<Boolean> exists(Data key) {
    return query(() -> valueOf(key) != null);
  }

  @Override
  public Future<Data> getIndexFromValue(Data key, Data index) {
    return query(() -> Semantics.indexFromValue(valueOf(key), index));
  }

  @Override
  public Future<SetData> keys() {
    return query(() -> Data.set(currentKeys()));
  }

  @Override
  public ReadStream<StoreEvent> events() {
    BoundedStream<StoreEvent> s = new BoundedStream<>(endpoint.context(), 65536, OverflowPolicy.DROP_OLDEST);
    endpoint.runOnContext(() -> eventStreams.add(s));
    return s;
  }

  /** Hands {@code e} to every event stream. */
  void emit(StoreEvent e) {
    for (int i = 0; i < eventStreams.size(); i++) {
      eventStreams.get(i).push(e);
    }
  }

  /** Ends every event stream. */
  void endEvents() {
    eventStreams.forEach(BoundedStream::end);
    eventStreams.clear();
  }

  @Override
  public StoreProxy proxy(String mailbox) {
    return new StoreProxyImpl(this, mailbox);
  }
}
