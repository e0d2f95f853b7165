"""A real Broker 6.2 endpoint (Python bindings) driven by an interop test.

Usage: broker_peer.py '<settings json>'. Settings: listen (bool; on 127.0.0.1 only), disable_ssl (bool),
forwarding (bool, default true), subscribe (list of topic prefixes), and Broker's ssl settings
certificate, key, passphrase, cafile, capath.

Prints, one line each, flushed: the bound port first when listening; "status <text>" for each status or
error; "recv <topic> <value>" for each message received on a subscribed topic ("event <topic> <name>
<args> <metadata>" when it is a Zeek event); "published <n>" after a publish command; "peered" when a peer
command's peering is up. Reads JSON commands on stdin, one per line:
  {"op": "peer", "host": ..., "port": ...}
  {"op": "publish", "topic": ..., "count": n, "prefix": ...}  (waits until a peer subscribes to the topic)
  {"op": "event", "topic": ..., "name": ..., "args": [...], "ts": ns}  (a Zeek event with network time)
Ends when stdin closes.
"""
import collections
import collections.abc
import datetime
import json
import select
import sys
import threading
import time

import broker
import broker.zeek

collections.Iterable = collections.abc.Iterable  # the 6.2 bindings still use the name Python 3.10 removed

settings = json.loads(sys.argv[1])
options = broker.BrokerOptions()
options.ignore_broker_conf = True
options.disable_ssl = bool(settings.get("disable_ssl", False))
options.disable_forwarding = not settings.get("forwarding", True)
config = broker.Configuration(options)
for name in ("certificate", "key", "passphrase", "cafile", "capath"):
    if name in settings:
        setattr(config, "openssl_" + name, settings[name])

lock = threading.Lock()
peered = threading.Event()


def say(*parts):
    with lock:
        print(*parts, flush=True)


endpoint = broker.Endpoint(config)
statuses = endpoint.make_status_subscriber(True)
topics = settings.get("subscribe", [])
subscriber = endpoint.make_subscriber(topics) if topics else None
if settings.get("listen"):
    say(endpoint.listen("127.0.0.1", 0))


def render(topic, data):
    if isinstance(data, (list, tuple)) and len(data) == 3:  # maybe a Zeek event: [version, type, [...]]
        try:
            ev = broker.zeek.Event(data)
            if ev.valid():
                return "event %s %s %s %s" % (topic, ev.name(), list(ev.args()), ev.metadata())
        except Exception:  # a vector that is not an event: an ordinary value
            pass
    return "recv %s %s" % (topic, data)


def report():
    while True:
        fds = [statuses.fd()] + ([subscriber.fd()] if subscriber else [])
        select.select(fds, [], [], 0.5)
        for item in statuses.poll():
            say("status", item)
            if "peer_added" in str(item):
                peered.set()
        if subscriber:
            for topic, data in subscriber.poll():
                say(render(topic, data))


def wait_for_subscriber(topic, timeout=30):
    """Waits for a peering (its handshake carries the peer's filter), then for routing updates to settle:
    Broker 6.2's peer_subscriptions() fails with caf::sec::unexpected_message, so it cannot be asked."""
    if not peered.wait(timeout):
        return False
    time.sleep(1.0)
    return True


threading.Thread(target=report, daemon=True).start()
for line in sys.stdin:
    if not line.strip():
        continue
    cmd = json.loads(line)
    if cmd["op"] == "peer":
        endpoint.peer(cmd["host"], cmd["port"], 1)
        say("peered")
    elif cmd["op"] == "publish":
        if not wait_for_subscriber(cmd["topic"]):
            say("nobody subscribes to", cmd["topic"])
            continue
        for i in range(cmd["count"]):
            endpoint.publish(cmd["topic"], "%s%d" % (cmd.get("prefix", ""), i))
        say("published", cmd["count"])
    elif cmd["op"] == "event":
        if not wait_for_subscriber(cmd["topic"]):
            say("nobody subscribes to", cmd["topic"])
            continue
        seconds, nanos = divmod(cmd["ts"], 10**9)
        ts = datetime.datetime.fromtimestamp(seconds, datetime.timezone.utc) + datetime.timedelta(
            microseconds=nanos // 1000)
        ev = broker.zeek.Event(cmd["name"], *cmd["args"], metadata={broker.zeek.MetadataType.NetworkTimestamp: ts})
        endpoint.publish(cmd["topic"], ev)
        say("published", 1)
endpoint.shutdown()
