#!/usr/bin/env python3
"""Post grids the way the ipythonblocks client posts them (json.dumps text, no Content-Type).

usage: seed_grids.py BASE_URL COUNT OUT_FILE
  200 grids cycle through 10x10, 20x20 and 50x50; every 5th is secret, every 4th has code cells.
  Writes one line per grid to OUT_FILE: "<public|secret> <size> <path>", e.g. "public 10 /bizkiL".
"""
import json, sys, urllib.request

base, count, out = sys.argv[1].rstrip("/"), int(sys.argv[2]), sys.argv[3]
sizes = [10, 20, 50]
with open(out, "w") as f:
    for i in range(count):
        n = sizes[i % 3]
        secret = i % 5 == 0
        cells = ["from ipythonblocks import BlockGrid", "grid = BlockGrid(%d, %d)\nfor block in grid:\n    block.red = 200" % (n, n)] if i % 4 == 0 else None
        blocks = [[[(r * 7 + c) % 256, (c * 13) % 256, (r + c + i) % 256, 20] for c in range(n)] for r in range(n)]
        body = json.dumps({"python_version": [3, 11, 2, "final", 0], "ipb_version": "1.9.1", "ipb_class": "BlockGrid",
                           "code_cells": cells, "secret": secret,
                           "grid_data": {"lines_on": True, "width": n, "height": n, "blocks": blocks}})
        req = urllib.request.Request(base + "/post", data=body.encode("ascii"), method="POST")
        with urllib.request.urlopen(req) as r:
            url = json.loads(r.read())["url"]
        path = url.split("://", 1)[1]
        path = path[path.index("/"):]
        f.write(("secret" if secret else "public") + " %d %s\n" % (n, path))
