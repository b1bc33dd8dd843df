#!/usr/bin/env bash
# Peak resident memory of the native web dyno while the largest legal posts are viewed ten times at
# once (docs/performance.md, "The largest legal post"; the bounds: docs/architecture.md, "Bounds").
# Runs heroku.yml's web command (the native executable, with the Dockerfile's heap) on a throwaway PostgreSQL
# (lib-postgres.sh), posts the largest legal post of each CASE (benchmarks/largest_post.py: the most
# code, every character a marked one; the most blocks the body limit admits), then ten clients at once
# fetch each grid's page, embed, pictures, downloads and /get/ JSON. Prints the answers and the
# process's peak resident memory (VmHWM) after each case. Each CASE runs on a fresh process, then all
# of them on one process, one after the other. Stops everything it started.
#
# usage: benchmarks/largest-post.sh    BUILD=1 (build the native executable first; hold the heavy lock:
#                                      flock /tmp/ipb-heavy.lock benchmarks/largest-post.sh)
#                                      CASES="code blocks"
set -euo pipefail
cd "$(dirname "$0")/.."
CASES=${CASES:-code blocks}
source benchmarks/lib-postgres.sh
source benchmarks/lib-app.sh
bench_workdir largest

if [ -n "${BUILD:-}" ] || [ -z "$(native_runner)" ]; then
    BUILD_LOG=$WORK/build.log build_native
fi
echo "native executable $(native_runner), commit $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src || echo ' (with changes)')"
for kind in $CASES; do python3 benchmarks/largest_post.py body "$kind" > "$WORK/$kind.json"; done

pg_start
dyno_commands native
export PORT=${APP_PORT:-18090} HASHIDS_PUBLIC_SALT=largest-public HASHIDS_SECRET_SALT=largest-secret
export IPB_MANAGEMENT_PORT=${MANAGEMENT_PORT:-19090} IPB_RATE_LIMIT_ENABLED=false IPB_PUBLIC_BASE_URL="http://127.0.0.1:$PORT"
eval "$RELEASE_CMD" > "$WORK/release.log" 2>&1 || { cat "$WORK/release.log"; exit 1; }

start_app() {
    bash -c "exec $WEB_CMD" > "$WORK/app.log" 2>&1 &
    APP_PID=$!
    for _ in $(seq 300); do
        curl -sf -o /dev/null "http://127.0.0.1:$PORT/" && return 0
        kill -0 "$APP_PID" 2>/dev/null || { tail -30 "$WORK/app.log"; exit 1; }
        sleep 0.2
    done
    echo "the app did not answer within 60 s" >&2; exit 1
}
mib() { awk -v k="$1" '$1 == k":" {printf "%d", $2 / 1024}' "/proc/$APP_PID/status"; }
post_and_view() { # kind
    local kind=$1 answer path
    answer=$(curl -sS --max-time 120 --data-binary "@$WORK/$kind.json" -w ' %{http_code} %{time_total}' "http://127.0.0.1:$PORT/post")
    case $answer in *' 200 '*) ;; *) echo "post of $kind failed: ${answer:0:300}" >&2; exit 1 ;; esac
    path=$(echo "$answer" | sed -E 's/.*"url" *: *"[^"]*(\/[A-Za-z0-9]+)".*/\1/')
    echo " $kind: body $(stat -c %s "$WORK/$kind.json") bytes, posted in $(echo "$answer" | awk '{print $NF}') s as $path; resident $(mib VmRSS) MiB before the views"
    python3 benchmarks/largest_post.py views "http://127.0.0.1:$PORT" "$path"
    echo " $kind: resident $(mib VmRSS) MiB after the views, peak so far $(mib VmHWM) MiB"
}

for kind in $CASES; do
    echo "== $kind, fresh process"
    start_app
    post_and_view "$kind"
    stop_app
done
echo "== $CASES, one process"
start_app
for kind in $CASES; do post_and_view "$kind"; done
stop_app
grep -E " (ERROR|WARN) " "$WORK/app.log" | cut -c1-200 | head -5 || true
