"""Runs a Broker 6.2 endpoint (Python bindings) that listens on 127.0.0.1 only, for interop tests.

Usage: listen.py '<json>' where the JSON may hold disable_ssl (bool) and Broker's ssl settings
certificate, key, passphrase, cafile, capath. Prints the bound port on one line, then runs until
stdin closes (the test's end), printing each status or error Broker reports as one line.
"""
import json
import select
import sys
import threading

import broker

settings = json.loads(sys.argv[1])
options = broker.BrokerOptions()
options.ignore_broker_conf = True
options.disable_ssl = bool(settings.get("disable_ssl", False))
config = broker.Configuration(options)
for name in ("certificate", "key", "passphrase", "cafile", "capath"):
    if name in settings:
        setattr(config, "openssl_" + name, settings[name])

endpoint = broker.Endpoint(config)
statuses = endpoint.make_status_subscriber(True)
port = endpoint.listen("127.0.0.1", 0)
print(port, flush=True)


def report():
    while True:
        select.select([statuses.fd()], [], [], 0.5)
        for item in statuses.poll():
            print("status", item, flush=True)


threading.Thread(target=report, daemon=True).start()
sys.stdin.read()
endpoint.shutdown()
