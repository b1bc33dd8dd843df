#!/usr/bin/env python3
"""How long clients that send slowly or not at all hold the packaged site, over raw sockets.

usage: slow_clients.py http://127.0.0.1:PORT [--drip SECONDS]

Prints one line per case: what it is, what the site answered, after how many seconds.
"""
import json
import socket
import sys
import threading
import time

BASE = sys.argv[1].rstrip("/")
HOST, PORT = BASE.split("//")[1].split(":")
PORT = int(PORT)
DRIP = float(sys.argv[sys.argv.index("--drip") + 1]) if "--drip" in sys.argv else 130.0


def exchange(data, wait, trickle=None):
    """Sends data, then (if trickle) one byte every trickle seconds; returns (status line, seconds, closed)."""
    s = socket.create_connection((HOST, PORT))
    t0 = time.time()
    s.sendall(data)
    answer, closed = b"", False
    s.settimeout(0.2)
    next_byte = t0 + trickle if trickle else None
    while time.time() - t0 < wait:
        if next_byte and time.time() >= next_byte:
            try:
                s.send(b" ")
            except OSError:
                closed = True
                break
            next_byte += trickle
        try:
            d = s.recv(65536)
            if not d:
                closed = True
                break
            answer += d
        except socket.timeout:
            continue
        except OSError:
            closed = True
            break
    s.close()
    line = answer.split(b"\r\n")[0].decode("latin-1") if answer else "(no answer)"
    return line, time.time() - t0, closed


def grid(w, h):
    blocks = [[[(x * 7) % 256, (y * 5) % 256, (x + y) % 256, 1] for x in range(w)] for y in range(h)]
    return json.dumps({"python_version": [3, 11, 2, "final", 0], "ipb_version": "1.9.1", "ipb_class": "ImageGrid",
                       "code_cells": None, "secret": False,
                       "grid_data": {"lines_on": False, "width": w, "height": h, "blocks": blocks}}).encode()


def post(body, wait=120):
    return exchange(b"POST /post HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: %d\r\n\r\n" % len(body) + body, wait)


def report(case, result):
    line, seconds, closed = result
    print("%-62s %-70s %6.1f s%s" % (case, line[:70], seconds, "" if closed else "  (still open)"), flush=True)


large = grid(640, 480)
report("a 640x480 ImageGrid post (%.1f MiB), alone" % (len(large) / 2**20), post(large))

held = {}
stalled = threading.Thread(target=lambda: held.update(r=exchange(
    b"POST /post HTTP/1.1\r\nHost: x\r\nContent-Length: 3000000\r\n\r\n", 120)))
stalled.start()
time.sleep(1)
report("the same post, 1 s after a post that stalled after its head", post(large))
stalled.join()
report("the post that stalled after its head (Content-Length: 3000000)", held["r"])

report("a post that stalls after 1 KiB of its body",
       exchange(b"POST /post HTTP/1.1\r\nHost: x\r\nContent-Length: 3000000\r\n\r\n" + b" " * 1024, 120))
report("a post whose body comes one byte every 5 s",
       exchange(b"POST /post HTTP/1.1\r\nHost: x\r\nContent-Length: 3000000\r\n\r\n", 180, trickle=5))
report("a request that sends half its head, then nothing",
       exchange(b"GET / HTTP/1.1\r\nHost: x\r\nUser-Agent: sl", 180))
report("a request that sends its head one byte every 5 s (for %d s)" % DRIP,
       exchange(b"G", DRIP, trickle=5))
