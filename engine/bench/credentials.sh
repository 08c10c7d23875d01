#!/usr/bin/env bash
# Issue 14, item 2: what the Basic credential cache saves. Same-run comparison of GET /api/me and GET /api/tasks as bob
# with HTTP Basic, flowdesk.security.credential-cache=0s (off) against 30s (on), twice each, interleaved, on the
# embedded H2 default (demo profile). Needs engine/target/flowdesk.jar (bash .ci/mvnw -q package -DskipTests).
#   bash engine/bench/credentials.sh
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
JAR="$ROOT/engine/target/flowdesk.jar"
[ -f "$JAR" ] || { echo "build the jar first: bash .ci/mvnw -q package -DskipTests" >&2; exit 1; }
B="$(mktemp -d /tmp/flowdesk-credbench.XXXXXX)"; trap 'rm -rf "$B"' EXIT
cp "$ROOT/engine/bench/Bench.java" "$B/"
cd $B && javac -d . Bench.java
run() { # name cache port
  local dir=$B/data-$1; mkdir -p $dir
  (cd $dir && exec java -Xmx768m -jar $JAR --spring.profiles.active=demo --server.port=$3 --flowdesk.security.credential-cache=$2 --logging.level.root=WARN > $B/$1.log 2>&1) &
  local pid=$!
  for i in $(seq 1 120); do curl -sf localhost:$3/actuator/health >/dev/null 2>&1 && break; sleep 1; done
  for path in /api/me "/api/tasks?size=20"; do
    java -cp $B Bench load --name "$1 $path" --conns 4 --warmup 5 --seconds 15 --url "http://localhost:$3$path" --user bob:demo
  done
  kill $pid; wait $pid 2>/dev/null || true
}
run cache-off 0s 18181
run cache-on 30s 18182
run cache-off-2 0s 18183
run cache-on-2 30s 18184
