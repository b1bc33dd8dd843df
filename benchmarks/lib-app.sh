# Shared by the benchmark scripts: how the app is built and run, as a JVM dyno and as a native one.
# Source this file (from the project root), then:
#   use_dyno_jdk             JAVA_HOME := the JDK that system.properties names (as Heroku's buildpack)
#   build_jvm [GOALS...]     ./mvnw -DskipTests GOALS (default: package); log in $BUILD_LOG
#   build_native [ARGS...]   ./mvnw package -Dnative -DskipTests ARGS, with GRAALVM_HOME from ../shared/native/graalvm-home
#                            when none is set; the JVM package in target/quarkus-app stays
#   dyno_commands MODE       RELEASE_CMD and WEB_CMD of MODE: jvm (the Procfile's) or native (heroku.yml's release
#                            command and the Dockerfile's web CMD, with ./application being target/*-runner)
#   stop_app                 SIGTERM to the app whose pid is $APP_PID, and wait until it is gone
#   write_post_json FILE     the POST /post body the post benchmarks send: a public 20x20 BlockGrid, as the client posts it
#   bench_workdir NAME       WORK := a fresh /tmp/ipb-NAME.* folder; on exit the app, PostgreSQL (lib-postgres.sh) and WORK go
BUILD_LOG=${BUILD_LOG:-/tmp/ipb-bench-build.log}

bench_workdir() {
    APP_PID=
    WORK=$(mktemp -d "/tmp/ipb-$1.XXXXXX")
    trap 'stop_app; pg_stop; rm -rf "$WORK"' EXIT
}

stop_app() {
    [ -n "${APP_PID:-}" ] || return 0
    kill -TERM "$APP_PID" 2>/dev/null || true
    while kill -0 "$APP_PID" 2>/dev/null; do sleep 0.2; done
    APP_PID=
}

write_post_json() {
    python3 - "$1" <<'PY'
import json, sys
n = 20
blocks = [[[(r * 7 + c) % 256, (c * 13) % 256, (r + c) % 256, 20] for c in range(n)] for r in range(n)]
open(sys.argv[1], "w").write(json.dumps({"python_version": [3, 11, 2, "final", 0], "ipb_version": "1.9.1",
    "ipb_class": "BlockGrid", "code_cells": None, "secret": False,
    "grid_data": {"lines_on": True, "width": n, "height": n, "blocks": blocks}}))
PY
}

use_dyno_jdk() {
    local want d
    want=$(sed -n 's/^java.runtime.version=//p' system.properties)
    for d in /usr/lib/jvm/*; do
        if "$d/bin/java" -version 2>&1 | head -1 | grep -q "version \"$want[.\"]"; then
            export JAVA_HOME=$d PATH="$d/bin:$PATH"
            return 0
        fi
    done
    echo "no JDK $want under /usr/lib/jvm (system.properties asks for it)" >&2
    return 1
}

build_jvm() {
    [ $# -gt 0 ] || set -- package
    ./mvnw -B -q -DskipTests "$@" > "$BUILD_LOG" 2>&1 || { tail -30 "$BUILD_LOG"; return 1; }
}

build_native() {
    if [ -z "${GRAALVM_HOME:-}" ]; then
        GRAALVM_HOME=$(MVN=$PWD/mvnw ../shared/native/graalvm-home) || return 1
        export GRAALVM_HOME
    fi
    local t0=$SECONDS
    ./mvnw -B -q -DskipTests package -Dnative "$@" > "$BUILD_LOG" 2>&1 || { tail -30 "$BUILD_LOG"; return 1; }
    echo "native build: $((SECONDS - t0)) s"
}

native_runner() {
    ls target/*-runner 2>/dev/null | head -1
}

dyno_commands() {
    case $1 in
        jvm)
            RELEASE_CMD=$(sed -n 's/^release: *//p' Procfile)
            WEB_CMD=$(sed -n 's/^web: *//p' Procfile) ;;
        native)
            local runner; runner=$(native_runner)
            [ -n "$runner" ] || { echo "no native executable in target/" >&2; return 1; }
            RELEASE_CMD=$(awk '/^release:/ {r = 1; next} /^[a-z]/ {r = 0} r && /^ +- / {sub(/^ +- */, ""); print}' heroku.yml)
            # the web image is the Dockerfile's last stage; its CMD is the web dyno's command
            WEB_CMD=$(python3 -c 'import json; cmds = [l[4:] for l in open("Dockerfile") if l.startswith("CMD ")]; print(" ".join(json.loads(cmds[-1])))')
            RELEASE_CMD=${RELEASE_CMD/.\/application/$PWD/$runner}
            WEB_CMD=${WEB_CMD/.\/application/$PWD/$runner} ;;
        *) echo "unknown dyno kind $1 (jvm or native)" >&2; return 1 ;;
    esac
}
