#!/usr/bin/env python3
"""Start a command, poll a URL until it answers 200, print the milliseconds from launch and the
process's resident memory; then stop it with SIGTERM. Used by heroku-local.sh.

usage: startup_probe.py URL TIMEOUT_S -- COMMAND...
prints: <ms to first 200> <rss KiB right after> ; exit 1 when no 200 came in time
"""
import os, signal, subprocess, sys, time, urllib.request


def rss_kib(pid):
    total = 0
    for p in [pid] + children(pid):
        try:
            with open(f"/proc/{p}/status") as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
        except OSError:
            pass
    return total


def children(pid):
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as f:
            kids = [int(x) for x in f.read().split()]
    except OSError:
        return []
    return kids + [g for k in kids for g in children(k)]


def main():
    url, timeout = sys.argv[1], float(sys.argv[2])
    cmd = sys.argv[sys.argv.index("--") + 1:]
    start = time.monotonic()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=open(os.environ.get("PROBE_LOG", "/dev/null"), "w"),
                            start_new_session=True)
    took = None
    while time.monotonic() - start < timeout and proc.poll() is None:
        try:
            with urllib.request.urlopen(url, timeout=1) as r:
                if r.status == 200:
                    r.read()
                    took = (time.monotonic() - start) * 1000
                    break
        except Exception:
            pass
        time.sleep(0.005)
    rss = rss_kib(proc.pid)
    if os.environ.get("PROBE_KEEP") and took is not None:
        print(f"{took:.0f} {rss} {proc.pid}")
        return 0
    os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(15)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
    if took is None:
        print("no 200 in time", file=sys.stderr)
        return 1
    print(f"{took:.0f} {rss}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
