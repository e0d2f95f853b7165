#!/usr/bin/env bash
# Profiles the throughput server and client under load (two JVMs on loopback) and writes flame graphs to
# benchmarks/profiles/: {server,client}-cpu.html and {server,client}-alloc.html (async-profiler), or
# {server,client}.jfr (JDK Flight Recorder) when no async-profiler is at hand. The profiles are kept for the
# record; they are no part of any jar.
#
# Usage, from the repository root, after `mvn -B -q -DskipTests package`:
#   ASYNC_PROFILER=/path/to/libasyncProfiler.so benchmarks/profile.sh [EVENT_TYPE] [EVENTS]
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

run cpu
[ -n "${ASYNC_PROFILER:-}" ] && run alloc
ls -la "$OUT"
