#!/usr/bin/env bash
# Where a post's time goes, on the JVM dyno: the Procfile's web command with a flight recording
# (JFR), under POST /post of 20x20 grids at 16 connections, rate limit on with a budget no run
# exhausts (so every post pays its rate-limit statement, as on a dyno). Prints
#   - the statements PostgreSQL ran per post (its statement log over COUNT posts, one at a time);
#   - the rate of the load, and JFR's hot methods (top frames) and the application's frames that the
#     samples pass through (inclusive share), the recording in $OUT.
#
# usage: benchmarks/post-profile.sh     SECONDS_=20 (recorded, after a 10 s warm-up) COUNT=20 SKIP_BUILD=1 OUT=/tmp/ipb-post.jfr
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_=${SECONDS_:-20}
COUNT=${COUNT:-20}
OUT=${OUT:-/tmp/ipb-post.jfr}
source benchmarks/lib-postgres.sh
source benchmarks/lib-app.sh
bench_workdir post-profile
use_dyno_jdk
[ -n "${SKIP_BUILD:-}" ] || BUILD_LOG=$WORK/build.log build_jvm package
PG_PORT=${PG_PORT:-55510}
pg_start
dyno_commands jvm
export PORT=${APP_PORT:-18590} IPB_MANAGEMENT_PORT=${APP_MANAGEMENT_PORT:-18591} HASHIDS_PUBLIC_SALT=p HASHIDS_SECRET_SALT=s
export IPB_RATE_LIMIT_ENABLED=true IPB_RATE_LIMIT_BURST=100000000 IPB_RATE_LIMIT_PER_MINUTE=100000000
export IPB_PUBLIC_BASE_URL="http://127.0.0.1:$PORT" JAVA_OPTS="-XX:StartFlightRecording=delay=10s,duration=${SECONDS_}s,settings=profile,filename=$OUT"
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

printf 'wrk.method = "POST"\nlocal f = io.open("%s")\nwrk.body = f:read("*a")\nf:close()\n' "$WORK/post.json" > "$WORK/post.lua"
echo "== POST /post under load, $((SECONDS_ + 10)) s (the recording: the last $SECONDS_ s)"
wrk -t2 -c16 -d"$((SECONDS_ + 12))s" -s "$WORK/post.lua" "http://127.0.0.1:$PORT/post" | grep -E 'Requests/sec|Non-2xx|Socket'
stop_app
echo "== hot methods (top frames)"
jfr view --width 160 hot-methods "$OUT" | head -40
echo "== share of the samples whose stack passes through each part (a sample may count in several)"
jfr print --events jdk.ExecutionSample --stack-depth 128 "$OUT" | python3 -c '
import re, sys, collections
parts = [  # (name, frame pattern)
    ("rate-limit statement (RateLimits.take)", r"RateLimits\.take\("),
    ("reading and validating the body (GridPostReader.read)", r"GridPostReader\.read\("),
    ("delete token and its hash", r"GridIds\.newDeleteToken\(|GridTakedown\.hash\("),
    ("store: the transaction (GridService.store, all of it)", r"GridService\.store\("),
    ("  the insert (Hibernate flush)", r"SessionImpl\.(flush|persist)|ActionQueue\.execute"),
    ("  commit", r"TransactionManagerImpl\.commit\(|TransactionImple\.commit\("),
    ("  GridsChanged observers (all)", r"EventImpl\.fire\(|TransactionSynchronization|Observer.*notify"),
    ("    RecentGrids.forget", r"RecentGrids\.forget\("),
    ("    SitePages.refreshOnChange", r"SitePages\.refreshOnChange\("),
    ("    other caches (output, random, sitemap)", r"(GridOutputCache|RandomGridIds|Sitemaps)\.forget\("),
    ("public id encoding (LegacyHashids.encode)", r"LegacyHashids\.encode\("),
    ("home page refresh (SitePages.refreshHome)", r"SitePages\.refreshHome\("),
    ("the JSON answer (Jackson writer)", r"ServerJacksonMessageBodyWriter|ObjectWriter\.write"),
    ("access log (web.AccessLog)", r"web\.AccessLog"),
    ("logging (jboss logmanager)", r"org\.jboss\.logmanager\.Logger\.log"),
    ("JDBC round trips (pgjdbc execute)", r"QueryExecutorImpl\.execute\("),
    ("TLS (SSLSocketImpl)", r"SSLSocketImpl"),
    ("Vert.x event loop (HTTP parsing, writing)", r"io\.netty\.channel\.nio\.NioEventLoop\.run"),
]
samples, counts, stack = 0, collections.Counter(), []
def flush():
    text = "\n".join(stack)
    for name, pattern in parts:
        if re.search(pattern, text): counts[name] += 1
for line in sys.stdin:
    if line.startswith("jdk.ExecutionSample"):
        if stack: flush()
        stack = []; samples += 1
    elif line.startswith("  ") and "(" in line:
        stack.append(line.strip())
if stack: flush()
print(f"{samples} samples (Java threads on a CPU)")
for name, _ in parts: print(f"{100 * counts[name] / max(samples, 1):5.1f} %  {name}")
'
