#!/usr/bin/env bash
# Runs every endpoint and store benchmark of BENCHMARKS.md RUNS times (default 3) on loopback and prints the
# medians as BENCHMARKS.md tables, each row with its exact command. With BROKER_HOME naming a Zeek Broker build
# (bin/broker-benchmark), it adds a side-by-side table against Broker's broker-benchmark: Broker->Broker,
# ours->ours, Broker->ours and ours->Broker, events/s, for its event types 1, 2 and 3.
#
# Usage, from the repository root, after `mvn -B -q -DskipTests package`:
#   benchmarks/run-all.sh            # the full counts (minutes per row); run it on a quiet machine
#   benchmarks/run-all.sh --quick    # a hundredth of the counts, 3 s side by side: checks that everything runs
# Environment: RUNS (3), SCALE (1; --quick: 0.01), SIDE_SECONDS (12; --quick: 3), TLS (off | anonymous, for
# both sides of every peering), BROKER_HOME, JAR (examples/target/broker-tools.jar), PORT_BASE (19900),
# LOGS (benchmarks/target/run-all: every process's output, kept for inspection).
# Only processes this script started are stopped, by their process id.
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${RUNS:-3}
SCALE=${SCALE:-1}
SIDE_SECONDS=${SIDE_SECONDS:-12}
if [ "${1:-}" = "--quick" ]; then
  SCALE=${QUICK_SCALE:-0.01}
  SIDE_SECONDS=3
elif [ -n "${1:-}" ]; then
  echo "usage: benchmarks/run-all.sh [--quick]" >&2
  exit 2
fi
TLS=${TLS:-off}
JAR=${JAR:-examples/target/broker-tools.jar}
LOGS=${LOGS:-benchmarks/target/run-all}
port=${PORT_BASE:-19900}
[ -f "$JAR" ] || { echo "run-all: no $JAR (build first: mvn -B -q -DskipTests package)" >&2; exit 1; }
case "$TLS" in off | anonymous) ;; *) echo "run-all: TLS must be off or anonymous" >&2; exit 2 ;; esac
mkdir -p "$LOGS"

started=()
cleanup() {
  for pid in "${started[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
}
trap cleanup EXIT

n() { awk -v n="$1" -v s="$SCALE" 'BEGIN { v = int(n * s); print (v < 1000 ? 1000 : v) }'; }
next_port() { port=$((port + 1)); }  # sets $port (no subshell: the count must go on)
tool() { java -jar "$JAR" "$@"; }
TOOL=(java -jar "$JAR") # what bg starts: a plain command, so that $! is the JVM itself

# bg LOG CMD...: starts CMD in the background, output in LOG(.out/.err); sets $bg_pid
bg() {
  local log=$1
  shift
  "$@" >"$log.out" 2>"$log.err" &
  bg_pid=$!
  started+=("$bg_pid")
}

# await_text FILE TEXT: waits (60 s at most) until FILE contains TEXT
await_text() {
  for _ in $(seq 600); do
    grep -q -- "$2" "$1" 2>/dev/null && return 0
    sleep 0.1
  done
  echo "run-all: '$2' never appeared in $1" >&2
  return 1
}

# stop PID: ends a process this script started (at once) and reaps it
stop() {
  kill "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
}

# finish PID: waits (60 s at most) for a process that ends by itself, then stops it anyway
finish() {
  for _ in $(seq 600); do
    kill -0 "$1" 2>/dev/null || { wait "$1" 2>/dev/null || true; return 0; }
    sleep 0.1
  done
  stop "$1"
}

median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) print "—"; else print v[int((NR + 1) / 2)] }'; }
fmt() { [ -z "$1" ] || [ "$1" = "—" ] && { echo "—"; return; }; printf "%.0f" "$1" | sed -E ':a;s/^([0-9]+)([0-9]{3})/\1,\2/;ta'; }
# run_rate FILE: events/s of the last `run:` line of a throughput server, and its event count
run_rate() { sed -nE 's/^run: ([0-9]+) events in [0-9.]+ s = ([0-9]+) events\/s$/\2 \1/p' "$1" | tail -1; }
# steady_rate FILE: the mean of the non-zero `rate: N events/s` lines, without the first and the last (partial) second
steady_rate() {
  awk '/^rate: [1-9][0-9]* events\/s/ { v[++n] = $2 } END {
    if (n == 0) { print 0; exit } a = (n > 2 ? 2 : 1); b = (n > 2 ? n - 1 : n); s = 0
    for (i = a; i <= b; i++) s += v[i]; printf "%.0f\n", s / (b - a + 1) }' "$1"
}

