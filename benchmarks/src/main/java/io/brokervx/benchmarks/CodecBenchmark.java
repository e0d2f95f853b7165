package io.brokervx.benchmarks;

import io.brokervx.codec.BinaryFormat;
import io.brokervx.codec.JsonFormat;
import io.brokervx.codec.ZeekEvent;
import io.brokervx.data.Data;
import io.brokervx.data.PortData;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Throughput (ops/s) of the binary v1 and JSON v1 codecs on two values:
 * <ul>
 *   <li>{@code throughputEvent*}: event type 1 of Broker's {@code broker-throughput} tool,
 *       {@code (42, test)}, the smallest message a peer exchanges;</li>
 *   <li>{@code zeekEvent*}: a five-argument Zeek event,
 *       {@code Demo::conn(count, 20-character string, address, port, timestamp)} in Broker's event vector.</li>
 * </ul>
 * Every value, buffer, JSON object, JSON text and frame array is built once per trial in {@link #setUp()},
 * so only the codec call is measured; every benchmark returns its result so nothing is dead-code-eliminated.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar CodecBenchmark} (add {@code -prof gc} for
 * allocation per operation).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Thread)
@Warmup(iterations = 5, time = 1, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 1, timeUnit = TimeUnit.SECONDS)
@Fork(3)
public class CodecBenchmark {
  /** The 20-character string argument of the Zeek event (a Zeek connection uid is about this long). */
  static final String UID = "CHhAvVGS1DHFjwGM9xyz";
  /** The timestamp argument: nanoseconds since the epoch, with sub-millisecond digits as Zeek's clock has. */
  static final long TIMESTAMP_NANOS = 1_700_000_000_123_456_789L;

  private Data throughputEvent;
  private Buffer throughputEventBinary;

  private Data zeekEvent;
  private Buffer zeekEventBinary;
  private JsonObject zeekEventJson;
  private String zeekEventJsonText;
  private byte[] frame;

  /** Creates the benchmark; JMH calls {@link #setUp()} before measuring. */
  public CodecBenchmark() {
  }

  /** Builds the values and their encodings, and checks that every codec path gives back the value. */
  @Setup(Level.Trial)
  public void setUp() {
    throughputEvent = throughputEvent();
    throughputEventBinary = BinaryFormat.encode(throughputEvent);

    zeekEvent = zeekEvent(TIMESTAMP_NANOS);
    zeekEventBinary = BinaryFormat.encode(zeekEvent);
    zeekEventJsonText = JsonFormat.encode(zeekEvent).encode();
    // The form in which the event-bus bridge receives a JSON body: parsed from text by Vert.x.
    zeekEventJson = new JsonObject(zeekEventJsonText);
    frame = new byte[BinaryFormat.encodedSize(zeekEvent)];

    check(UID.length() == 20, "the string argument must have 20 characters");
    check(BinaryFormat.decode(throughputEventBinary).equals(throughputEvent), "binary round trip (throughput event)");
    check(BinaryFormat.decode(zeekEventBinary).equals(zeekEvent), "binary round trip (Zeek event)");
    check(BinaryFormat.encode(zeekEvent, frame, 0) == frame.length, "encode into byte[] fills the frame");
    check(Buffer.buffer(frame).equals(zeekEventBinary), "encode into byte[] writes the binary form");
    // JSON v1 keeps Broker's millisecond timestamps, so the value read back is truncated to the millisecond.
    Data fromJson = zeekEvent(TIMESTAMP_NANOS - TIMESTAMP_NANOS % 1_000_000L);
    check(JsonFormat.decode(zeekEventJson).equals(fromJson), "JSON round trip (object)");
    check(JsonFormat.decode(zeekEventJsonText).equals(fromJson), "JSON round trip (text)");
  }

  static Data throughputEvent() {
    return Data.vector(Data.count(42), Data.string("test"));
  }

  static Data zeekEvent(long timestampNanos) {
    return ZeekEvent.of("Demo::conn",
        Data.count(1_234_567),
        Data.string(UID),
        Data.address("10.1.2.3"),
        Data.port(443, PortData.Protocol.TCP),
        Data.timestamp(timestampNanos)).toData();
  }

  private static void check(boolean ok, String what) {
    if (!ok) {
      throw new IllegalStateException("benchmark setup check failed: " + what);
    }
  }

  // ---- broker-throughput event type 1: (42, "test") ----

  /** @return the binary v1 encoding of the throughput event in a new buffer */
  @Benchmark
  public Buffer throughputEventEncode() {
    return BinaryFormat.encode(throughputEvent);
  }

  /** @return the throughput event decoded from its binary v1 buffer */
  @Benchmark
  public Data throughputEventDecode() {
    return BinaryFormat.decode(throughputEventBinary);
  }

  /** @return the throughput event encoded to binary v1 and decoded again */
  @Benchmark
  public Data throughputEventRoundTrip() {
    return BinaryFormat.decode(BinaryFormat.encode(throughputEvent));
  }

  // ---- five-argument Zeek event, binary v1 ----

  /** @return the binary v1 encoding of the Zeek event in a new buffer */
  @Benchmark
  public Buffer zeekEventEncode() {
    return BinaryFormat.encode(zeekEvent);
  }

  /**
   * Encodes the Zeek event into a caller's array, as the endpoint writes frames: size first, then the bytes.
   *
   * @return the offset after the last byte written
   */
  @Benchmark
  public int zeekEventEncodeIntoArray() {
    byte[] dst = frame;
    if (BinaryFormat.encodedSize(zeekEvent) > dst.length) {
      throw new IllegalStateException("frame too small");
    }
    return BinaryFormat.encode(zeekEvent, dst, 0);
  }

  /** @return the Zeek event decoded from its binary v1 buffer */
  @Benchmark
  public Data zeekEventDecode() {
    return BinaryFormat.decode(zeekEventBinary);
  }

  /** @return the Zeek event encoded to binary v1 and decoded again */
  @Benchmark
  public Data zeekEventRoundTrip() {
    return BinaryFormat.decode(BinaryFormat.encode(zeekEvent));
  }

  // ---- five-argument Zeek event, JSON v1 (event-bus bridge) ----

  /** @return the JSON v1 object of the Zeek event */
  @Benchmark
  public JsonObject zeekEventJsonEncode() {
    return JsonFormat.encode(zeekEvent);
  }

  /** @return the Zeek event decoded from its JSON v1 object */
  @Benchmark
  public Data zeekEventJsonDecode() {
    return JsonFormat.decode(zeekEventJson);
  }

  /** @return the JSON v1 text of the Zeek event ({@link JsonFormat#encode(Data)} then {@link JsonObject#encode()}) */
  @Benchmark
  public String zeekEventJsonEncodeText() {
    return JsonFormat.encode(zeekEvent).encode();
  }

  /** @return the Zeek event decoded from its JSON v1 text ({@link JsonFormat#decode(String)}) */
  @Benchmark
  public Data zeekEventJsonDecodeText() {
    return JsonFormat.decode(zeekEventJsonText);
  }
}
