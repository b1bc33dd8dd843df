#!/usr/bin/env bash
# Mixed traffic against the packaged app on loopback, bounded in time.
#
#  1. starts a throwaway PostgreSQL (SSL + password, like Heroku Postgres; lib-postgres.sh);
#  2. runs the Procfile's release command, then its web command with rate limiting off
#     (IPB_RATE_LIMIT_ENABLED=false: every request comes from 127.0.0.1);
#  3. posts a few grids, then plays DURATION seconds of wrk at CONNECTIONS connections, mixing
#     pages (/, and /about, grid pages and /random where this build has them), /get/ and
#     /get/secret/ JSON, a static file and POST /post (about one request in ten);
#  4. after a WARMUP (15 s) of the same traffic, samples the app's resident memory every second
#     and compares the first and the last 10 s;
#  5. fails if any request errored (socket error or a status other than 2xx/3xx).
# Stops everything it started.
#
# usage: benchmarks/load-mixed.sh      DURATION=60 CONNECTIONS=64 THREADS=2 BUILD=1 (package first)
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${DURATION:-60}
CONNECTIONS=${CONNECTIONS:-64}
THREADS=${THREADS:-2}
source benchmarks/lib-postgres.sh

APP_PID= SAMPLER_PID=
WORK=$(mktemp -d /tmp/ipb-load.XXXXXX)
cleanup() {
    [ -n "$SAMPLER_PID" ] && kill "$SAMPLER_PID" 2>/dev/null || true
    if [ -n "$APP_PID" ]; then
        kill -TERM "$APP_PID" 2>/dev/null || true
        for _ in $(seq 100); do kill -0 "$APP_PID" 2>/dev/null || break; sleep 0.2; done
        kill -KILL "$APP_PID" 2>/dev/null || true
    fi
    pg_stop
    rm -rf "$WORK"
}
trap cleanup EXIT

if [ -n "${BUILD:-}" ] || [ ! -f target/quarkus-app/quarkus-run.jar ]; then
    echo "packaging (./mvnw -B -DskipTests package)..."
    ./mvnw -B -q -DskipTests package > "$WORK/build.log" 2>&1 || { tail -30 "$WORK/build.log"; exit 1; }
fi
command -v wrk >/dev/null || { echo "installing wrk"; apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }

# The JDK the dyno runs (system.properties), when this machine has it; otherwise the default java.
want=$(sed -n 's/^java.runtime.version=//p' system.properties)
for d in /usr/lib/jvm/*; do
    if [ -x "$d/bin/java" ] && "$d/bin/java" -version 2>&1 | head -1 | grep -q "version \"$want[.\"]"; then
        export JAVA_HOME=$d PATH="$d/bin:$PATH"; break
    fi
done
echo "JDK: $(java -version 2>&1 | head -1)"

pg_start
export PORT=${APP_PORT:-18081} HASHIDS_PUBLIC_SALT=load-public HASHIDS_SECRET_SALT=load-secret
export IPB_MANAGEMENT_PORT=${MANAGEMENT_PORT:-19081}   # health and metrics, never on $PORT
export IPB_RATE_LIMIT_ENABLED=false JAVA_OPTS=${JAVA_OPTS:-}
release=$(sed -n 's/^release: *//p' Procfile)
web=$(sed -n 's/^web: *//p' Procfile)
if [ ! -f target/quarkus-app/app.aot ] || ! java -XX:AOTCache=target/quarkus-app/app.aot -version >/dev/null 2>&1; then
    web=${web//-XX:AOTCache=target\/quarkus-app\/app.aot/}   # no usable AOT cache with this JDK
fi
eval "$release" > "$WORK/release.log" 2>&1 || { cat "$WORK/release.log"; exit 1; }
bash -c "exec env $web" > "$WORK/app.log" 2>&1 &
APP_PID=$!
BASE="http://127.0.0.1:$PORT"
for _ in $(seq 450); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$IPB_MANAGEMENT_PORT/q/health/ready" || true)" = 200 ] && break
    kill -0 "$APP_PID" 2>/dev/null || { cat "$WORK/app.log"; exit 1; }
    sleep 0.2
done

