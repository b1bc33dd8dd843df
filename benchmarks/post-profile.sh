#!/usr/bin/env bash
# Where a post's time goes: the web dyno (MODE=jvm: the Procfile's web command; MODE=native: the
# Dockerfile's web command on target/*-runner) under POST /post of 20x20 grids at 16 connections, the
# rate limit on with a budget no run exhausts (every post pays its rate-limit statement, as on a dyno;
# RATE_LIMIT=off to leave it out). Prints
#   - the statements PostgreSQL ran per post (its statement log over COUNT posts, one at a time);
#   - the rate of the load, and the CPU time per post of the app, of PostgreSQL (all its processes) and
#     of the rest of the machine (wrk, anything else running);
#   - the profile of the app over the last SECONDS_ of the load: the top frames, and the share of the
#     samples whose stack passes through each named part of a post.
#     jvm:    a flight recording (JFR) in $OUT (default /tmp/ipb-post.jfr)
#     native: perf record -g in $OUT (default /tmp/ipb-post.perf). perf walks the stack by frame
#             pointers, so the build here adds -H:+PreserveFramePointer to the image's build arguments
#             (target/*-runner is then that executable); with SKIP_BUILD=1 and an executable built
#             without it, only the top frames are right.
#
# usage: benchmarks/post-profile.sh   MODE=jvm|native SECONDS_=20 (recorded, after a 10 s warm-up) COUNT=20
#                                     RATE_LIMIT=on|off SKIP_BUILD=1 OUT=file
set -euo pipefail
cd "$(dirname "$0")/.."
MODE=${MODE:-jvm}
SECONDS_=${SECONDS_:-20}
COUNT=${COUNT:-20}
source benchmarks/lib-postgres.sh
source benchmarks/lib-app.sh
bench_workdir post-profile
use_dyno_jdk
if [ -z "${SKIP_BUILD:-}" ]; then
    case $MODE in
        jvm) BUILD_LOG=$WORK/build.log build_jvm package ;;
        native) BUILD_LOG=$WORK/build.log build_native "-Dquarkus.native.additional-build-args=$(
            sed -n 's/^quarkus.native.additional-build-args=//p' src/main/resources/application.properties | sed 's/\\\\/\\/g'),-H:+PreserveFramePointer" ;;
    esac
fi
PG_PORT=${PG_PORT:-55510}
pg_start
dyno_commands "$MODE"
export PORT=${APP_PORT:-18590} IPB_MANAGEMENT_PORT=${APP_MANAGEMENT_PORT:-18591} HASHIDS_PUBLIC_SALT=p HASHIDS_SECRET_SALT=s
if [ "${RATE_LIMIT:-on}" = on ]; then
    export IPB_RATE_LIMIT_ENABLED=true IPB_RATE_LIMIT_BURST=100000000 IPB_RATE_LIMIT_PER_MINUTE=100000000
else
    export IPB_RATE_LIMIT_ENABLED=false
fi
export IPB_PUBLIC_BASE_URL="http://127.0.0.1:$PORT" JAVA_OPTS=
if [ "$MODE" = jvm ]; then
    OUT=${OUT:-/tmp/ipb-post.jfr}
    JAVA_OPTS="-XX:StartFlightRecording=delay=10s,duration=${SECONDS_}s,settings=profile,filename=$OUT"
else
    OUT=${OUT:-/tmp/ipb-post.perf}
