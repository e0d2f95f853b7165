/**
 * JMH micro-benchmarks for broker-vertx.
 *
 * <p>{@link io.brokervx.benchmarks.CodecBenchmark} measures the binary v1 ({@link io.brokervx.codec.BinaryFormat})
 * and JSON v1 ({@link io.brokervx.codec.JsonFormat}) codecs on the values the endpoint and the event-bus
 * bridge move most: the type-1 event of Broker's {@code broker-throughput} tool and a five-argument Zeek event.
 *
 * <p>The module is built only with the root profile {@code benchmarks}:
 * <pre>{@code
 * mvn -B -Pbenchmarks -DskipTests package
 * java -jar benchmarks/target/benchmarks.jar CodecBenchmark
 * }</pre>
 */
package io.brokervx.benchmarks;
