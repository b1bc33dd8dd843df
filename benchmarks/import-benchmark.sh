#!/usr/bin/env bash
# Import throughput of the packaged app: generates a SQLite file in the 2014 site's schema (ROWS rows,
# default 100000: 90% public, 10% secret), starts a throw-away PostgreSQL, runs
#   java -jar target/quarkus-app/quarkus-run.jar import FILE
# against it, prints rows/s, then stops and removes everything it started.
#
#   benchmarks/import-benchmark.sh              # from the project directory
#   ROWS=20000 SKIP_BUILD=1 benchmarks/import-benchmark.sh
#
# Grids: 10x10 (60%), 20x20 (25%), 5x5 (10%), 40x30 (5%); 0-3 code cells (a third have none, stored as
# the text "null" as the 2014 site did). PostgreSQL: $PG_BIN, else Debian's /usr/lib/postgresql/15/bin,
# else the zonky binaries the tests unpack under /tmp/embedded-pg. As root it runs PostgreSQL as the
# user postgres (or nobody).
set -euo pipefail

ROWS=${ROWS:-100000}
cd "$(dirname "$0")/.."
PROJECT=$(pwd)

find_pg_bin() {
    if [[ -n "${PG_BIN:-}" ]]; then echo "$PG_BIN"; return; fi
    if [[ -x /usr/lib/postgresql/15/bin/initdb ]]; then echo /usr/lib/postgresql/15/bin; return; fi
    for d in /tmp/embedded-pg/*/bin; do
        if [[ -x "$d/initdb" ]]; then echo "$d"; return; fi
    done
    echo "no PostgreSQL binaries found; set PG_BIN" >&2
    exit 2
}
PG_BIN=$(find_pg_bin)

WORK=$(mktemp -d /tmp/ipb-import-bench.XXXXXX)
chmod 755 "$WORK"
PGDATA="$WORK/pgdata"
AS=()
if [[ $(id -u) -eq 0 ]]; then
    PG_USER=postgres
    id postgres >/dev/null 2>&1 || PG_USER=nobody
    AS=(runuser -u "$PG_USER" --)
fi
PG_STARTED=0

cleanup() {
    if [[ $PG_STARTED -eq 1 ]]; then
        "${AS[@]}" "$PG_BIN/pg_ctl" -D "$PGDATA" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$WORK"
}
trap cleanup EXIT

echo "== generating $ROWS rows in the 2014 SQLite schema"
python3 - "$WORK/ipborg.db" "$ROWS" <<'PY'
import json, random, sqlite3, sys
path, rows = sys.argv[1], int(sys.argv[2])
random.seed(2014)
db = sqlite3.connect(path)
for table in ("public_grids", "secret_grids"):
    # the schema dataset created from the site's first insert
    db.execute(f"""CREATE TABLE {table} (
        id INTEGER NOT NULL, ipb_version TEXT, python_version TEXT, grid_data TEXT,
        secret BOOLEAN, code_cells TEXT, ipb_class TEXT, PRIMARY KEY (id), CHECK (secret IN (0, 1)))""")
sizes = [(10, 10)] * 12 + [(20, 20)] * 5 + [(5, 5)] * 2 + [(40, 30)]
cells = ["from ipythonblocks import BlockGrid", "grid = BlockGrid(10, 10, fill=(123, 234, 123))",
         "for block in grid:\n    block.red = block.col * 20\ngrid", "grid.post_to_web(code_cells='1:4')"]
def grid(w, h):
    c = (random.randrange(256), random.randrange(256), random.randrange(256))
    return {"width": w, "height": h, "lines_on": random.random() < 0.5,
            "blocks": [[[(c[0] + r) % 256, (c[1] + k) % 256, c[2], 20] for k in range(w)] for r in range(h)]}
batch = {"public_grids": [], "secret_grids": []}
for i in range(rows):
    table = "secret_grids" if i % 10 == 9 else "public_grids"
    w, h = random.choice(sizes)
    n = random.randrange(4)
    batch[table].append((json.dumps("1.6.0"), json.dumps([2, 7, 6, "final", 0]), json.dumps(grid(w, h)),
                         table == "secret_grids", json.dumps(cells[:n] if n else None), "BlockGrid"))
for table, values in batch.items():
    db.executemany(f"INSERT INTO {table} (ipb_version, python_version, grid_data, secret, code_cells, ipb_class) "
                   "VALUES (json_extract(?, '$'), ?, ?, ?, ?, ?)", values)
db.commit()
db.close()
PY
ls -l "$WORK/ipborg.db" | awk '{printf "   %s bytes\n", $5}'

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
    echo "== packaging (./mvnw -B -q package -DskipTests)"
    ./mvnw -B -q package -DskipTests
fi

echo "== starting a throw-away PostgreSQL ($PG_BIN)"
PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
mkdir -p "$PGDATA"
[[ ${#AS[@]} -gt 0 ]] && chown "$PG_USER" "$PGDATA" "$WORK"
"${AS[@]}" "$PG_BIN/initdb" -D "$PGDATA" -U postgres -A trust -E UTF8 >/dev/null
PG_STARTED=1
"${AS[@]}" "$PG_BIN/pg_ctl" -D "$PGDATA" -w -l "$PGDATA/server.log" \
    -o "-p $PORT -k $PGDATA -c listen_addresses=127.0.0.1" start >/dev/null

echo "== importing"
export QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://127.0.0.1:$PORT/postgres"
export QUARKUS_DATASOURCE_USERNAME=postgres QUARKUS_DATASOURCE_PASSWORD=
export HASHIDS_PUBLIC_SALT=benchmark-public HASHIDS_SECRET_SALT=benchmark-secret
start=$(date +%s.%N)
set +e
java -jar "$PROJECT/target/quarkus-app/quarkus-run.jar" import "$WORK/ipborg.db" | tee "$WORK/summary.txt"
status=${PIPESTATUS[0]}
set -e
end=$(date +%s.%N)
echo "exit code $status"
python3 - "$start" "$end" "$ROWS" "$WORK/summary.txt" <<'PY'
import re, sys
start, end, rows = float(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3])
summary = open(sys.argv[4]).read()
m = re.search(r"in ([\d.]+) s: ([\d,]+) rows/s", summary)
print(f"== import: {m.group(2)} rows/s ({rows:,} rows in {m.group(1)} s, as the importer measures it)")
print(f"== whole command including JVM start and migrations: {rows / (end - start):,.0f} rows/s ({end - start:.1f} s)")
PY
exit "$status"