# A grid body as the notebook client sends it (json.dumps, no Content-Type): 10x10 blocks.
body=$(python3 - <<'PY'
import json
blocks = [[[(r * 25) % 256, (c * 25) % 256, 128, 20] for c in range(10)] for r in range(10)]
print(json.dumps({"python_version": [3, 11, 2, "final", 0], "ipb_version": "1.9.1", "ipb_class": "BlockGrid",
                  "code_cells": ["grid = BlockGrid(10, 10)", "grid.show()"], "secret": False,
                  "grid_data": {"lines_on": True, "width": 10, "height": 10, "blocks": blocks}}))
PY
)
secret_body=${body/\"secret\": false/\"secret\": true}
public_ids=() secret_ids=()
for i in $(seq 20); do
    url=$(curl -s --data-binary "$body" "$BASE/post" | python3 -c 'import json,sys; print(json.load(sys.stdin)["url"])')
    public_ids+=("${url##*/}")
done
for i in $(seq 5); do
    url=$(curl -s --data-binary "$secret_body" "$BASE/post" | python3 -c 'import json,sys; print(json.load(sys.stdin)["url"])')
    secret_ids+=("${url##*/}")
done

# Routes other branches add (about page, grid pages, /random) join the mix when this build has them.
paths=("/" "/static/ipborg.css")
status() { curl -s -o /dev/null -w '%{http_code}' "$BASE$1"; }
[ "$(status /about)" = 200 ] && paths+=("/about")
[ "$(status /random)" = 303 ] && paths+=("/random" "/random")
[ "$(status "/${public_ids[0]}")" = 200 ] && for id in "${public_ids[@]:0:5}"; do paths+=("/$id"); done
[ "$(status "/secret/${secret_ids[0]}")" = 200 ] && paths+=("/secret/${secret_ids[0]}")
for id in "${public_ids[@]}"; do paths+=("/get/$id"); done
for id in "${secret_ids[@]}"; do paths+=("/get/secret/$id"); done
lua_paths=$(printf '"%s", ' "${paths[@]}")
lua_body=$(printf '%s' "$body" | python3 -c 'import json,sys; print(json.dumps(sys.stdin.read()))')
cat > "$WORK/mixed.lua" <<LUA
local paths = { ${lua_paths} }
local body = ${lua_body}
local n = 0
request = function()
  n = n + 1
  if n % 10 == 0 then
    return wrk.format("POST", "/post", {}, body)
  end
  return wrk.format("GET", paths[math.random(#paths)])
end
LUA
echo "mix: POST /post 1 in 10; GETs spread over: ${paths[*]}"

rss_kib() {
    local total=0 p kib
    for p in "$APP_PID" $(pgrep -P "$APP_PID" || true); do
        kib=$(awk '/^VmRSS:/ {print $2}' "/proc/$p/status" 2>/dev/null || echo 0)
        total=$((total + ${kib:-0}))
    done
    echo "$total"
}
# Warm-up first (JIT, pools, caches), so the measured minute shows the steady state.
WARMUP=${WARMUP:-15}
echo "warm-up: ${WARMUP}s"
wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" --timeout 10s -s "$WORK/mixed.lua" "$BASE" > /dev/null
( start=$(date +%s); while true; do echo "$(( $(date +%s) - start )) $(rss_kib)"; sleep 1; done ) > "$WORK/rss.log" &
SAMPLER_PID=$!

echo "load: ${DURATION}s at ${CONNECTIONS} connections (${THREADS} wrk threads)"
wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --timeout 10s --latency -s "$WORK/mixed.lua" "$BASE" | tee "$WORK/wrk.txt"
kill "$SAMPLER_PID"; SAMPLER_PID=

errors=$(awk '/Non-2xx or 3xx responses:/ {n += $NF} /Socket errors:/ {gsub(",", ""); n += $4 + $6 + $8 + $10} END {print n + 0}' "$WORK/wrk.txt")
python3 - "$WORK/rss.log" "$DURATION" <<'PY'
import sys
samples = [tuple(map(int, l.split())) for l in open(sys.argv[1]) if len(l.split()) == 2]
duration = int(sys.argv[2])
first = [kib for t, kib in samples if t < 10]
last = [kib for t, kib in samples if duration - 10 <= t < duration]
mib = lambda xs: sum(xs) / len(xs) / 1024
print("resident memory every 5 s (MiB): " + " ".join(str(kib // 1024) for t, kib in samples if t % 5 == 0))
print(f"resident memory: first 10 s {mib(first):.0f} MiB (max {max(first) / 1024:.0f}), "
      f"last 10 s {mib(last):.0f} MiB (max {max(last) / 1024:.0f}); growth {mib(last) - mib(first):+.0f} MiB")
PY
rows=$(as_pg_user env PGPASSWORD='p@ss:w/rd 1' "$PG_BIN/psql" -h "$PG_DIR" -p "$PG_PORT" -U postgres -d ipb -tA \
    -c "select (select count(*) from public_grids) + (select count(*) from secret_grids)")
echo "grids stored: $rows; errors: $errors"
grep -E ' ERROR | 5[0-9][0-9] [0-9]+ms' "$WORK/app.log" | head -5 || true
[ "$errors" = 0 ]
