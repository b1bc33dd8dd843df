#!/usr/bin/env bash
# Throughput of every endpoint the original site was measured on (issue 9), on loopback.
#
# Runs the app as production does, as a JVM dyno (the Procfile's web command) and as a native one
# (heroku.yml's), one after the other on a fresh PostgreSQL that takes only SSL with a password, with
# only the post rate limit switched off; seeds 200 grids the way the
# client posts them (10x10, 20x20, 50x50; every 5th secret, every 4th with code cells); runs wrk
# (2 threads, 16 connections) against each endpoint, then seeds 1,000,000 more grids and measures
# /random, the grid page and /recent (its newest page and older pages spread over the table) again. Prints: endpoint rps p50 p99 errors, and the app's resident memory.
#
# usage: benchmarks/throughput.sh     DURATION=10 (seconds per endpoint)  WARMUP=10 (seconds before each)  SKIP_BUILD=1  SKIP_MILLION=1
#                                     MODES="jvm native"
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${DURATION:-10}
MODES=${MODES:-jvm native}
source benchmarks/lib-postgres.sh
source benchmarks/lib-app.sh
bench_workdir throughput

use_dyno_jdk
if [ -z "${SKIP_BUILD:-}" ]; then
    BUILD_LOG=$WORK/build.log build_jvm package
    if [[ " $MODES " == *" native "* ]]; then BUILD_LOG=$WORK/build.log build_native; fi
fi
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }

for mode in $MODES; do
echo "== $mode dyno"
pg_start
dyno_commands "$mode"
export PORT=${APP_PORT:-18080} HASHIDS_PUBLIC_SALT=bench-public HASHIDS_SECRET_SALT=bench-secret
export IPB_RATE_LIMIT_ENABLED=false IPB_PUBLIC_BASE_URL="http://127.0.0.1:$PORT" JAVA_OPTS=${JAVA_OPTS:-}
eval "$RELEASE_CMD" > "$WORK/release.log" 2>&1 || { cat "$WORK/release.log"; exit 1; }
out=$(PROBE_KEEP=1 python3 benchmarks/startup_probe.py "http://127.0.0.1:$PORT/" 90 -- bash -c "$WEB_CMD")
APP_PID=$(echo "$out" | awk '{print $3}')
BASE="http://127.0.0.1:$PORT"
python3 benchmarks/seed_grids.py "$BASE" 200 "$WORK/grids"