rows=()
# row NAME COMMAND VALUES...: a table row with the runs and their median
row() {
  local name=$1 cmd=$2
  shift 2
  local cells="" v
  for v in "$@"; do cells+=" $(fmt "$v") |"; done
  for ((i = $#; i < RUNS; i++)); do cells+=" — |"; done
  rows+=("| $name |$cells **$(fmt "$(echo "$@" | median)")** | \`$cmd\` |")
}

# serve NAME TOOL: starts our TOOL's server on the next port, waits until it listens; sets $p, $log and $srv
serve() {
  next_port
  p=$port
  log="$LOGS/$1-$p"
  bg "$log-server" "${TOOL[@]}" "$2" --server "127.0.0.1:$p" --tls "$TLS"
  srv=$bg_pid
  await_text "$log-server.err" "listening on"
}

# throughput_once CLIENTARGS...: our server and client, one run; sets $result to the server's rate and event count
throughput_once() {
  local p log srv
  serve tp throughput
  tool throughput --tls "$TLS" --terminate "$@" "127.0.0.1:$p" >"$log-client.out" 2>"$log-client.err"
  finish "$srv"
  result=$(run_rate "$log-server.out")
}

bench_throughput() {
  local name=$1
  shift
  local rates=() r
  for ((run = 1; run <= RUNS; run++)); do
    throughput_once "$@"
    rates+=("${result%% *}")
  done
  row "$name" "throughput --server 127.0.0.1:P & throughput $* 127.0.0.1:P" "${rates[@]}"
}

bench_fanout() {
  local m totals=() run
  m=$(n 5000000)
  for ((run = 1; run <= RUNS; run++)); do
    local pids=() logs=() targets=() p log i total=0
    for i in 1 2 3 4; do
      next_port; p=$port
      log="$LOGS/fan-$p"
      bg "$log" "${TOOL[@]}" throughput --server "127.0.0.1:$p" --tls "$TLS"
      pids+=("$bg_pid")
      logs+=("$log")
      targets+=("127.0.0.1:$p")
    done
    for log in "${logs[@]}"; do await_text "$log.err" "listening on"; done
    tool throughput --tls "$TLS" --terminate -t 1 -m "$m" "${targets[@]}" >"$LOGS/fan-client-$run.out" 2>&1
    for i in 0 1 2 3; do
      finish "${pids[$i]}"
      local r
      r=$(run_rate "${logs[$i]}.out")
      total=$((total + ${r%% *}))
    done
    totals+=("$total")
  done
  row "fan-out to 4 subscriber processes, total deliveries/s" \
    "4 × throughput --server; throughput -t 1 -m $m P1 P2 P3 P4" "${totals[@]}"
}

bench_pingpong() {
  local n_pings medians=() p99s=() run
  n_pings=$(n 50000)
  for ((run = 1; run <= RUNS; run++)); do
    local p log srv
    serve pp pingpong
    tool pingpong --tls "$TLS" -n "$n_pings" "127.0.0.1:$p" >"$log-client.out" 2>"$log-client.err"
    stop "$srv"
    local line
    line=$(grep '^rtt:' "$log-client.out")
    medians+=("$(echo "$line" | sed -E 's/^rtt: median ([0-9.]+) us.*/\1/')")
    p99s+=("$(echo "$line" | sed -E 's/.*p99 ([0-9.]+) us.*/\1/')")
  done
  local cmd="pingpong --server 127.0.0.1:P & pingpong -n $n_pings 127.0.0.1:P"
  rows+=("| round trip median, µs | $(echo "${medians[*]}" | tr ' ' '|' | sed 's/|/ | /g') | **$(echo "${medians[@]}" | median)** | \`$cmd\` |")
  rows+=("| round trip p99, µs | $(echo "${p99s[*]}" | tr ' ' '|' | sed 's/|/ | /g') | **$(echo "${p99s[@]}" | median)** | \`$cmd\` |")
}

# bench_chain POLICY: publisher -> relay (POLICY) -> subscriber; the rate and the share delivered
bench_chain() {
  local policy=$1 m rates=() shares=() run
  m=$(n 10000000)
  for ((run = 1; run <= RUNS; run++)); do
    local p ps pr log srv
    serve "chain-$policy" throughput
    ps=$p
    next_port
    pr=$port
    bg "$log-relay" "${TOOL[@]}" relay -l "127.0.0.1:$pr" -p "127.0.0.1:$ps" --tls "$TLS" --peer-overflow-policy "$policy"
    local relay=$bg_pid
    await_text "$log-relay.err" "relaying"
    tool throughput --tls "$TLS" --terminate -t 1 -m "$m" "127.0.0.1:$pr" >"$log-client.out" 2>"$log-client.err"
    finish "$srv"
    stop "$relay"
    local r
    r=$(run_rate "$log-server.out")
    rates+=("${r%% *}")
    shares+=("$(awk -v got="${r##* }" -v m="$m" 'BEGIN { printf "%.1f", 100 * got / m }')")
  done
  local cmd="throughput --server P1 & relay -l P2 -p P1 --peer-overflow-policy $policy & throughput -t 1 -m $m P2"
  row "chain through a relay ($policy), events/s" "$cmd" "${rates[@]}"
  rows+=("| chain through a relay ($policy), % delivered | $(echo "${shares[*]}" | sed 's/ / | /g') | **$(echo "${shares[@]}" | median)** | same |")
}

bench_store() {
  local m s c rates_mem=() rates_sql=() rates_conv=() run
  m=$(n 2000000)
  s=$(n 300000)
  c=$(n 1000000)
  for ((run = 1; run <= RUNS; run++)); do
    rates_mem+=("$(tool store-bench local -n "$m" 2>/dev/null | sed -nE 's/.* = ([0-9]+) puts\/s.*$/\1/p')")
    local db="$LOGS/sb-$run.sqlite"
    rm -f "$db"*
    rates_sql+=("$(tool store-bench local -n "$s" --sqlite "$db" 2>/dev/null | sed -nE 's/.* = ([0-9]+) puts\/s.*$/\1/p')")
    rm -f "$db"*
    local p log
    next_port; p=$port
    log="$LOGS/sb-$p"
    bg "$log-master" "${TOOL[@]}" store-bench master --tls "$TLS" -l "127.0.0.1:$p" -n "$c"
    local master=$bg_pid
    await_text "$log-master.err" "waiting for a clone"
    tool store-bench clone --tls "$TLS" "127.0.0.1:$p" -n "$c" >"$log-clone.out" 2>"$log-clone.err"
    finish "$master"
    rates_conv+=("$(sed -nE 's/^clone convergence: .* = ([0-9]+) ops\/s.*$/\1/p' "$log-clone.out")")
  done
  local r rdb="$LOGS/restart.sqlite" restarts=() bytes=()
  r=$(n 1230000)
  rm -f "$rdb"*
  tool store-bench local -n "$r" --window 65536 --sqlite "$rdb" >/dev/null 2>&1
  for ((run = 1; run <= RUNS; run++)); do
    restarts+=("$(tool store-bench restart --sqlite "$rdb" 2>/dev/null \
      | sed -nE 's/.* serving after ([0-9.]+) s$/\1/p' | awk '{ printf "%.0f", $1 * 1000 }')")
    bytes+=("$(tool store-bench footprint -n "$c" 2>/dev/null | sed -nE 's/.*, ([0-9.]+) heap bytes per entry$/\1/p')")
  done
  rm -f "$rdb"*
  row "store: memory master puts/s" "store-bench local -n $m" "${rates_mem[@]}"
  row "store: SQLite master puts/s" "store-bench local -n $s --sqlite FILE" "${rates_sql[@]}"
  row "store: clone convergence over TCP, ops/s" \
    "store-bench master --tls $TLS -l P -n $c & store-bench clone --tls $TLS P -n $c" "${rates_conv[@]}"
  row "store: SQLite master restart with $r rows, ms to serving" \
    "store-bench local -n $r --window 65536 --sqlite FILE; store-bench restart --sqlite FILE" "${restarts[@]}"
  row "store: memory store, heap bytes per entry" "store-bench footprint -n $c" "${bytes[@]}"
}

# side_once SERVER CLIENT TYPE: one side-by-side run (b = broker-benchmark, o = ours); sets $result to the
# server's steady rate
side_once() {
  local server=$1 client=$2 type=$3 p log
  next_port; p=$port
  log="$LOGS/side-$server$client-t$type-$p"
  local bflags=() oflags=(--tls "$TLS")
  [ "$TLS" = off ] && bflags=(--disable-ssl)
  if [ "$server" = b ]; then
    # Broker logs every message it cannot read (its own type 3 among them): keep the first 64 KiB of that
    "$BROKER_HOME/bin/broker-benchmark" "${bflags[@]}" --server --verbose "127.0.0.1:$p" >"$log-server.out" \
      2> >(head -c 65536 >"$log-server.err"; cat >/dev/null) &
    bg_pid=$!
    started+=("$bg_pid")
    await_text "$log-server.out" "listening on"
  else
    bg "$log-server" "${TOOL[@]}" throughput --server "127.0.0.1:$p" "${oflags[@]}"
    await_text "$log-server.err" "listening on"
  fi
  local srv=$bg_pid
  if [ "$client" = b ]; then
    bg "$log-client" "$BROKER_HOME/bin/broker-benchmark" "${bflags[@]}" -r 0 -t "$type" "127.0.0.1:$p"
  else
    bg "$log-client" "${TOOL[@]}" throughput "${oflags[@]}" -t "$type" "127.0.0.1:$p"
  fi
  local cli=$bg_pid
  # the measurement starts with the first second that saw events (if any comes)
  for _ in $(seq $((SIDE_SECONDS * 10 + 100))); do
    grep -qE '^rate: [1-9]' "$log-server.out" 2>/dev/null && break
    sleep 0.1
  done
  sleep "$SIDE_SECONDS"
  stop "$cli"
  stop "$srv"
  result=$(steady_rate "$log-server.out")
}

bench_side_by_side() {
  local type pair
  side_rows=()
  for type in 1 2 3; do
    local cells=""
    for pair in bb oo ob bo; do # server, then client
      local rates=() run
      for ((run = 1; run <= RUNS; run++)); do
        side_once "${pair:0:1}" "${pair:1:1}" "$type"
        rates+=("$result")
      done
      cells+=" $(fmt "$(echo "${rates[@]}" | median)") ($(echo "${rates[@]}" | sed 's/ /, /g')) |"
    done
    side_rows+=("| $type |$cells")
  done
}

echo "run-all: $RUNS runs per row, scale $SCALE, TLS $TLS, logs in $LOGS" >&2
echo "run-all: machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at the start" >&2
bench_throughput "type 1 (broker-benchmark's event_1), events/s" -t 1 -m "$(n 20000000)"
bench_throughput "type 1 in Zeek batches of 100, events/s" -t 1 -s 100 -m "$(n 20000000)"
bench_throughput "5-argument Zeek event, events/s" -t z -m "$(n 10000000)"
bench_throughput "single count, events/s" -t c -m "$(n 20000000)"
bench_fanout
bench_pingpong
bench_chain drop_oldest
bench_chain backpressure
bench_store
if [ -n "${BROKER_HOME:-}" ]; then
  [ -x "$BROKER_HOME/bin/broker-benchmark" ] || { echo "run-all: no $BROKER_HOME/bin/broker-benchmark" >&2; exit 1; }
  bench_side_by_side
fi

header="| benchmark |"
rule="|---|"
for ((i = 1; i <= RUNS; i++)); do header+=" run $i |"; rule+="---|"; done
echo
echo "Medians of $RUNS runs (scale $SCALE, TLS $TLS; load average $(cut -d' ' -f1-3 /proc/loadavg) at the end):"
echo
echo "$header **median** | command |"
echo "$rule---|---|"
printf '%s\n' "${rows[@]}"
if [ -n "${BROKER_HOME:-}" ]; then
  echo
  echo "Side by side with broker-benchmark (Broker 6.2 at $BROKER_HOME), events/s received by the server, mean of"
  echo "the full seconds of ${SIDE_SECONDS} s, median of $RUNS runs (the runs in brackets); client → server:"
  echo
  echo "| type | Broker → Broker | ours → ours | Broker → ours | ours → Broker |"
  echo "|---|---|---|---|---|"
  printf '%s\n' "${side_rows[@]}"
fi