fi
eval "$RELEASE_CMD" > "$WORK/release.log" 2>&1 || { cat "$WORK/release.log"; exit 1; }
out=$(PROBE_KEEP=1 python3 benchmarks/startup_probe.py "http://127.0.0.1:$PORT/" 90 -- bash -c "$WEB_CMD")
APP_PID=$(echo "$out" | awk '{print $3}')
write_post_json "$WORK/post.json"
psql_() { as_pg_user env PGPASSWORD='p@ss:w/rd 1' "$PG_BIN/psql" -qAt -h "$PG_DIR" -p "$PG_PORT" -U postgres ipb -c "$1"; }
curl -s -o /dev/null -X POST --data-binary @"$WORK/post.json" "http://127.0.0.1:$PORT/post" # warms the pool's connections
sleep 1.5 # the home page's refresh after a post (300 ms) and the takedown listener's start (1 s) are behind us
psql_ "alter system set log_statement = 'all'" && psql_ "select pg_reload_conf()" > /dev/null
sleep 0.5
from=$(wc -l < "$PG_DIR/log")
for i in $(seq "$COUNT"); do curl -s -o /dev/null -X POST --data-binary @"$WORK/post.json" "http://127.0.0.1:$PORT/post"; done
sleep 1 # the home page's refresh after the last post
psql_ "alter system set log_statement = 'none'" && psql_ "select pg_reload_conf()" > /dev/null
echo "== statements PostgreSQL ran for $COUNT posts, one at a time (then the home page's refreshes)"
tail -n +"$((from + 1))" "$PG_DIR/log" | grep -oE '(statement|execute [^:]*): .*' | grep -v 'alter system\|pg_reload_conf' \
    | sed -E 's/^(statement|execute [^:]*): //; s/\$[0-9]+/?/g' | cut -c1-90 | sort | uniq -c | sort -rn

# CPU time in clock ticks: the app, PostgreSQL's processes (the postmaster's children), the whole machine
ticks() { awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0; }
pg_ticks() {
    local pm t=0 p; pm=$(head -1 "$PG_DIR/data/postmaster.pid")
    for p in "$pm" $(cat "/proc/$pm/task/$pm/children"); do t=$((t + $(ticks "$p"))); done
    echo "$t"
}
machine_ticks() { awk '/^cpu / {print $2 + $3 + $4 + $7 + $8}' /proc/stat; }
printf 'wrk.method = "POST"\nlocal f = io.open("%s")\nwrk.body = f:read("*a")\nf:close()\n' "$WORK/post.json" > "$WORK/post.lua"
echo "== POST /post under load, $((SECONDS_ + 12)) s, rate limit ${RATE_LIMIT:-on} (the profile: the last $SECONDS_ s)"
app0=$(ticks "$APP_PID") pg0=$(pg_ticks) all0=$(machine_ticks)
wrk -t2 -c16 -d"$((SECONDS_ + 12))s" -s "$WORK/post.lua" "http://127.0.0.1:$PORT/post" > "$WORK/wrk.txt" &
wrk_pid=$!
if [ "$MODE" = native ]; then
    sleep 10
    perf record -q -F 499 -g -p "$APP_PID" -o "$OUT" -- sleep "$SECONDS_" 2> "$WORK/perf.log"
fi
wait "$wrk_pid"
app1=$(ticks "$APP_PID") pg1=$(pg_ticks) all1=$(machine_ticks)
grep -E 'requests in|Requests/sec|Non-2xx|Socket' "$WORK/wrk.txt"
posts=$(awk '/requests in/ {print $1}' "$WORK/wrk.txt")
awk -v n="$posts" -v hz="$(getconf CLK_TCK)" -v a=$((app1 - app0)) -v p=$((pg1 - pg0)) -v m=$((all1 - all0)) 'BEGIN {
    f = 1000 / hz / n
    printf "CPU per post: app %.3f ms, PostgreSQL %.3f ms, rest of the machine (wrk, others) %.3f ms; all %.3f ms\n", a * f, p * f, (m - a - p) * f, m * f }'
stop_app

if [ "$MODE" = jvm ]; then
    echo "== hot methods (top frames)"
    jfr view --width 160 hot-methods "$OUT" | head -40 || true
    jfr print --events jdk.ExecutionSample --stack-depth 128 "$OUT" > "$WORK/stacks.txt"
