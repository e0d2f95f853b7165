#!/usr/bin/env python3
"""An independent Zeek WebSocket API client for the tests, on Python's `websockets` (Debian python3-websockets).

Usage: ws_client.py URL [--header NAME:VALUE]... [--cafile PEM] [--cert PEM --key PEM] [--max-queue N]
Prints "open" once connected (or "refused <detail>" and exits), then runs commands read from stdin, one a line:
  send <text>       sends <text> as one text frame
  big <n>           sends a data message whose string is <n> bytes long
  binary            sends a binary frame
  recv <seconds>    prints "msg <text>", "closed <code> <reason>" or "timeout"
  close             closes normally and exits
Every command answers with one line, so a test can drive it line by line.
"""
import argparse
import asyncio
import ssl
import sys

import websockets


def out(line):
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


async def main():
    p = argparse.ArgumentParser()
    p.add_argument("url")
    p.add_argument("--header", action="append", default=[])
    p.add_argument("--cafile")
    p.add_argument("--cert")
    p.add_argument("--key")
    p.add_argument("--max-queue", type=int, default=32)
    a = p.parse_args()
    headers = [tuple(h.split(":", 1)) for h in a.header]
    context = None
    if a.url.startswith("wss:"):
        context = ssl.create_default_context(cafile=a.cafile)
        if a.cert:
            context.load_cert_chain(a.cert, a.key)
    try:
        ws = await websockets.connect(a.url, extra_headers=headers, ssl=context, max_size=None,
                                      max_queue=a.max_queue, ping_interval=None)
    except Exception as e:  # the test reads the reason
        out("refused " + type(e).__name__ + " " + str(e).replace("\n", " "))
        return
    out("open")
    loop = asyncio.get_running_loop()
    while True:
        line = await loop.run_in_executor(None, sys.stdin.readline)
        if not line:
            break
        cmd, _, arg = line.rstrip("\n").partition(" ")
        try:
            if cmd == "send":
                await ws.send(arg)
                out("sent")
            elif cmd == "big":
                text = '{"type":"data-message","topic":"/big","@data-type":"string","data":"' + "x" * int(arg) + '"}'
                await ws.send(text)
                out("sent")
            elif cmd == "binary":
                await ws.send(b"\x00\x01")
                out("sent")
            elif cmd == "recv":
                try:
                    msg = await asyncio.wait_for(ws.recv(), float(arg))
                    out("msg " + msg)
                except asyncio.TimeoutError:
                    out("timeout")
            elif cmd == "close":
                await ws.close()
                out("closed")
                break
            else:
                out("unknown " + cmd)
        except websockets.ConnectionClosed as e:
            out("closed %s %s" % (e.rcvd.code if e.rcvd else 1006, e.rcvd.reason if e.rcvd else ""))


asyncio.run(main())
