#!/usr/bin/env bash
# Plays Heroku on this machine and measures the cold start a visitor feels, for the JVM dyno (Java
# buildpack, Procfile) and the native one (container stack, heroku.yml), side by side in one run.
#
#  1. builds the app as Heroku's Java buildpack does (./mvnw -DskipTests clean dependency:list install)
#     with the JDK that system.properties names, which also trains the AOT cache (AotTrainer); then the
#     native executable (./mvnw package -Dnative, GRAALVM_HOME from ../shared/native/graalvm-home);
#  2. starts a PostgreSQL that, like Heroku Postgres, takes only SSL connections with a password;
#  3. for each kind of dyno: runs its release command, then its web command with PORT and a
#     postgres:// DATABASE_URL;
#  4. measures, over RUNS starts, the time from launching the web command to the first 200 of a grid
#     page that reads the database, and the resident memory right then;
#  5. puts LOAD_SECONDS of mixed traffic on one more start (wrk, 16 connections) and reads the resident
#     memory again; then stops everything it started.
#
# usage: benchmarks/heroku-local.sh      RUNS=9 LOAD_SECONDS=60 MODES="jvm native" SKIP_BUILD=1 (reuse target/)
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-9}
LOAD_SECONDS=${LOAD_SECONDS:-60}
MODES=${MODES:-jvm native}
source benchmarks/lib-postgres.sh
source benchmarks/lib-app.sh
APP_PID=
stop_app() {
    kill -TERM "$APP_PID" 2>/dev/null || true
    while kill -0 "$APP_PID" 2>/dev/null; do sleep 0.2; done
    APP_PID=
}
cleanup() {
    [ -n "$APP_PID" ] && stop_app
    pg_stop
}
trap cleanup EXIT

use_dyno_jdk
echo "JDK: $(java -version 2>&1 | head -1)"
if [ -z "${SKIP_BUILD:-}" ]; then
    echo "building as the buildpack does..."
    build_jvm clean dependency:list install
    if [[ " $MODES " == *" native "* ]]; then
        echo "building the native executable..."
        build_native
    fi
fi
ls -la target/quarkus-app/app.aot 2>/dev/null || echo "(no AOT cache in target/quarkus-app)"

command -v wrk >/dev/null || { echo "installing wrk"; apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }

pg_start
export PORT=${APP_PORT:-18080} HASHIDS_PUBLIC_SALT=local-public HASHIDS_SECRET_SALT=local-secret JAVA_OPTS=${JAVA_OPTS:-}
PAGE=
summary=()
for mode in $MODES; do
    dyno_commands "$mode"
    echo "== $mode dyno"
    echo "release: $RELEASE_CMD"
    eval "$RELEASE_CMD" > /tmp/ipb-heroku-release.log 2>&1 || { cat /tmp/ipb-heroku-release.log; exit 1; }
    echo "web: $WEB_CMD"
    if [ -z "$PAGE" ]; then
        # One grid to look at, posted the way the client posts (no Content-Type).
        out=$(PROBE_KEEP=1 python3 benchmarks/startup_probe.py "http://127.0.0.1:$PORT/" 90 -- bash -c "$WEB_CMD")
        APP_PID=$(echo "$out" | awk '{print $3}')
        url=$(curl -s -X POST --data-binary '{"python_version": [3, 11, 2, "final", 0], "ipb_version": "1.9.1", "ipb_class": "BlockGrid", "code_cells": ["grid = BlockGrid(4, 3)"], "secret": false, "grid_data": {"lines_on": true, "width": 4, "height": 3, "blocks": [[[255, 0, 0, 20], [0, 255, 0, 20], [0, 0, 255, 20], [9, 9, 9, 20]], [[1, 2, 3, 20], [4, 5, 6, 20], [7, 8, 9, 20], [9, 9, 9, 20]], [[10, 20, 30, 20], [40, 50, 60, 20], [70, 80, 90, 20], [9, 9, 9, 20]]]}}' "http://127.0.0.1:$PORT/post")
        id=$(echo "$url" | python3 -c 'import json, sys; print(json.load(sys.stdin)["url"].rsplit("/", 1)[1])')
        stop_app
        PAGE=${PAGE_PREFIX:-/}$id
    fi
    echo "measuring: launch of the web command -> first 200 of $PAGE"

    starts=(); rss=()
    for i in $(seq "$RUNS"); do
        read -r ms kib < <(python3 benchmarks/startup_probe.py "http://127.0.0.1:$PORT$PAGE" 90 -- bash -c "$WEB_CMD")
        starts+=("$ms"); rss+=("$kib")
        echo "  start $i: ${ms} ms, resident ${kib} KiB"
    done

    out=$(PROBE_KEEP=1 python3 benchmarks/startup_probe.py "http://127.0.0.1:$PORT$PAGE" 90 -- bash -c "$WEB_CMD")
    APP_PID=$(echo "$out" | awk '{print $3}')
    cat > /tmp/ipb-mixed.lua <<LUA
local paths = { "$PAGE", "/get/$id", "/", "/about", "/random", "/no/such/page" }
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1])
end
LUA
    echo "load: ${LOAD_SECONDS}s of mixed GETs at 16 connections"
    wrk -t2 -c16 -d"${LOAD_SECONDS}s" -s /tmp/ipb-mixed.lua "http://127.0.0.1:$PORT" | grep -E 'Requests/sec|Non-2xx|Socket errors|Latency' || true
    loaded=$(awk '/^VmRSS:/ {print $2}' "/proc/$APP_PID/status")
    stop_app

    summary+=("$(python3 - "$mode" "${starts[*]}" "${rss[*]}" "$loaded" <<'PY'
import statistics, sys
mode = sys.argv[1]
starts = [int(x) for x in sys.argv[2].split()]
rss = [int(x) for x in sys.argv[3].split()]
print(f"{mode}: start-up to first grid page: median {statistics.median(starts):.0f} ms, min {min(starts)} ms, max {max(starts)} ms ({len(starts)} starts); "
      f"resident memory after start: median {statistics.median(rss) / 1024:.0f} MiB; after load: {int(sys.argv[4]) / 1024:.0f} MiB")
PY
)")
done
printf '%s\n' "${summary[@]}"
