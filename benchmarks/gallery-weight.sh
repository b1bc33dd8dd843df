#!/usr/bin/env bash
# The weight of a /recent page of 24 grids of 640x480 blocks in a real browser: every byte Debian's
# headless Chromium receives from the site for the page (HTML, CSS, scripts, icons and every picture,
# headers included, compressed where they were), in a phone's viewport (390 x 844 CSS px, as an
# iPhone 12-15) scrolled to the end so every lazy picture loads (benchmarks/page_weight.py); at 1, 2
# and 3 device pixels per CSS px (phones are 2 or 3; those iPhones are 3).
#
# For each commit given: builds it in a throwaway worktree, runs its jar on a throwaway PostgreSQL,
# posts 24 ImageGrids of 640x480 1 px blocks of each kind below, and weighs /recent after each 24.
#   noisy:  every block its own pseudo-random colour, as a photograph's pixels (the full PNG is ~900 KB)
#   smooth: gradients and rings, as generated art (the full PNG is tens of KB)
#
# usage: benchmarks/gallery-weight.sh COMMIT...     e.g. benchmarks/gallery-weight.sh main tiles
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
[ $# -gt 0 ] || set -- HEAD
source benchmarks/lib-postgres.sh
source benchmarks/lib-app.sh
APP_PID=
WORK=$(mktemp -d /tmp/ipb-gallery-weight.XXXXXX)
TREES=()
cleanup() {
    stop_app; pg_stop
    for t in "${TREES[@]}"; do git -C "$ROOT" worktree remove --force "$t" >/dev/null 2>&1 || true; done
    rm -rf "$WORK"
}
trap cleanup EXIT
command -v chromium >/dev/null || { echo "needs Debian's chromium (apt-get install chromium)" >&2; exit 1; }
use_dyno_jdk
export PORT=${APP_PORT:-18091} HASHIDS_PUBLIC_SALT=gw-public HASHIDS_SECRET_SALT=gw-secret IPB_RATE_LIMIT_ENABLED=false
BASE="http://localhost:$PORT"
export IPB_PUBLIC_BASE_URL="$BASE" JAVA_OPTS=${JAVA_OPTS:-}

echo "| commit | grids | device px per CSS px | received in all | of it pictures | picture requests |"
echo "|---|---|---:|---:|---:|---:|"
for ref in "$@"; do
    commit=$(git rev-parse --short "$ref")
    tree="$WORK/tree-$commit"
    git worktree add --detach "$tree" "$commit" >/dev/null 2>&1
    TREES+=("$tree")
    (cd "$tree" && BUILD_LOG=$WORK/build-$commit.log build_jvm package) || exit 1
    pg_start
    (cd "$tree" && dyno_commands jvm && eval "$RELEASE_CMD" > "$WORK/release.log" 2>&1) || { cat "$WORK/release.log"; exit 1; }
    web=$(cd "$tree" && dyno_commands jvm && echo "$WEB_CMD")
    out=$(cd "$tree" && PROBE_KEEP=1 python3 "$ROOT/benchmarks/startup_probe.py" "$BASE/" 120 -- bash -c "$web")
    APP_PID=$(echo "$out" | awk '{print $3}')
    for kind in noisy smooth; do
        python3 - "$BASE" "$kind" <<'PY'
import json, sys, urllib.request
base, kind = sys.argv[1], sys.argv[2]
for g in range(24):
    rows = []
    seed = g * 7919 + 1
    for r in range(480):
        row = []
        for c in range(640):
            if kind == "noisy":
                seed = (seed * 1103515245 + 12345) & 0x7FFFFFFF
                rgb = (seed >> 7 & 255, seed >> 15 & 255, (r + c + g) & 255)
            else:
                d = ((c - 320) ** 2 + (r - 240) ** 2) // (400 + 40 * g)
                rgb = (c * 255 // 639, r * 255 // 479, 255 if d % 2 else 64)
            row.append("[%d, %d, %d, 1]" % rgb)
        rows.append("[" + ", ".join(row) + "]")
    body = ('{"python_version": [3, 11, 2, "final", 0], "ipb_version": "1.9.1", "ipb_class": "ImageGrid", "code_cells": null, '
            '"secret": false, "grid_data": {"lines_on": false, "width": 640, "height": 480, "blocks": [' + ", ".join(rows) + "]}}")
    urllib.request.urlopen(urllib.request.Request(base + "/post", data=body.encode())).close()
PY
        for dpr in 1 2 3; do
            weight=$(python3 benchmarks/page_weight.py "$BASE/recent" 390 844 "$dpr") || { echo "could not weigh /recent" >&2; exit 1; }
            read -r total pics n <<< "$weight"
            printf '| %s | 24 %s 640x480 | %s | %s bytes (%.2f MB) | %s bytes | %s |\n' "$commit" "$kind" "$dpr" "$total" \
                "$(echo "$total / 1000000" | bc -l)" "$pics" "$n"
        done
    done
    stop_app
    pg_stop
done
