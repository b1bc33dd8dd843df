#!/usr/bin/env bash
# A/B of start-up, memory and posts against a base commit, in one run on this machine (issue 24).
#
# Builds the base commit in a temporary git worktree and this working tree as it is (uncommitted
# changes included), each with its own benchmarks/lib-app.sh (so each runs its own Procfile's web
# command, with its AOT cache, and its own native web command), each on its own throwaway PostgreSQL
# (lib-postgres.sh: SSL only, a password). For each mode in MODES and each side it measures:
#   start    median of RUNS launches -> first 200 of a grid page (startup_probe.py; the starts of the
#            two sides alternate, so a busier moment of the machine falls on both)
#   rss0     median resident memory right after those starts
#   rss1     resident memory after LOAD_SECONDS of wrk -c16 on that grid page
#   post     POST /post rate, 20x20 grids, wrk -t2 -c16 for POST_SECONDS after a WARMUP, rate limit off
#            (as throughput.sh); with RATE_LIMIT=on the limit stays on with a budget no run exhausts,
#            so every post pays its rate-limit statement, as on a dyno
# and prints a table: base, head, head/base.
#
# usage: benchmarks/lean-ab.sh [BASE_COMMIT]    (default b7b502e)
#   MODES="jvm native" (default jvm)  RUNS=5  LOAD_SECONDS=10  POST_SECONDS=10  WARMUP=5  RATE_LIMIT=off|on
#   BASE_TREE=/dir: the base's worktree is made and built there and kept (a temporary one otherwise);
#                   when /dir exists already, it is used as it is, unbuilt
#   SKIP_BUILD=1: this tree's target/ is used as it is
#   BASE_RUNNER=/path, HEAD_RUNNER=/path: native executables already built (no native build for that side)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
BASE_COMMIT=${1:-b7b502e}
MODES=${MODES:-jvm}
RUNS=${RUNS:-5}
LOAD_SECONDS=${LOAD_SECONDS:-10}
POST_SECONDS=${POST_SECONDS:-10}
WARMUP=${WARMUP:-5}
WORK=$(mktemp -d /tmp/ipb-lean-ab.XXXXXX)
source benchmarks/lib-postgres.sh
source benchmarks/lib-app.sh
declare -A TREE PGDIR PGURL RESULT
APP_PID=
cleanup() {
    stop_app
    local side
    for side in base head; do PG_DIR=${PGDIR[$side]:-} pg_stop; done
    [ -n "${MADE_WORKTREE:-}" ] && git worktree remove --force "$MADE_WORKTREE" 2>/dev/null
    rm -rf "$WORK"
}
trap cleanup EXIT
use_dyno_jdk
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }

TREE[head]=$ROOT TREE[base]=${BASE_TREE:-$WORK/base}
build_base=
if [ ! -d "${TREE[base]}" ]; then
    git worktree add -q --detach "${TREE[base]}" "$BASE_COMMIT"
    build_base=1
    [ -n "${BASE_TREE:-}" ] || MADE_WORKTREE=${TREE[base]}
fi
for side in base head; do
    runner_var=${side^^}_RUNNER
    if { [ "$side" = base ] && [ -n "$build_base" ]; } || { [ "$side" = head ] && [ -z "${SKIP_BUILD:-}" ]; }; then
        echo "== building $side (${TREE[$side]})"
        (cd "${TREE[$side]}" && source benchmarks/lib-app.sh && BUILD_LOG=$WORK/build-$side.log build_jvm package)
        if [[ " $MODES " == *" native "* ]] && [ -z "${!runner_var:-}" ]; then
            (cd "${TREE[$side]}" && source benchmarks/lib-app.sh && BUILD_LOG=$WORK/build-$side.log build_native)
        fi
    fi
    PG_DIR= PG_PORT=$((55500 + ${PG_OFFSET:=0})) PG_OFFSET=$((PG_OFFSET + 1)); pg_start
    PGDIR[$side]=$PG_DIR PGURL[$side]=$DATABASE_URL
done

write_post_json "$WORK/post.json"
printf 'wrk.method = "POST"\nlocal f = io.open("%s")\nwrk.body = f:read("*a")\nf:close()\n' "$WORK/post.json" > "$WORK/post.lua"

export PORT=${APP_PORT:-18580} IPB_MANAGEMENT_PORT=${APP_MANAGEMENT_PORT:-18581}
export HASHIDS_PUBLIC_SALT=ab-public HASHIDS_SECRET_SALT=ab-secret IPB_PUBLIC_BASE_URL="http://127.0.0.1:$PORT" JAVA_OPTS=
if [ "${RATE_LIMIT:-off}" = on ]; then
    export IPB_RATE_LIMIT_ENABLED=true IPB_RATE_LIMIT_BURST=100000000 IPB_RATE_LIMIT_PER_MINUTE=100000000
else
    export IPB_RATE_LIMIT_ENABLED=false
fi
for port in "$PORT" "$IPB_MANAGEMENT_PORT"; do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "port $port is in use: set APP_PORT / APP_MANAGEMENT_PORT" >&2; exit 1; fi
done
BASE_URL="http://127.0.0.1:$PORT"

