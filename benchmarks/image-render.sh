#!/usr/bin/env bash
# How long the site takes to draw a grid as PNG, SVG and social preview (issue 7), on the JDK and with
# the JVM options the Procfile's web dyno uses (AOT cache aside), single-threaded, warm.
#
# usage: benchmarks/image-render.sh [seconds per case, default 3]    SKIP_BUILD=1 reuses target/
set -euo pipefail
cd "$(dirname "$0")/.."
want=$(sed -n 's/^java.runtime.version=//p' system.properties)
for d in /usr/lib/jvm/*; do
    if "$d/bin/java" -version 2>&1 | head -1 | grep -q "version \"$want[.\"]"; then export JAVA_HOME=$d; break; fi
done
export PATH="$JAVA_HOME/bin:$PATH"
if [ -z "${SKIP_BUILD:-}" ] || [ ! -f target/image-bench-classpath.txt ]; then
    ./mvnw -B -q test-compile dependency:build-classpath -Dmdep.includeScope=test \
        -Dmdep.outputFile=target/image-bench-classpath.txt > /dev/null
fi
# The web line's JVM options, without the AOT cache (trained for the app, not for this program).
opts=$(sed -n 's/^web: *//p' Procfile | grep -o -- ' -X[^ ]*' | grep -v AOTCache | tr '\n' ' ')
echo "JDK $(java -version 2>&1 | head -1), options:$opts"
# shellcheck disable=SC2086
java $opts -cp "target/classes:target/test-classes:$(cat target/image-bench-classpath.txt)" \
    org.ipythonblocks.build.ImageBenchmark "${1:-3}"
echo "($(nproc) cores, $(date -u +%Y-%m-%d))"
