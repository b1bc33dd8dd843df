#!/usr/bin/env bash
# The sitemap with a million public grids (issue 15): runs the packaged app as the JVM dyno does (the
# Procfile's web command) on a fresh SSL-only PostgreSQL, inserts 1,000,000 public grids with one
# generate_series INSERT (every 100th hidden, every 250th deleted, plus 1,000 secret grids), then times
#   /sitemap.xml (the index)   and   /sitemap-<n>.xml (a full file of 50,000 ids), cold and cached,
# with and without gzip, and prints the EXPLAIN (ANALYZE, BUFFERS) of one file's statement.
#
# usage: benchmarks/sitemap.sh      SKIP_BUILD=1 (reuse target/quarkus-app)  ROWS=1000000  RUNS=5
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS=${ROWS:-1000000}
RUNS=${RUNS:-5}
source benchmarks/lib-postgres.sh
source benchmarks/lib-app.sh
bench_workdir sitemap

use_dyno_jdk
[ -n "${SKIP_BUILD:-}" ] || BUILD_LOG=$WORK/build.log build_jvm package
pg_start
dyno_commands jvm
export PORT=${APP_PORT:-18081} HASHIDS_PUBLIC_SALT=bench-public HASHIDS_SECRET_SALT=bench-secret
export IPB_RATE_LIMIT_ENABLED=false IPB_PUBLIC_BASE_URL="http://www.ipythonblocks.org" JAVA_OPTS=${JAVA_OPTS:-}
eval "$RELEASE_CMD" > "$WORK/release.log" 2>&1 || { cat "$WORK/release.log"; exit 1; }
psql_ipb() { as_pg_user env PGPASSWORD='p@ss:w/rd 1' "$PG_BIN/psql" -q -h "$PG_DIR" -p "$PG_PORT" -U postgres ipb "$@"; }

t0=$SECONDS
psql_ipb <<SQL > /dev/null
insert into public_grids (ipb_version, python_version, grid_data, code_cells, ipb_class, created_at, secret)
select '1.9.1', '[3, 11, 2, "final", 0]',
       jsonb_build_object('width', 2, 'height', 1, 'lines_on', true,
           'blocks', jsonb_build_array(jsonb_build_array(jsonb_build_array(g % 256, 0, 0, 20), jsonb_build_array(0, g % 256, 0, 20)))),
       null, 'BlockGrid', timestamptz '2017-07-21 00:00:00+00' + g * interval '1 minute', false
from generate_series(1, $ROWS) g;
update public_grids set hidden_at = now() where id % 100 = 0;
update public_grids set deleted_at = now(), deleted_by = 'admin', ipb_version = null, python_version = null, grid_data = null,
    code_cells = null, ipb_class = null, created_at = null, hidden_at = null where id % 250 = 0;
insert into secret_grids (ipb_version, python_version, grid_data, code_cells, ipb_class, secret, token)
select '1.9.1', '[3, 11, 2, "final", 0]', '{"width": 1, "height": 1, "lines_on": true, "blocks": [[[1, 2, 3, 20]]]}', null,
       'BlockGrid', true, 'benchtoken' || lpad(g::text, 12, '0')
from generate_series(1, 1000) g;
vacuum analyze public_grids;
SQL
echo "seeded $ROWS public grids (+1,000 secret) in $((SECONDS - t0)) s"

out=$(PROBE_KEEP=1 python3 benchmarks/startup_probe.py "http://127.0.0.1:$PORT/" 90 -- bash -c "$WEB_CMD")
APP_PID=$(echo "$out" | awk '{print $3}')
BASE="http://127.0.0.1:$PORT"
files=$(( (ROWS + 49999) / 50000 ))
mid=$(( files / 2 ))

# curl's total time in ms and the body size; $1 = path, $2 = extra curl options
timed() { curl -s -o "$WORK/body" -w '%{time_total} %{size_download} %{http_code}\n' ${2:-} "$BASE$1" | awk '{printf "%7.1f ms %10d bytes %s", $1 * 1000, $2, $3}'; }
echo "== $(nproc) cores, $(date -u +%Y-%m-%d), JVM dyno options (Procfile)"
printf '%-44s %s\n' "/sitemap.xml, cold" "$(timed /sitemap.xml)"
sitemaps=$(grep -c '<sitemap>' "$WORK/body")
printf '%-44s %s\n' "/sitemap.xml, cached" "$(timed /sitemap.xml)"
echo "   the index lists $sitemaps files"
printf '%-44s %s\n' "/sitemap-$mid.xml, cold (gzip)" "$(timed /sitemap-$mid.xml '--compressed')"
printf '%-44s %s\n' "/sitemap-$mid.xml, cached (gzip)" "$(timed /sitemap-$mid.xml '--compressed')"
printf '%-44s %s\n' "/sitemap-$mid.xml, cached (plain)" "$(timed /sitemap-$mid.xml)"
echo "   it lists $(grep -c '<url>' "$WORK/body") URLs"
for ((i = 1; i <= RUNS; i++)); do
    n=$(( (mid + i) % files ))
    printf '%-44s %s\n' "/sitemap-$n.xml, cold (gzip)" "$(timed /sitemap-$n.xml '--compressed')"
done
if grep -q 'secret\|benchtoken' "$WORK/body"; then echo "FAIL: a secret grid is listed"; exit 1; fi
echo "== the statement of file $mid"
psql_ipb -c "explain (analyze, buffers) select id, to_char(created_at at time zone 'UTC', 'YYYY-MM-DD') from public_grids
  where id > $((mid * 50000)) and id <= $(((mid + 1) * 50000)) and hidden_at is null and deleted_at is null and not secret order by id"