# Sets WEB_CMD (and runs the release command once per mode) for a side, in its tree, with its database.
enter() { # side mode
    cd "${TREE[$1]}"
    export DATABASE_URL=${PGURL[$1]}
    source benchmarks/lib-app.sh
    local runner_var=${1^^}_RUNNER
    if [ "$2" = native ] && [ -n "${!runner_var:-}" ]; then
        native_runner() { echo "${!runner_var}"; }
    fi
    dyno_commands "$2"
    # lib-app.sh of older commits puts $PWD/ before the runner: an absolute runner path is kept as it is
    RELEASE_CMD=${RELEASE_CMD//$PWD\/\//\/} WEB_CMD=${WEB_CMD//$PWD\/\//\/}
}
keep_running() { # url
    local out; out=$(PROBE_KEEP=1 python3 "$ROOT/benchmarks/startup_probe.py" "$1" 90 -- bash -c "$WEB_CMD")
    APP_PID=$(echo "$out" | awk '{print $3}')
}
rss_mib() { awk '/^VmRSS:/ {printf "%.0f", $2 / 1024}' "/proc/$APP_PID/status"; }

for mode in $MODES; do
    declare -A PAGE STARTS RSS0
    for side in base head; do
        enter "$side" "$mode"
        echo "== $mode $side: $WEB_CMD" | cut -c1-200
        eval "$RELEASE_CMD" > "$WORK/release.log" 2>&1 || { cat "$WORK/release.log"; exit 1; }
        keep_running "$BASE_URL/"
        PAGE[$side]=$(curl -sf -X POST --data-binary @"$WORK/post.json" "$BASE_URL/post" \
            | python3 -c 'import json, sys; print("/" + json.load(sys.stdin)["url"].split("/", 3)[3])')
        stop_app
        STARTS[$side]= RSS0[$side]=
    done
    for i in $(seq "$RUNS"); do
        for side in base head; do
            enter "$side" "$mode"
            read -r ms kib < <(python3 "$ROOT/benchmarks/startup_probe.py" "$BASE_URL${PAGE[$side]}" 90 -- bash -c "$WEB_CMD")
            STARTS[$side]+="$ms " RSS0[$side]+="$kib "
            echo "  $side start $i: $ms ms, $((kib / 1024)) MiB"
        done
    done
    for side in base head; do
        enter "$side" "$mode"
        keep_running "$BASE_URL${PAGE[$side]}"
        wrk -t2 -c16 -d"${LOAD_SECONDS}s" "$BASE_URL${PAGE[$side]}" > "$WORK/page.txt"
        rss1=$(rss_mib)
        page_rps=$(awk '/Requests\/sec/ {printf "%.0f", $2}' "$WORK/page.txt")
        wrk -t2 -c16 -d"${WARMUP}s" -s "$WORK/post.lua" "$BASE_URL/post" > /dev/null
        wrk -t2 -c16 -d"${POST_SECONDS}s" -s "$WORK/post.lua" "$BASE_URL/post" > "$WORK/post.txt"
        post_rps=$(awk '/Requests\/sec/ {printf "%.0f", $2}' "$WORK/post.txt")
        errors=$(awk '/Socket errors/ {gsub(",", ""); s += $4 + $6 + $8 + $10} /Non-2xx/ {n += $5} END {print s + n + 0}' "$WORK/page.txt" "$WORK/post.txt")
        stop_app
        RESULT[$mode.$side]="$(python3 -c 'import statistics, sys; print(round(statistics.median(map(int, sys.argv[1].split()))), round(statistics.median(map(int, sys.argv[2].split())) / 1024))' "${STARTS[$side]}" "${RSS0[$side]}") $rss1 $page_rps $post_rps $errors"
    done
    unset PAGE STARTS RSS0
done
cd "$ROOT"

echo
echo "A/B: base $BASE_COMMIT ($(git rev-parse --short "$BASE_COMMIT")) against head $(git rev-parse --short HEAD)$(git diff --quiet HEAD || echo ' + uncommitted changes'); $(date -u '+%Y-%m-%d %H:%M UTC'); $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); RUNS=$RUNS RATE_LIMIT=${RATE_LIMIT:-off}"
printf '| %-6s | %-38s | %9s | %9s | %7s |\n' mode measure base head ratio
printf '|%s|%s|%s|%s|%s|\n' -------- ---------------------------------------- ----------: ----------: --------:
for mode in $MODES; do
    read -r bs br0 br1 bp bpost be <<< "${RESULT[$mode.base]}"
    read -r hs hr0 hr1 hp hpost he <<< "${RESULT[$mode.head]}"
    row() { printf '| %-6s | %-38s | %9s | %9s | %6.2fx |\n' "$mode" "$1" "$2" "$3" "$(awk -v a="$2" -v b="$3" 'BEGIN {print (a > 0 ? b / a : 0)}')"; }
    row "launch -> first grid page, ms (median)" "$bs" "$hs"
    row "resident after start, MiB (median)" "$br0" "$hr0"
    row "resident after ${LOAD_SECONDS} s of page load, MiB" "$br1" "$hr1"
    row "grid page during that load, rps" "$bp" "$hp"
    row "POST /post 20x20, rps" "$bpost" "$hpost"
    printf '| %-6s | %-38s | %9s | %9s | %7s |\n' "$mode" "errors (non-2xx, socket)" "$be" "$he" ""
done
