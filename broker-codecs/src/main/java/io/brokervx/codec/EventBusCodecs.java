package io.brokervx.codec;

import io.brokervx.data.AddressData;
import io.brokervx.data.BooleanData;
import io.brokervx.data.CountData;
import io.brokervx.data.Data;
import io.brokervx.data.DataMessage;
import io.brokervx.data.EnumData;
import io.brokervx.data.IntegerData;
import io.brokervx.data.NoneData;
import io.brokervx.data.PortData;
import io.brokervx.data.RealData;
import io.brokervx.data.SetData;
import io.brokervx.data.StringData;
import io.brokervx.data.SubnetData;
import io.brokervx.data.TableData;
import io.brokervx.data.TimespanData;
import io.brokervx.data.TimestampData;
import io.brokervx.data.VectorData;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageCodec;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Event-bus codecs for {@link Data} and {@link DataMessage}. Local delivery hands over the immutable
 * instance itself; clustered delivery carries Broker's binary v1 (a message as a length-prefixed UTF-8
 * topic followed by the length-prefixed value).
 *
 * <p>{@link #register(Vertx)} installs them as default codecs, so values are sent without delivery
 * options. It may be called any number of times per Vert.x instance; call it on every node of a cluster.
 */
public final class EventBusCodecs {
  /**
   * Name of the codec for any {@link Data} value, for {@code DeliveryOptions.setCodecName}. Each concrete
   * type also has a default codec named after it in lower case, e.g. {@code broker.data.count},
   * {@code broker.data.enum}.
   */
  public static final String DATA_CODEC = "broker.data";
  /** Name of the codec for {@link DataMessage}s. */
  public static final String MESSAGE_CODEC = "broker.data-message";

  private static final List<Class<? extends Data>> DATA_CLASSES = List.of(NoneData.class, BooleanData.class,
      CountData.class, IntegerData.class, RealData.class, StringData.class, AddressData.class, SubnetData.class,
      PortData.class, TimestampData.class, TimespanData.class, EnumData.class, SetData.class, TableData.class,
      VectorData.class);

  private static final DecodeLimits LIMITS = new DecodeLimits();
  private static final Map<EventBus, Boolean> REGISTERED = new WeakHashMap<>();

  private EventBusCodecs() {
  }

  /** Registers the codecs as defaults on {@code vertx}'s event bus, once. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public static void register(Vertx vertx) {
    EventBus bus = vertx.eventBus();
    synchronized (REGISTERED) {
      if (REGISTERED.containsKey(bus)) {
        return;
      }
      bus.registerCodec(new DataCodec(DATA_CODEC));
      for (Class<? extends Data> c : DATA_CLASSES) {
        String typeName = c.getSimpleName().replace("Data", "").toLowerCase(Locale.ROOT);
        bus.registerDefaultCodec((Class) c, (MessageCodec) new DataCodec(DATA_CODEC + "." + typeName));
      }
      bus.registerDefaultCodec(DataMessage.class, new DataMessageCodec());
      REGISTERED.put(bus, Boolean.TRUE);
    }
  }

  private static void writeBlock(Buffer out, Data data) {
    out.appendInt(BinaryFormat.encodedSize(data));
    BinaryFormat.encode(data, out);
  }

  private static Data readBlock(int pos, Buffer in) {
    int len = in.getInt(pos);
    return BinaryFormat.decode(in, pos + 4, pos + 4 + len, LIMITS);
  }

  /** {@link Data} on the event bus: the instance locally, length-prefixed binary v1 across the cluster. */
  static final class DataCodec implements MessageCodec<Data, Data> {
    private final String name;

    DataCodec(String name) {
      this.name = name;
    }

    @Override
    public void encodeToWire(Buffer buffer, Data data) {
      writeBlock(buffer, data);
    }

    @Override
    public Data decodeFromWire(int pos, Buffer buffer) {
      return readBlock(pos, buffer);
    }

    @Override
    public Data transform(Data data) {
      return data;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public byte systemCodecID() {
      return -1;
    }
  }

  /** {@link DataMessage} on the event bus: the instance locally, topic + binary v1 across the cluster. */
  static final class DataMessageCodec implements MessageCodec<DataMessage, DataMessage> {
    @Override
    public void encodeToWire(Buffer buffer, DataMessage m) {
      byte[] topic = m.topic().getBytes(StandardCharsets.UTF_8);
      buffer.appendInt(topic.length).appendBytes(topic);
      writeBlock(buffer, m.data());
    }

    @Override
    public DataMessage decodeFromWire(int pos, Buffer buffer) {
      int topicLength = buffer.getInt(pos);
      String topic = buffer.getString(pos + 4, pos + 4 + topicLength, "UTF-8");
      return new DataMessage(topic, readBlock(pos + 4 + topicLength, buffer));
    }

    @Override
    public DataMessage transform(DataMessage m) {
      return m;
    }

    @Override
    public String name() {
      return MESSAGE_CODEC;
    }

    @Override
    public byte systemCodecID() {
      return -1;
    }
  }
}
