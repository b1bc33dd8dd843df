"""The largest legal posts and ten views of them at once (benchmarks/largest-post.sh).

  largest_post.py body code|blocks      the body, on standard output:
      code    as many code cells and as much code as a post may carry (GridPostReader.MAX_CODE_CELLS,
              MAX_CODE_CHARS), every character a right-to-left override, so that each is its own marked
              token on the page (the page's worst case), on a 10x10 BlockGrid
      blocks  the most blocks the body limit admits (8 MiB; blocks written [r,g,b,s] without spaces,
              random one-digit colours, so the picture does not compress to nothing), no code
  largest_post.py views BASE PATH      ten clients at once, each fetching every output of the grid at PATH
              (page, embed, PNG, SVG, preview, .ipynb, .py, /get/), each starting at another one; prints
              one line per output: answers by status, the largest body, the slowest answer
"""
import json
import random
import sys
import threading
import time
import urllib.error
import urllib.request

MAX_CODE_CELLS = 500
MAX_CODE_CHARS = 200_000
MAX_BODY_BYTES = 8 * 1024 * 1024


def body(kind):
    post = {"python_version": [3, 11, 2, "final", 0], "ipb_version": "1.9.1", "ipb_class": "BlockGrid",
            "code_cells": None, "secret": False,
            "grid_data": {"lines_on": True, "width": 10, "height": 10, "blocks": [[[1, 2, 3, 20]] * 10] * 10}}
    if kind == "code":
        post["code_cells"] = ["\u202e" * (MAX_CODE_CHARS // MAX_CODE_CELLS)] * MAX_CODE_CELLS
        return json.dumps(post)
    rng = random.Random(1)
    head = json.dumps(post).split('"blocks": ')[0] + '"blocks": ['
    room = MAX_BODY_BYTES - len(head) - 64
    width = 1000
    row_bytes = width * 10 + 2  # [r,g,b,s], per block, and the row's brackets
    height = room // row_bytes
    post_rows = []
    for _ in range(height):
        post_rows.append("[" + ",".join("[%d,%d,%d,%d]" % (rng.randrange(10), rng.randrange(10), rng.randrange(10), 9)
                                         for _ in range(width)) + "]")
    text = head.replace('"width": 10', '"width": %d' % width).replace('"height": 10', '"height": %d' % height) \
        + ",".join(post_rows) + "]}}"
    assert len(text) <= MAX_BODY_BYTES, len(text)
    return text


def views(base, path):
    gid = path.rsplit("/", 1)[1]
    outputs = [path, path.replace("/" + gid, "/embed/" + gid) if "/secret/" not in path else path, path + ".png",
               path + ".svg", "/preview/" + gid + ".png", path + ".ipynb", path + ".py",
               ("/get/secret/" if "/secret/" in path else "/get/") + gid]
    results = {o: [] for o in outputs}
    lock = threading.Lock()

    def client(start):
        for i in range(len(outputs)):
            out = outputs[(start + i) % len(outputs)]
            t0 = time.monotonic()
            try:
                with urllib.request.urlopen(base + out, timeout=60) as answer:
                    status, size = answer.status, len(answer.read())
            except urllib.error.HTTPError as e:
                status, size = e.code, len(e.read())
            except Exception as e:  # noqa: BLE001 - a timeout or a reset is a result too
                status, size = type(e).__name__, 0
            with lock:
                results[out].append((status, size, time.monotonic() - t0))

    threads = [threading.Thread(target=client, args=(i,)) for i in range(10)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for out, rs in results.items():
        statuses = {}
        for status, _, _ in rs:
            statuses[status] = statuses.get(status, 0) + 1
        print("  %-40s %-22s largest %9d bytes, slowest %5.2f s" % (
            out, " ".join("%sx%s" % (n, s) for s, n in sorted(statuses.items(), key=str)),
            max(r[1] for r in rs), max(r[2] for r in rs)))


if __name__ == "__main__":
    if sys.argv[1] == "body":
        sys.stdout.write(body(sys.argv[2]))
    else:
        views(sys.argv[2], sys.argv[3])
