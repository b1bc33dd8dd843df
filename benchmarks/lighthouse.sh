#!/usr/bin/env bash
# Lighthouse (mobile, its default) on every kind of page: the four category scores as a markdown table,
# and under it every audit of accessibility, best practices and SEO that did not pass.
#
# Installs a pinned Lighthouse with npm into a cache directory (not the repository), runs the packaged
# app as a JVM dyno (the Procfile's web command) on a throwaway PostgreSQL, posts the grids the
# browser test uses (checkerboards of 20 px blocks 10x10, 30x30, 50x50 and 100x100, a 320x240
# ImageGrid of 1 px blocks, a secret 12x12), and runs Lighthouse with Debian's chromium on each page.
#
# usage: benchmarks/lighthouse.sh      SKIP_BUILD=1 (reuse target/)  LIGHTHOUSE_VERSION=12.8.2  KEEP_REPORTS=dir
set -euo pipefail
cd "$(dirname "$0")/.."
LIGHTHOUSE_VERSION=${LIGHTHOUSE_VERSION:-12.8.2}
CACHE=${XDG_CACHE_HOME:-$HOME/.cache}/ipb-lighthouse-$LIGHTHOUSE_VERSION
source benchmarks/lib-postgres.sh
source benchmarks/lib-app.sh
APP_PID=
WORK=$(mktemp -d /tmp/ipb-lighthouse.XXXXXX)
cleanup() { stop_app; pg_stop; [ -n "${KEEP_REPORTS:-}" ] && { mkdir -p "$KEEP_REPORTS"; cp "$WORK"/*.json "$KEEP_REPORTS"/ 2>/dev/null || true; }; rm -rf "$WORK"; }
trap cleanup EXIT

if [ ! -x "$CACHE/node_modules/.bin/lighthouse" ]; then
    echo "installing lighthouse@$LIGHTHOUSE_VERSION into $CACHE" >&2
    mkdir -p "$CACHE"
    npm install --prefix "$CACHE" --no-save --no-package-lock --no-audit --no-fund "lighthouse@$LIGHTHOUSE_VERSION" > "$WORK/npm.log" 2>&1 \
        || { tail -20 "$WORK/npm.log"; exit 1; }
fi
command -v chromium >/dev/null || { apt-get update -qq && apt-get install -y -qq chromium >/dev/null; }

use_dyno_jdk
[ -n "${SKIP_BUILD:-}" ] || BUILD_LOG=$WORK/build.log build_jvm package
pg_start
dyno_commands jvm
export PORT=${APP_PORT:-18090} HASHIDS_PUBLIC_SALT=lh-public HASHIDS_SECRET_SALT=lh-secret
# localhost, not 127.0.0.1: the canonical links then name the host Lighthouse loads.
BASE="http://localhost:$PORT"
export IPB_RATE_LIMIT_ENABLED=false IPB_PUBLIC_BASE_URL="$BASE" JAVA_OPTS=${JAVA_OPTS:-}
eval "$RELEASE_CMD" > "$WORK/release.log" 2>&1 || { cat "$WORK/release.log"; exit 1; }
out=$(PROBE_KEEP=1 python3 benchmarks/startup_probe.py "$BASE/" 90 -- bash -c "$WEB_CMD")
APP_PID=$(echo "$out" | awk '{print $3}')

# name path, one a line
python3 - "$BASE" > "$WORK/pages" <<'PY'
import json, sys, urllib.request
base = sys.argv[1]
def post(ipb_class, w, h, size, lines, secret=False, code=None):
    blocks = [[[255, 215, 0, size] if (r + c) % 2 == 0 else [0, 0, 128, size] for c in range(w)] for r in range(h)]
    body = json.dumps({"python_version": [3, 11, 2, "final", 0], "ipb_version": "1.9.1", "ipb_class": ipb_class,
                       "code_cells": code, "secret": secret,
                       "grid_data": {"lines_on": lines, "width": w, "height": h, "blocks": blocks}}).encode()
    with urllib.request.urlopen(urllib.request.Request(base + "/post", data=body)) as r:
        return json.load(r)["url"].replace(base, "")
code = ["from ipythonblocks import BlockGrid\n\ngrid = BlockGrid(10, 10, fill=(255, 215, 0))",
        "for block in grid:\n    if (block.row + block.col) % 2:\n        block.rgb = (0, 0, 128)\ngrid"]
g30 = post("BlockGrid", 30, 30, 20, True)
pages = [("home", "/"), ("about", "/about"), ("grid 10x10", post("BlockGrid", 10, 10, 20, True, code=code)),
         ("grid 30x30", g30), ("grid 50x50", post("BlockGrid", 50, 50, 20, True)),
         ("grid 100x100", post("BlockGrid", 100, 100, 20, True)), ("ImageGrid 320x240", post("ImageGrid", 320, 240, 1, False)),
         ("secret grid", post("BlockGrid", 12, 12, 20, True, secret=True)), ("404", "/no/such/page"), ("embed", "/embed" + g30)]
for name, path in [("privacy", "/privacy"), ("recent", "/recent")]:
    try:
        urllib.request.urlopen(base + path).close()
        pages.append((name, path))
    except Exception:
        pass
for name, path in pages:
    print(name + "\t" + path)
PY

echo "| page | performance | accessibility | best practices | SEO |"
echo "|---|---:|---:|---:|---:|"
: > "$WORK/failed"
i=0
while IFS=$'\t' read -r name path; do
    i=$((i + 1))
    report="$WORK/$i.json"
    status=(); [ "$name" = 404 ] && status=(--ignore-status-code) # the 404 page answers 404 on purpose
    CHROME_PATH=/usr/bin/chromium "$CACHE/node_modules/.bin/lighthouse" "$BASE$path" --quiet --output=json --output-path="$report" \
        --chrome-flags="--headless=new --no-sandbox" --only-categories=performance,accessibility,best-practices,seo "${status[@]}" \
        < /dev/null > "$WORK/lh-$i.log" 2>&1 || { echo "| $name | lighthouse failed: $(tail -1 "$WORK/lh-$i.log") | | | |"; continue; }
    node - "$report" "$name" "$WORK/failed" <<'JS'
const fs = require('fs');
const [report, name, failed] = process.argv.slice(2);
const r = JSON.parse(fs.readFileSync(report, 'utf8'));
const score = id => r.categories[id].score === null ? '–' : Math.round(r.categories[id].score * 100);
console.log(`| ${name} | ${score('performance')} | ${score('accessibility')} | ${score('best-practices')} | ${score('seo')} |`);
for (const id of ['accessibility', 'best-practices', 'seo']) {
  for (const ref of r.categories[id].auditRefs) {
    const a = r.audits[ref.id];
    if (ref.weight > 0 && a.score !== null && a.score < 1) {
      fs.appendFileSync(failed, `- ${name}, ${r.categories[id].title}: \`${a.id}\` ${a.title}${a.displayValue ? ' (' + a.displayValue + ')' : ''}\n`);
    }
  }
}
JS
done < "$WORK/pages"
if [ -s "$WORK/failed" ]; then
    echo
    echo "Audits that did not pass (accessibility, best practices, SEO):"
    cat "$WORK/failed"
fi
