"""A real Broker 6.2 data store (Python bindings) driven by a store interop test.

Usage: store_peer.py '<settings json>'. Settings: listen (bool; on 127.0.0.1 only), disable_ssl (bool).
Prints, one line each, flushed: the bound port first when listening; "status <text>" for each status or
error; "ok <id>" after each command. Reads JSON commands on stdin, one per line, each with an "id":
  {"op": "peer", "host": ..., "port": ...}
  {"op": "master", "name": ..., "backend": "memory"|"sqlite", "path": ...}  (attach a master)
  {"op": "clone", "name": ...}                                              (attach a clone)
  {"op": "close"}                                                           (drop the store)
  {"op": "call", "call": <store method>, "args": [typed...], "expiry": seconds|null}
  {"op": "query", "call": "get"|"exists"|"keys"|"get_index_from_value"|"put_unique", "args": [typed...]}
  {"op": "dump"}                                                            (keys and values)
  {"op": "idle"}                                                            (store.await_idle())
Answers go to our endpoint as Broker data on topic /answers: [id, value] or [id, "error", "no value"] for
queries, [id, table] for a dump. Typed values are those of vectors/store-ops.json: {"type": T, "value": V},
timespans as {"type": "timespan", "ns": N}. Ends when stdin closes.
"""
import json
import select
import sys
import threading

import broker
import broker._broker as b

settings = json.loads(sys.argv[1])
options = broker.BrokerOptions()
options.ignore_broker_conf = True
options.disable_ssl = bool(settings.get("disable_ssl", False))
endpoint = broker.Endpoint(broker.Configuration(options))
statuses = endpoint.make_status_subscriber(True)
lock = threading.Lock()
store = None


def say(*parts):
    with lock:
        print(*parts, flush=True)


if settings.get("listen"):
    say(endpoint.listen("127.0.0.1", 0))


def report():
    while True:
        select.select([statuses.fd()], [], [], 0.5)
        for item in statuses.poll():
            say("status", item)


threading.Thread(target=report, daemon=True).start()


def value(o):
    t = o["type"]
    v = o.get("value")
    if t == "string":
        return b.Data(v)
    if t == "boolean":
        return b.Data(bool(v))
    if t == "count":
        return b.Data(b.Count(int(v)))
    if t == "integer":
        return b.Data(int(v))
    if t == "real":
        return b.Data(float(v))
    if t == "timespan":
        return b.Data(b.Timespan(int(o["ns"])))
    if t == "none":
        return b.Data()
    if t == "set":
        return b.Data(b.Set([value(x) for x in v]))
    if t == "vector":
        return b.Data(b.Vector([value(x) for x in v]))
    if t == "table":
        table = b.Table()
        for k, x in v:
            table[value(k)] = value(x)
        return b.Data(table)
    raise ValueError("unknown type " + t)


def expiry(e):
    return b.OptionalTimespan(b.Timespan(float(e))) if e is not None else b.OptionalTimespan()


def answer(rid, result):
    if result.is_valid():
        endpoint.publish("/answers", [rid, result.get()])
    else:
        endpoint.publish("/answers", [rid, "error", "no value"])


for line in sys.stdin:
    cmd = json.loads(line)
    rid = b.Data(b.Count(cmd["id"]))
    op = cmd["op"]
    args = [value(a) for a in cmd.get("args", [])]
    if op == "peer":
        endpoint.peer(cmd["host"], cmd["port"], 1)
    elif op == "master":
        if cmd.get("backend") == "sqlite":
            store = endpoint.attach_master(cmd["name"], broker.Backend.SQLite, {"path": cmd["path"]})
        else:
            store = endpoint.attach_master(cmd["name"], broker.Backend.Memory)
    elif op == "clone":
        store = endpoint.attach_clone(cmd["name"])
    elif op == "close":
        store = None
    elif op == "call":
        raw = store._store
        call = cmd["call"]
        if call in ("erase", "clear"):
            getattr(raw, call)(*args)
        else:
            getattr(raw, call)(*args, expiry(cmd.get("expiry")))
    elif op == "query":
        if cmd["call"] == "put_unique":  # the one mutation with an answer
            answer(rid, store._store.put_unique(*args, expiry(cmd.get("expiry"))))
        else:
            answer(rid, getattr(store._store, cmd["call"])(*args))
    elif op == "dump":
        keys = store._store.keys()
        table = b.Table()
        for k in keys.get().as_set():
            v = store._store.get(k)
            if v.is_valid():
                table[k] = v.get()
        endpoint.publish("/answers", [rid, b.Data(table)])
    elif op == "idle":
        store.await_idle()
    say("ok", cmd["id"])
