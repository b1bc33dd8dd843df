#!/usr/bin/env python3
"""What a phone downloads for one page, scrolled to its end, measured in Debian's headless Chromium over
the DevTools protocol (a WebSocket client of its own: the standard library has none).

usage: page_weight.py URL WIDTH HEIGHT DEVICE_SCALE_FACTOR
prints: <bytes in all> <bytes of pictures> <picture requests>
  bytes as they came over the wire (Network.loadingFinished's encodedDataLength: headers and the body,
  compressed where it was) for every request of URL's origin; pictures are the requests for a .png.
The page is loaded in a mobile viewport, then scrolled a screen at a time to its end, so every lazy
picture loads; the count stops once nothing was in flight for 2 s (at most 90 s in all).
"""
import base64, json, os, re, select, shutil, socket, struct, subprocess, sys, tempfile, time, urllib.parse, urllib.request

url, width, height, dpr = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4])
origin = "{0.scheme}://{0.netloc}".format(urllib.parse.urlsplit(url))
profile = tempfile.mkdtemp(prefix="ipb-page-weight.")
chrome = subprocess.Popen(["chromium", "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
                           "--disable-background-networking", "--disable-component-update", "--disable-sync",
                           "--remote-debugging-port=0", "--user-data-dir=" + profile, "about:blank"],
                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


class Socket:
    """A WebSocket client, text frames only, enough for the DevTools protocol."""

    def __init__(self, ws_url):
        parts = urllib.parse.urlsplit(ws_url)
        self.sock = socket.create_connection((parts.hostname, parts.port), timeout=30)
        key = base64.b64encode(os.urandom(16)).decode()
        self.sock.sendall(("GET %s HTTP/1.1\r\nHost: %s\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                           "Sec-WebSocket-Key: %s\r\nSec-WebSocket-Version: 13\r\n\r\n" % (parts.path, parts.netloc, key)).encode())
        head = b""
        while b"\r\n\r\n" not in head:
            head += self.sock.recv(1)
        if b" 101 " not in head.split(b"\r\n")[0]:
            raise SystemExit("no WebSocket: " + head.decode(errors="replace"))

    def send(self, text):
        data = text.encode()
        mask = os.urandom(4)
        n = len(data)
        header = struct.pack("!B", 0x81) + (struct.pack("!B", 0x80 | n) if n < 126 else struct.pack("!BH", 0x80 | 126, n)
                                             if n < 65536 else struct.pack("!BQ", 0x80 | 127, n))
        self.sock.sendall(header + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(data)))

    def _exactly(self, n):
        out = b""
        while len(out) < n:
            chunk = self.sock.recv(n - len(out))
            if not chunk:
                raise SystemExit("Chromium closed the DevTools connection")
            out += chunk
        return out

    def receive(self, timeout):
        """The next message, or None when none began within `timeout` seconds."""
        if not select.select([self.sock], [], [], timeout)[0]:
            return None
        self.sock.settimeout(30)
        message = b""
        while True:
            first, second = self._exactly(2)
            n = second & 0x7F
            if n == 126:
                n = struct.unpack("!H", self._exactly(2))[0]
            elif n == 127:
                n = struct.unpack("!Q", self._exactly(8))[0]
            message += self._exactly(n)
            if first & 0x80:
                return json.loads(message) if first & 0x0F in (0, 1) else None


try:
    port = None
    for _ in range(100):
        try:
            port = int(open(os.path.join(profile, "DevToolsActivePort")).readline())
            break
        except (OSError, ValueError):
            time.sleep(0.1)
    if port is None:
        raise SystemExit("Chromium did not start")
    pages = json.load(urllib.request.urlopen("http://127.0.0.1:%d/json/list" % port))
    ws = Socket(next(p for p in pages if p["type"] == "page")["webSocketDebuggerUrl"])
    ids = iter(range(1, 1 << 30))
    requests, sizes, answers = {}, {}, {}

    def handle(message):
        if message is None:
            return
        if "id" in message:
            answers[message["id"]] = message.get("result", {})
            return
        method, params = message.get("method"), message.get("params", {})
        if method == "Network.requestWillBeSent":
            requests[params["requestId"]] = params["request"]["url"]
        elif method == "Network.loadingFinished":
            sizes[params["requestId"]] = params["encodedDataLength"]
        elif method == "Network.loadingFailed":
            sizes[params["requestId"]] = 0

    def call(method, **params):
        i = next(ids)
        ws.send(json.dumps({"id": i, "method": method, "params": params}))
        deadline = time.time() + 30
        while i not in answers:
            if time.time() > deadline:
                raise SystemExit("no answer to " + method)
            handle(ws.receive(1))
        return answers.pop(i)

    def settle(quiet, limit):
        """Reads events until no request was in flight for `quiet` seconds, or `limit` seconds passed."""
        end, calm_since = time.time() + limit, time.time()
        while time.time() < end:
            handle(ws.receive(0.2))
            if set(requests) - set(sizes):
                calm_since = time.time()
            elif time.time() - calm_since >= quiet:
                return

    call("Network.enable")
    call("Network.setCacheDisabled", cacheDisabled=True)
    call("Page.enable")
    call("Emulation.setDeviceMetricsOverride", width=width, height=height, deviceScaleFactor=dpr, mobile=True)
    call("Page.navigate", url=url)
    settle(2, 60)
    started = time.time()
    while time.time() - started < 90:
        done = call("Runtime.evaluate", expression="window.scrollBy(0, innerHeight); innerHeight + scrollY >= document.documentElement.scrollHeight",
                    returnByValue=True)
        settle(0.5, 10)
        if done.get("result", {}).get("value"):
            break
    settle(2, 30)
    mine = [r for r, u in requests.items() if u.startswith(origin) and r in sizes]
    pictures = [r for r in mine if re.search(r"\.png(\?|$)", requests[r])]
    print(sum(sizes[r] for r in mine), sum(sizes[r] for r in pictures), len(pictures))
finally:
    chrome.terminate()
    try:
        chrome.wait(10)
    except subprocess.TimeoutExpired:
        chrome.kill()
        chrome.wait()
    shutil.rmtree(profile, ignore_errors=True)
