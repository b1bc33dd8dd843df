#!/usr/bin/env bash
# How long a client that sends slowly or not at all can hold anything of the packaged site
# (docs/performance.md, "Slow clients"). Runs the Procfile's web command on a throwaway PostgreSQL
# (lib-postgres.sh), then benchmarks/slow_clients.py over raw sockets: a large post alone and beside a
# post that stalled after its head, a body that stalls, a body that trickles in, a half-sent head, a
# head fed one byte at a time. Stops everything it started. Takes about 6 minutes (the idle timeout
# is 100 s, and the drip-fed head is watched for 130 s).
#
# usage: benchmarks/slow-clients.sh      BUILD=1 (package first)
set -euo pipefail
cd "$(dirname "$0")/.."
source benchmarks/lib-postgres.sh
source benchmarks/lib-app.sh

APP_PID=
WORK=$(mktemp -d /tmp/ipb-slow.XXXXXX)
cleanup() {
    stop_app
    pg_stop
    rm -rf "$WORK"
}
trap cleanup EXIT

if [ -n "${BUILD:-}" ] || [ ! -f target/quarkus-app/quarkus-run.jar ]; then
    echo "packaging..."
    build_jvm
fi
use_dyno_jdk || true
echo "JDK: $(java -version 2>&1 | head -1); commit $(git rev-parse --short HEAD)"

pg_start
export PORT=${APP_PORT:-18082} HASHIDS_PUBLIC_SALT=slow-public HASHIDS_SECRET_SALT=slow-secret
export IPB_MANAGEMENT_PORT=${MANAGEMENT_PORT:-19082} JAVA_OPTS=${JAVA_OPTS:-}
dyno_commands jvm
if [ ! -f target/quarkus-app/app.aot ] || ! java -XX:AOTCache=target/quarkus-app/app.aot -version >/dev/null 2>&1; then
    WEB_CMD=${WEB_CMD//-XX:AOTCache=target\/quarkus-app\/app.aot/}   # no usable AOT cache with this JDK
fi
bash -c "$RELEASE_CMD" > "$WORK/release.log" 2>&1 || { tail -20 "$WORK/release.log"; exit 1; }
bash -c "exec env $WEB_CMD" > "$WORK/app.log" 2>&1 &
APP_PID=$!
for _ in $(seq 300); do
    curl -sf -o /dev/null "http://127.0.0.1:$PORT/" && break
    kill -0 "$APP_PID" 2>/dev/null || { tail -30 "$WORK/app.log"; exit 1; }
    sleep 0.2
done
python3 benchmarks/slow_clients.py "http://127.0.0.1:$PORT"
grep -E " (ERROR|WARN) " "$WORK/app.log" | cut -c1-200 | head -5 || true
