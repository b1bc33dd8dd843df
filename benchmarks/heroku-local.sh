#!/usr/bin/env bash
# Plays Heroku on this machine, as faithfully as it can without Heroku, and measures what a visitor
# and the dyno's memory quota see, for the JVM dyno (Java buildpack, Procfile) and the native one
# (container stack, heroku.yml and the Dockerfile's web command), side by side in one run.
#
# JVM dyno:
#  1. a clean clone of the committed tree (git clone), built there with the buildpack's command
#     (./mvnw -DskipTests clean dependency:list install) under MAVEN_OPTS=-Xmx1024m and the JDK that
#     system.properties names; the build trains the AOT cache (src/build/java, AotTrainer);
#  2. the build folder moved to another folder, as the slug is built in /tmp/build_<id> and runs from
#     /app, the build folder gone; the web command started there once with -Xlog:aot, which must say
#     the AOT cache was opened and used (the script fails otherwise);
#  3. every command run with the environment the buildpack gives a 512 MB dyno (Eco, Basic,
#     Standard-1X): JAVA_OPTS and JAVA_TOOL_OPTIONS set to the values below.
# Native dyno: the executable built in this working tree (./mvnw package -Dnative), run with
# heroku.yml's release command and the Dockerfile's web CMD.
# Both: a PostgreSQL that, like Heroku Postgres, takes only SSL connections with a password; the
# release command, then the web command with PORT and a postgres:// DATABASE_URL; over RUNS starts,
# the time from launch to the first 200 of a grid page that reads the database and the resident
# memory then; then LOAD_SECONDS of mixed traffic (wrk, 16 connections) and the resident memory again,
# each against the 512 MB quota.
#
# usage: benchmarks/heroku-local.sh      RUNS=9 LOAD_SECONDS=60 MODES="jvm native" SKIP_BUILD=1 (reuse the last builds)
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-9}
LOAD_SECONDS=${LOAD_SECONDS:-60}
MODES=${MODES:-jvm native}
QUOTA_MIB=512
# What Heroku's JVM buildpack sets on a dyno with 512 MB (Eco, Basic, Standard-1X): opt/jvmcommon.sh of
# heroku/heroku-buildpack-jvm-common (jvm_options(): -Dfile.encoding=UTF-8, -XX:MaxRAM=<the cgroup's
# memory limit>, and for 536870912 bytes "-Xmx300m -Xss512k -XX:CICompilerCount=2"), exported as
# JAVA_OPTS and, except on one-off run.* dynos, as JAVA_TOOL_OPTIONS; Dev Center, "Heroku Java behavior"
# (https://devcenter.heroku.com/articles/java-support#environment).
HEROKU_512MB_JAVA_OPTS="-Dfile.encoding=UTF-8 -XX:MaxRAM=536870912 -Xmx300m -Xss512k -XX:CICompilerCount=2"
SLUG=${SLUG:-/tmp/ipb-heroku-slug/app}
source benchmarks/lib-postgres.sh
source benchmarks/lib-app.sh
APP_PID=
cleanup() {
    stop_app
    pg_stop
}
trap cleanup EXIT

use_dyno_jdk
echo "JDK: $(java -version 2>&1 | head -1)"
ROOT=$PWD
if [[ " $MODES " == *" jvm "* ]] && [ -z "${SKIP_BUILD:-}" ]; then
    build=$(mktemp -d /tmp/build_XXXXXXXX)
    echo "== the buildpack's build, in a clean clone ($build), MAVEN_OPTS=-Xmx1024m"
    git clone -q "$ROOT" "$build"
    t0=$SECONDS
    (cd "$build" && MAVEN_OPTS=-Xmx1024m ./mvnw -B -DskipTests clean dependency:list install > "$build.log" 2>&1) \
        || { tail -40 "$build.log"; exit 1; }
    echo "built in $((SECONDS - t0)) s; $(grep -m1 '^\[aot\]' "$build.log" || echo '[aot] (no line)')"
    echo "== the slug moves: $build -> $SLUG (the build folder is removed)"
    rm -rf "$SLUG" && mkdir -p "$(dirname "$SLUG")" && mv "$build" "$SLUG" && mv "$build.log" "$SLUG.build.log"
fi
if [[ " $MODES " == *" native "* ]] && [ -z "${SKIP_BUILD:-}" ]; then
    echo "== building the native executable..."
    build_native
fi

command -v wrk >/dev/null || { echo "installing wrk"; apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }

