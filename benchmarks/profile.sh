#!/usr/bin/env bash
# Profiles the throughput server and client under load (two JVMs on loopback) and writes flame graphs to
# benchmarks/profiles/: {server,client}-cpu.html and {server,client}-alloc.html (async-profiler), or
# {server,client}.jfr (JDK Flight Recorder) when no async-profiler is at hand. The profiles are kept for the
# record; they are no part of any jar.
#
# Usage, from the repository root, after `mvn -B -q -DskipTests package`:
#   ASYNC_PROFILER=/path/to/libasyncProfiler.so benchmarks/profile.sh [EVENT_TYPE] [EVENTS]
#   ASYNC_PROFILER=/path/to/libasyncProfiler.so benchmarks/profile.sh store [KEYS]
# The store mode profiles `store-bench master` and `store-bench clone` (two JVMs, KEYS default 1000000) and
# `store-bench local` (2000000 puts): store-{master,clone,local}-{cpu,alloc}.html.
# (async-profiler's library, e.g. linux-x64/libasyncProfiler.so from the Maven artifact
# tools.profiler:async-profiler); EVENT_TYPE as throughput's -t (default 1), EVENTS default 20000000.
# Environment: TLS (off | anonymous; default off), PORT (19890), OUT (benchmarks/profiles).
set -euo pipefail
cd "$(dirname "$0")/.."

type=${1:-1}
events=${2:-20000000}
TLS=${TLS:-off}
PORT=${PORT:-19890}
OUT=${OUT:-benchmarks/profiles}
JAR=${JAR:-examples/target/broker-tools.jar}
mkdir -p "$OUT"

# agent SIDE MODE: the JVM flags that profile one side (MODE cpu or alloc)
agent() {
  if [ -n "${ASYNC_PROFILER:-}" ]; then
    echo "-agentpath:$ASYNC_PROFILER=start,event=$2,interval=$([ "$2" = cpu ] && echo 1ms || echo 512k),file=$OUT/$1-$2.html"
  else
    echo "-XX:StartFlightRecording=filename=$OUT/$1.jfr,settings=profile"
  fi
}

run() {
  local mode=$1 srv
  java "$(agent server "$mode")" -jar "$JAR" throughput --server "127.0.0.1:$PORT" --tls "$TLS" \
    >"$OUT/server-$mode.log" 2>&1 &
  srv=$!
  for _ in $(seq 300); do grep -q "listening on" "$OUT/server-$mode.log" && break; sleep 0.1; done
  java "$(agent client "$mode")" -jar "$JAR" throughput --tls "$TLS" --terminate -t "$type" -m "$events" \
    "127.0.0.1:$PORT" >"$OUT/client-$mode.log" 2>&1
  wait "$srv" || true
  grep -h '^run:\|^client:' "$OUT/server-$mode.log" "$OUT/client-$mode.log"
}

# store MODE KEYS: the clone convergence pair, then a local memory master, under the profiler
store() {
  local mode=$1 keys=$2 master
  java "$(agent store-master "$mode")" -jar "$JAR" store-bench master --tls "$TLS" -l "127.0.0.1:$PORT" -n "$keys" \
    >"$OUT/store-master-$mode.log" 2>&1 &
  master=$!
  for _ in $(seq 300); do grep -q "waiting for a clone" "$OUT/store-master-$mode.log" && break; sleep 0.1; done
  java "$(agent store-clone "$mode")" -jar "$JAR" store-bench clone --tls "$TLS" -n "$keys" "127.0.0.1:$PORT" \
    >"$OUT/store-clone-$mode.log" 2>&1
  wait "$master" || true
  java "$(agent store-local "$mode")" -jar "$JAR" store-bench local -n 2000000 >"$OUT/store-local-$mode.log" 2>&1
  grep -h '^master:\|^clone convergence:\|^memory master:' "$OUT"/store-*-"$mode".log
}

if [ "$type" = store ]; then
  keys=${2:-1000000}
  store cpu "$keys"
  [ -n "${ASYNC_PROFILER:-}" ] && store alloc "$keys"
else
  run cpu
  [ -n "${ASYNC_PROFILER:-}" ] && run alloc
fi
ls -la "$OUT"