else
    echo "== top frames (perf, self)"
    perf report -i "$OUT" --no-children --sort symbol --stdio -q -g none 2>/dev/null | grep -v '^$' | head -40 | cut -c1-110 || true
    perf script -i "$OUT" -F comm,ip,sym 2> /dev/null > "$WORK/stacks.txt"
fi
echo "== share of the samples whose stack passes through each part (a sample may count in several)"
python3 - "$MODE" "$WORK/stacks.txt" <<'PY'
import re, sys, collections
mode, path = sys.argv[1], sys.argv[2]
# A frame is Class.method( in a flight recording and Class_method_<hash> in the executable's symbols.
def f(cls, method): return cls + r"[._]" + method + r"[(_]"
parts = [  # (name, frame pattern)
    ("rate-limit statement (RateLimits.take)", f(r"RateLimits", "take")),
    ("reading and validating the body (GridPostReader.read)", f(r"GridPostReader", "read")),
    ("  of it the JSON parser (Jackson, UTF8StreamJsonParser)", r"UTF8StreamJsonParser"),
    ("delete token and its hash", f("GridIds", "newDeleteToken") + "|" + f("GridTakedown", "hash")),
    ("storing (GridService.store, all of it)", f(r"GridService", "store")),
    ("  writing the row's JSON (Jackson generator)", f("ObjectMapper", "writeValueAsString")),
    ("  GridsChanged observers (all)", f("EventImpl", "fire") + r"|Observer.*notify"),
    ("    RecentGrids.forget", f("RecentGrids", "forget")),
    ("    SitePages.refreshOnChange", f("SitePages", "refreshOnChange")),
    ("    other caches (output, random, sitemap)", r"(GridOutputCache|RandomGridIds|Sitemaps)[._]forget[(_]"),
    ("public id encoding (LegacyHashids.encode)", f("LegacyHashids", "encode")),
    ("home page refresh (SitePages.refreshHome)", f("SitePages", "refreshHome")),
    ("the JSON answer (Jackson writer)", r"ServerJacksonMessageBodyWriter|ObjectWriter[._]write"),
    ("access log (web.AccessLog)", r"AccessLog[._]"),
    ("logging (jboss logmanager)", f(r"(org\.jboss\.logmanager\.)?Logger", "log")),
    ("JDBC round trips (pgjdbc execute)", f("QueryExecutorImpl", "execute")),
    ("TLS (SSLSocketImpl)", r"SSLSocketImpl"),
    ("  of it AES-GCM in Java (GHASH, AESCrypt, no CPU instructions)", r"GHASH[._]|AESCrypt[._]"),
    ("Vert.x event loop (HTTP parsing, writing)", f(r"(io\.netty\.channel\.nio\.)?NioEventLoop", "run")),
    ("allocation slow path (a new TLAB)", r"ThreadLocalAllocation[._]slowPath"),
    ("  of it the heap's sizes recomputed (CollectionPolicy.updateSizeParameters)", f("CollectionPolicy", "updateSizeParameters")),
    ("garbage collections", f("GCImpl", "collectImpl")),
]
samples, counts, stack = 0, collections.Counter(), []
def flush():
    text = "\n".join(stack)
    for name, pattern in parts:
        if re.search(pattern, text): counts[name] += 1
for line in open(path, errors="replace"):
    if mode == "jvm":
        start = line.startswith("jdk.ExecutionSample")
        frame = line.startswith("  ") and "(" in line
    else:  # perf script: a line per sample (the thread's name), then its frames after a tab, then a blank line
        frame = line.startswith("\t")
        start = bool(line.strip()) and not frame
    if start:
        if stack or samples: flush()
        stack = [line.strip()] if mode != "jvm" else []; samples += 1
    elif frame:
        stack.append(line.strip())
if samples: flush()
print(f"{samples} samples ({'Java threads' if mode == 'jvm' else 'the process'} on a CPU)")
for name, _ in parts: print(f"{100 * counts[name] / max(samples, 1):5.1f} %  {name}")
PY