awk '{print $3}' "$WORK/grids" > "$WORK/pages"
awk '$2 == 10 {print $3}' "$WORK/grids" > "$WORK/pages10"
awk '{print "/get" $3}' "$WORK/grids" > "$WORK/gets"
write_post_json "$WORK/post.json"
cat > "$WORK/paths.lua" <<'LUA'
local paths = {}
local i = 0
function init(args)
  for line in io.lines(args[1]) do paths[#paths + 1] = line end
  i = math.random(#paths)
end
function request()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end
LUA
cat > "$WORK/post.lua" <<LUA
wrk.method = "POST"
local f = io.open("$WORK/post.json")
wrk.body = f:read("*a")
f:close()
LUA

rss() { awk '/VmRSS/ {printf "%d", $2 / 1024}' "/proc/$APP_PID/status"; }
# Of the resident memory, anonymous (heap, JIT code, relocated AOT cache...) and file-backed (the JVM's libraries, mapped jars).
rss_parts() { awk '/RssAnon/ {a = $2} /RssFile/ {f = $2} END {printf "%d MiB anonymous, %d MiB file-backed", a / 1024, f / 1024}' "/proc/$APP_PID/status"; }
peak_rss=0
peak_parts=
printf '%-34s %9s %9s %9s %7s\n' endpoint rps p50 p99 errors
bench() { # name, path, [lua script, [its argument]]
    local name=$1 path=$2 script=() arg=()
    [ -n "${3:-}" ] && script=(-s "$3")
    [ -n "${4:-}" ] && arg=(-- "$4")
    # Warm-up: the output cache fills (a 50x50 page renders in ~10 ms under C1) and the heap settles;
    # during those first seconds Serial GC runs back-to-back full collections (~70 ms each).
    wrk -t2 -c16 -d"${WARMUP:-10}s" "${script[@]}" "$BASE$path" "${arg[@]}" > /dev/null 2>&1 || true
    local report; report=$(wrk -t2 -c16 -d"${DURATION}s" --latency "${script[@]}" "$BASE$path" "${arg[@]}")
    local rps p50 p99 errs
    rps=$(echo "$report" | awk '/Requests\/sec/ {printf "%.0f", $2}')
    p50=$(echo "$report" | awk '$1 == "50%" {print $2}')
    p99=$(echo "$report" | awk '$1 == "99%" {print $2}')
    errs=$(echo "$report" | awk '/Socket errors/ {gsub(",", ""); s = $4 + $6 + $8 + $10} /Non-2xx/ {n = $5} END {print s + n + 0}')
    printf '%-34s %9s %9s %9s %7s\n' "$name" "$rps" "$p50" "$p99" "$errs"
    local now; now=$(rss); if [ "$now" -gt "$peak_rss" ]; then peak_rss=$now; peak_parts=$(rss_parts); fi
}
bench "grid page /<id> (mixed sizes)" / "$WORK/paths.lua" "$WORK/pages"
bench "grid page, 10x10 only" / "$WORK/paths.lua" "$WORK/pages10"
bench "/get/<id>" / "$WORK/paths.lua" "$WORK/gets"
bench "/random (200 grids)" /random
bench "/" /
bench "/recent (200 grids)" /recent
bench "POST /post (20x20)" /post "$WORK/post.lua"

if [ -z "${SKIP_MILLION:-}" ]; then
    # A million more public grids, straight into the table (posting them would take an hour).
    as_pg_user env PGPASSWORD='p@ss:w/rd 1' "$PG_BIN/psql" -q -h "$PG_DIR" -p "$PG_PORT" -U postgres ipb <<'SQL' > /dev/null
insert into public_grids (ipb_version, python_version, grid_data, code_cells, ipb_class, created_at, secret)
select '1.9.1', '[3, 11, 2, "final", 0]',
       jsonb_build_object('width', 2, 'height', 2, 'lines_on', true,
           'blocks', jsonb_build_array(jsonb_build_array(jsonb_build_array(g % 256, 0, 0, 20), jsonb_build_array(0, g % 256, 0, 20)),
                                       jsonb_build_array(jsonb_build_array(0, 0, g % 256, 20), jsonb_build_array(9, 9, 9, 20)))),
       null, 'BlockGrid', now(), false
from generate_series(1, 1000000) g;
vacuum analyze public_grids;
SQL
    # The plan of an older page's statement (RecentGrids.OLDER_THAN) at a cursor in the middle of the
    # table: a keyset walk down the primary key and one probe up it, never a scan of the table.
    as_pg_user env PGPASSWORD='p@ss:w/rd 1' "$PG_BIN/psql" -q -h "$PG_DIR" -p "$PG_PORT" -U postgres ipb <<'SQL' | sed 's/^/  plan: /'
explain (analyze, costs off)
(select id, ipb_class, created_at, false as probe from public_grids where hidden_at is null and deleted_at is null
   and id < 500000 order by id desc limit 25)
union all
(select id, null, null, true from public_grids where hidden_at is null and deleted_at is null and id >= 500000 order by id limit 1);
SQL
    # Page paths spread over the whole table, found the way a visitor finds them: through /random.
    for i in $(seq 2000); do curl -s -o /dev/null -w '%{redirect_url}\n' "$BASE/random"; done \
        | sed "s#^$BASE##; s#^http://[^/]*##" | grep . > "$WORK/million" || true
    [ -s "$WORK/million" ] || awk '{print $1}' "$WORK/pages" > "$WORK/million"
    bench "/random (1,000,000 grids)" /random
    bench "grid page (1,000,000 grids)" / "$WORK/paths.lua" "$WORK/million"
    bench "/recent (1,000,000 grids)" /recent
    # Older pages from all over the table: each cursor is one keyset statement, then kept through posts
    # (IPB_CACHE_TTL) as long as the gallery's budget holds them.
    grep -v '^/secret/' "$WORK/million" | sed 's#^/#/recent?before=#' > "$WORK/recentpages"
    bench "/recent?before= (1,000,000 grids)" / "$WORK/paths.lua" "$WORK/recentpages"
fi
echo "$mode: resident memory of the app: peak $peak_rss MiB during the runs ($peak_parts) ($(nproc) cores, $(date -u +%Y-%m-%d))"
stop_app
pg_stop
done