pg_start
export PORT=${APP_PORT:-18480} IPB_MANAGEMENT_PORT=${APP_MANAGEMENT_PORT:-18481} HASHIDS_PUBLIC_SALT=local-public HASHIDS_SECRET_SALT=local-secret
for port in "$PORT" "$IPB_MANAGEMENT_PORT"; do
    # a process already there would answer the probe in our app's stead
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "port $port is in use: set APP_PORT / APP_MANAGEMENT_PORT" >&2; exit 1; fi
done
PAGE=
summary=()
for mode in $MODES; do
    if [ "$mode" = jvm ]; then
        cd "$SLUG"
        export JAVA_OPTS=$HEROKU_512MB_JAVA_OPTS JAVA_TOOL_OPTIONS=$HEROKU_512MB_JAVA_OPTS
    else
        cd "$ROOT"
        unset JAVA_OPTS JAVA_TOOL_OPTIONS
    fi
    dyno_commands "$mode"
    echo "== $mode dyno (in $PWD)"
    echo "release: $RELEASE_CMD"
    eval "$RELEASE_CMD" > /tmp/ipb-heroku-release.log 2>&1 || { cat /tmp/ipb-heroku-release.log; exit 1; }
    echo "web: $WEB_CMD"
    if [ "$mode" = jvm ]; then
        # Is the AOT cache made in the build folder used here? -Xlog:aot says (added after Heroku's options).
        JAVA_TOOL_OPTIONS="$HEROKU_512MB_JAVA_OPTS -Xlog:aot=info,class+path=info:file=/tmp/ipb-aot-check.log" \
            python3 "$ROOT/benchmarks/startup_probe.py" "http://127.0.0.1:$PORT/" 90 -- bash -c "$WEB_CMD" > /dev/null
        if grep -q "Using AOT-linked classes: true" /tmp/ipb-aot-check.log && ! grep -qE "\[(error|warning)\]|mismatch" /tmp/ipb-aot-check.log; then
            echo "AOT cache after the move: used; -Xlog:aot says:"
            grep -E "Opened AOT cache|common prefix|validation: passed|Using AOT-linked classes" /tmp/ipb-aot-check.log | sed 's/^/    /'
        else
            echo "AOT cache after the move: NOT used:"; grep -iE "aot|cds" /tmp/ipb-aot-check.log | head -20; exit 1
        fi
    fi
    if [ -z "$PAGE" ]; then
        # One grid to look at, posted the way the client posts (no Content-Type).
        out=$(PROBE_KEEP=1 python3 "$ROOT/benchmarks/startup_probe.py" "http://127.0.0.1:$PORT/" 90 -- bash -c "$WEB_CMD")
        APP_PID=$(echo "$out" | awk '{print $3}')
        url=$(curl -s -X POST --data-binary '{"python_version": [3, 11, 2, "final", 0], "ipb_version": "1.9.1", "ipb_class": "BlockGrid", "code_cells": ["grid = BlockGrid(4, 3)"], "secret": false, "grid_data": {"lines_on": true, "width": 4, "height": 3, "blocks": [[[255, 0, 0, 20], [0, 255, 0, 20], [0, 0, 255, 20], [9, 9, 9, 20]], [[1, 2, 3, 20], [4, 5, 6, 20], [7, 8, 9, 20], [9, 9, 9, 20]], [[10, 20, 30, 20], [40, 50, 60, 20], [70, 80, 90, 20], [9, 9, 9, 20]]]}}' "http://127.0.0.1:$PORT/post")
        id=$(echo "$url" | python3 -c 'import json, sys; print(json.load(sys.stdin)["url"].rsplit("/", 1)[1])')
        stop_app
        PAGE=${PAGE_PREFIX:-/}$id
    fi
    echo "measuring: launch of the web command -> first 200 of $PAGE"

    starts=(); rss=()
    for i in $(seq "$RUNS"); do
        read -r ms kib < <(python3 "$ROOT/benchmarks/startup_probe.py" "http://127.0.0.1:$PORT$PAGE" 90 -- bash -c "$WEB_CMD")
        starts+=("$ms"); rss+=("$kib")
        echo "  start $i: ${ms} ms, resident ${kib} KiB"
    done

    out=$(PROBE_KEEP=1 python3 "$ROOT/benchmarks/startup_probe.py" "http://127.0.0.1:$PORT$PAGE" 90 -- bash -c "$WEB_CMD")
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

    summary+=("$(python3 - "$mode" "${starts[*]}" "${rss[*]}" "$loaded" "$QUOTA_MIB" <<'PY'
import statistics, sys
mode = sys.argv[1]
starts = [int(x) for x in sys.argv[2].split()]
rss = [int(x) for x in sys.argv[3].split()]
quota = int(sys.argv[5])
after_start, after_load = statistics.median(rss) / 1024, int(sys.argv[4]) / 1024
print(f"{mode}: start-up to first grid page: median {statistics.median(starts):.0f} ms, min {min(starts)} ms, max {max(starts)} ms ({len(starts)} starts); "
      f"resident memory after start: median {after_start:.0f} MiB ({100 * after_start / quota:.0f} % of the {quota} MB quota); "
      f"after load: {after_load:.0f} MiB ({100 * after_load / quota:.0f} %)")
PY
)")
done
printf '%s\n' "${summary[@]}"
