#!/usr/bin/env bash
# The HTTP benchmark of issue 14, in one command:   bash engine/bench/run.sh
#
# Starts its own PostgreSQL (Debian's server binaries; installed with apt-get when missing), the bare Camunda
# baseline (engine/bench/bare-camunda), Flowdesk (engine/target/flowdesk.jar, demo profile, history pinned to full)
# and a second Flowdesk with history audit, each on its own database of that one server; drives them with
# engine/bench/Bench.java at 4 and 16 connections; runs pgbench; prints one table and writes the section
# "Over HTTP on PostgreSQL" of docs/benchmarks.md plus docs/benchmark-http.svg. Everything it starts is stopped on
# exit. Builds the Flowdesk jar (.ci/mvnw -B -q package -DskipTests, never install) when it is missing or older than the
# sources, and the baseline likewise.
#
# Settings (environment): BENCH_SECONDS (measured seconds per run, default 10), BENCH_WARMUP (default 5),
# BENCH_APP_WARMUP (seconds of load on each freshly started application before it is measured, default 20),
# BENCH_CONNS (default "4 16"), BENCH_JFR=1 (record a JFR profile of Flowdesk during the form-ticket runs and print
# its hottest frames), BENCH_KEEP=1 (keep the work directory with logs), BENCH_NO_DOCS=1 (print only),
# BENCH_QUICK=1 (a profiling loop of about three minutes: the bare start as baseline, then only Flowdesk with
# history audit and only the form ticket, with JFR and SQL per operation; implies BENCH_NO_DOCS and BENCH_JFR).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
BENCH="$ROOT/engine/bench"
MEASURE="${BENCH_SECONDS:-10}"
WARMUP="${BENCH_WARMUP:-5}"
APP_WARMUP="${BENCH_APP_WARMUP:-20}"
CONNS="${BENCH_CONNS:-4 16}"
QUICK="${BENCH_QUICK:-0}"
if [ "$QUICK" = 1 ]; then BENCH_NO_DOCS=1; BENCH_JFR=1; fi
WORK="$(mktemp -d /tmp/flowdesk-bench.XXXXXX)"
chmod 755 "$WORK"
RESULTS="$WORK/results.tsv"
: >"$RESULTS"
APP_PIDS=()
PG_STARTED=""

log() { printf '\n== %s  %s\n' "$(date +%T)" "$*" >&2; }
die() { printf '\nbench: %s\n' "$*" >&2; exit 1; }

cleanup() {
  local rc=$?
  set +e
  for pid in "${APP_PIDS[@]:-}"; do
    [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
  done
  [ -n "$PG_STARTED" ] && as_pg "$PG_BIN/pg_ctl" -D "$WORK/pgdata" -m fast -w stop >/dev/null 2>&1
  if [ "${BENCH_KEEP:-0}" = 1 ] || [ $rc -ne 0 ]; then
    echo "bench: logs kept in $WORK" >&2
  else
    rm -rf "$WORK"
  fi
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---------------------------------------------------------------- prerequisites
command -v java >/dev/null || die "Java 17 is required (see README, Prerequisites)."
MVN=(bash "$ROOT/.ci/mvnw")   # the pinned Maven (README, Prerequisites)
command -v curl >/dev/null || die "curl is required (see README, Prerequisites)."

find_pg_bin() {
  local dir
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [ -x "$dir/initdb" ] && [ -x "$dir/pgbench" ]; then echo "$dir"; return 0; fi
  done
  return 1
}
if ! PG_BIN="$(find_pg_bin)"; then
  command -v apt-get >/dev/null || die "PostgreSQL server and pgbench are missing and apt-get is not available: install PostgreSQL 15+ with its contrib/client tools."
  log "installing PostgreSQL (server, contrib, client) with apt-get"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq postgresql postgresql-contrib postgresql-client >/dev/null
  PG_BIN="$(find_pg_bin)" || die "PostgreSQL was installed but no initdb/pgbench was found under /usr/lib/postgresql."
fi

# PostgreSQL refuses to run as root: then the server runs as Debian's "postgres" user.
if [ "$(id -u)" -eq 0 ]; then
  id postgres >/dev/null 2>&1 || die "running as root but there is no 'postgres' user to run the server as."
  as_pg() { runuser -u postgres -- "$@"; }
else
  as_pg() { "$@"; }
fi

free_port() {
  local port
  for _ in $(seq 1 200); do
    port=$((20000 + RANDOM % 30000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return 0; fi
  done
  die "no free TCP port found"
}

# ---------------------------------------------------------------- builds
newer_than() { # newer_than FILE PATH...: is any source file newer than FILE (or FILE missing)?
  local target="$1"; shift
  [ ! -f "$target" ] && return 0
  [ -n "$(find "$@" -newer "$target" -type f -not -path '*/target/*' -not -path '*/node_modules/*' -print -quit 2>/dev/null)" ]
}
FLOWDESK_JAR="$ROOT/engine/target/flowdesk.jar"
if newer_than "$FLOWDESK_JAR" "$ROOT/pom.xml" "$ROOT/engine/src" "$ROOT/engine/pom.xml" "$ROOT/rules" "$ROOT/forms" \
    "$ROOT/processes" "$ROOT/modeler-ui/src" "$ROOT/modeler-ui/pom.xml"; then
  log "building Flowdesk (.ci/mvnw -B -q package -DskipTests)"
  (cd "$ROOT" && "${MVN[@]}" -B -q package -DskipTests) || die "the Flowdesk build failed"
fi
BARE_JAR="$BENCH/bare-camunda/target/bare-camunda.jar"
if newer_than "$BARE_JAR" "$BENCH/bare-camunda/src" "$BENCH/bare-camunda/pom.xml"; then
  log "building the bare Camunda baseline"
  (cd "$BENCH/bare-camunda" && "${MVN[@]}" -B -q package -DskipTests) || die "the baseline build failed"
fi
mkdir -p "$WORK/classes"
javac -d "$WORK/classes" "$BENCH/Bench.java" || die "Bench.java does not compile"

# ---------------------------------------------------------------- machine
LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
COMMIT="$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)"
if [ -n "$(git -C "$ROOT" status --porcelain --untracked-files=no 2>/dev/null)" ]; then COMMIT="$COMMIT (with uncommitted changes)"; fi
{
  echo "date=$(date -u +'%Y-%m-%d %H:%M UTC')"
  echo "commit=$COMMIT"
  echo "nproc=$(nproc)"
  echo "cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
  echo "ram=$(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo)"
  echo "os=$(. /etc/os-release 2>/dev/null && echo "$PRETTY_NAME" || uname -sr)"
  echo "java=Java $(java -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.runtime.version/ {print $2}'), PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}')"
  echo "load_before=$LOAD_BEFORE"
} >"$WORK/meta.properties"

# ---------------------------------------------------------------- PostgreSQL
PGPORT="$(free_port)"
log "starting PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on port $PGPORT"
mkdir -p "$WORK/pgdata" "$WORK/pgsock"
[ "$(id -u)" -eq 0 ] && chown postgres "$WORK/pgdata" "$WORK/pgsock"
as_pg "$PG_BIN/initdb" -D "$WORK/pgdata" -U bench -A trust -E UTF8 --locale=C.UTF-8 >"$WORK/initdb.log" 2>&1 \
  || { cat "$WORK/initdb.log" >&2; die "initdb failed"; }
cat >>"$WORK/pgdata/postgresql.conf" <<EOF
listen_addresses = '127.0.0.1'
port = $PGPORT
unix_socket_directories = '$WORK/pgsock'
max_connections = 200
shared_buffers = 256MB
shared_preload_libraries = 'pg_stat_statements'
EOF
as_pg "$PG_BIN/pg_ctl" -D "$WORK/pgdata" -l "$WORK/pgdata/server.log" -w -t 60 start >/dev/null \
  || { tail -20 "$WORK/pgdata/server.log" >&2; die "PostgreSQL did not start"; }
PG_STARTED=1
psql_bench() { "$PG_BIN/psql" -X -q -h 127.0.0.1 -p "$PGPORT" -U bench -d postgres -v ON_ERROR_STOP=1 "$@"; }
for db in flowdesk flowdesk_audit bare pgbench; do
  psql_bench -c "CREATE DATABASE $db"
  psql_bench -d "$db" -c "CREATE EXTENSION pg_stat_statements"
done
synchronous_commit() {
  psql_bench -c "ALTER SYSTEM SET synchronous_commit = $1" -c "SELECT pg_reload_conf()" >/dev/null
  sleep 1
}
JDBC="jdbc:postgresql://127.0.0.1:$PGPORT"

# SQL statements (round trips, BEGIN/COMMIT included) per operation, from pg_stat_statements: the cheapest way to see
# what a ticket costs the database besides the bare process start.
sql_value() { psql_bench -d "$1" -At -c "$2"; }
sql_mark() { # sql_mark DB COUNT_QUERY: remembers the operation count and resets the statement statistics
  SQL_BEFORE="$(sql_value "$1" "$2")"
  sql_value "$1" "SELECT pg_stat_statements_reset()" >/dev/null
}
sql_per_op() { # sql_per_op NAME DB COUNT_QUERY: statements per operation since sql_mark, top statements to a file
  local ops statements
  ops=$(( $(sql_value "$2" "$3") - SQL_BEFORE ))
  statements="$(sql_value "$2" "SELECT coalesce(sum(calls), 0) FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid WHERE d.datname = '$2'")"
  [ "$ops" -gt 0 ] || return 0
  SQL_NOTES="${SQL_NOTES:+$SQL_NOTES; }$1: $(awk -v s="$statements" -v o="$ops" 'BEGIN {printf "%.0f", s / o}') SQL statements per operation ($ops operations)"
  {
    echo "== $1: $ops operations; statements per operation, most frequent first"
    sql_value "$2" "SELECT round(calls::numeric / $ops, 2) || E'\t' || round(total_exec_time::numeric / $ops, 3) || ' ms' || E'\t' || left(regexp_replace(query, '\s+', ' ', 'g'), 140) FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid WHERE d.datname = '$2' ORDER BY calls DESC LIMIT 25"
  } >>"$WORK/sql-per-operation.txt"
}

# ---------------------------------------------------------------- helpers
record() { # record < one result line: keeps it and shows it
  local line
  IFS= read -r line || die "the load generator printed no result"
  printf '%s\n' "$line" >>"$RESULTS"
  printf '%s\n' "$line" | awk -F'\t' '{printf "   %-44s %3s conns %9s ops/s  p50 %7s ms  p99 %7s ms  errors %s  409 %s\n", $1, $2, $5, $6, $7, $8, $9}' >&2
}

load() { # load NAME CONNS ARGS...: one closed-loop run of the load generator
  local name="$1" conns="$2"; shift 2
  java -Xmx512m -XX:+UseSerialGC -cp "$WORK/classes" Bench load --name "$name" --conns "$conns" \
    --warmup "$WARMUP" --seconds "$MEASURE" "$@" | record
}

warm() { # warm NAME ARGS...: a freshly started JVM runs its hot paths for BENCH_APP_WARMUP seconds, not measured
  log "warming up: $1, 16 connections, ${APP_WARMUP}s"
  java -Xmx512m -XX:+UseSerialGC -cp "$WORK/classes" Bench load --name "warm-up $1" --conns 16 \
    --warmup 0 --seconds "$APP_WARMUP" "${@:2}" >/dev/null
}

start_app() { # start_app NAME JAR LOGFILE ARGS...  (environment from the caller); sets APP_PID
  local name="$1" jar="$2" logfile="$3"; shift 3
  (cd "$WORK" && exec java -Xms512m -Xmx2g -jar "$jar" "$@" >"$logfile" 2>&1) &
  APP_PID=$!
  APP_PIDS+=("$APP_PID")
  log "started $name (pid $APP_PID, log $logfile)"
}

wait_http() { # wait_http URL PID LOGFILE: until URL answers 2xx, the process dies or 10 minutes pass
  local url="$1" pid="$2" logfile="$3" deadline=$((SECONDS + 600))
  until curl -sf -o /dev/null "$url"; do
    kill -0 "$pid" 2>/dev/null || { tail -40 "$logfile" >&2; die "the application (pid $pid) exited during start-up; log above"; }
    [ $SECONDS -gt $deadline ] && { tail -40 "$logfile" >&2; die "no answer from $url after 10 minutes"; }
    sleep 2
  done
}

stop_app() { # stop_app PID
  kill "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
  local kept=()
  for pid in "${APP_PIDS[@]}"; do [ "$pid" != "$1" ] && kept+=("$pid"); done
  APP_PIDS=("${kept[@]:-}")
}

pgbench_run() { # pgbench_run NAME CONNS: TPC-B-like, p50/p99 from the per-transaction log
  local name="$1" conns="$2" dir="$WORK/pgbench-$RANDOM"
  mkdir -p "$dir"
  local threads=$(( conns < $(nproc) ? conns : $(nproc) ))
  (cd "$dir" && "$PG_BIN/pgbench" -h 127.0.0.1 -p "$PGPORT" -U bench -n -c "$conns" -j "$threads" -T "$MEASURE" -l \
      pgbench >"$dir/out.txt" 2>&1) || { cat "$dir/out.txt" >&2; die "pgbench failed"; }
  local tps failed
  tps="$(awk '/^tps = / {print $3}' "$dir/out.txt" | tail -1)"
  failed="$(awk '/number of failed transactions/ {print $5}' "$dir/out.txt")"
  cat "$dir"/pgbench_log.* | awk '{print $3}' | sort -n | awk -v name="$name" -v conns="$conns" -v secs="$MEASURE" \
      -v tps="$tps" -v failed="${failed:-0}" '
      { v[NR] = $1 }
      END {
        p50 = v[int(NR * 0.50 + 0.999)]; p99 = v[int(NR * 0.99 + 0.999)]
        printf "%s\t%d\t%s\t%d\t%.1f\t%.1f\t%.1f\t%d\t0\n", name, conns, secs, NR, tps, p50 / 1000, p99 / 1000, failed
      }' | record
}

START_BODY='{"businessKey":"bench-{n}"}'
if [ "$QUICK" != 1 ]; then
# ---------------------------------------------------------------- pgbench
log "pgbench: initialising (scale 16)"
"$PG_BIN/pgbench" -h 127.0.0.1 -p "$PGPORT" -U bench -i -q -s 16 pgbench >"$WORK/pgbench-init.log" 2>&1 \
  || { cat "$WORK/pgbench-init.log" >&2; die "pgbench -i failed"; }
for c in $CONNS; do pgbench_run pgbench-tpcb "$c"; done
fi # not QUICK (the quick loop keeps the bare start as its baseline)

# ---------------------------------------------------------------- bare Camunda
BARE_PORT="$(free_port)"
BENCH_DB_URL="$JDBC/bare" BENCH_DB_USER=bench BENCH_PORT="$BARE_PORT" \
  start_app "bare Camunda" "$BARE_JAR" "$WORK/bare.log"
BARE_PID=$APP_PID
BARE="http://127.0.0.1:$BARE_PORT"
wait_http "$BARE/engine-rest/process-definition/key/bench-one-task" "$BARE_PID" "$WORK/bare.log"
warm "bare Camunda start" --method POST --url "$BARE/engine-rest/process-definition/key/bench-one-task/start" --body "$START_BODY"
sql_mark bare "SELECT count(*) FROM act_hi_procinst"
for c in $CONNS; do
  load bare-camunda-start "$c" --method POST --url "$BARE/engine-rest/process-definition/key/bench-one-task/start" --body "$START_BODY"
done
sql_per_op "bare Camunda start" bare "SELECT count(*) FROM act_hi_procinst"
if [ "$QUICK" != 1 ]; then
synchronous_commit off
for c in $CONNS; do
  load "bare-camunda-start (synchronous_commit off)" "$c" --method POST \
    --url "$BARE/engine-rest/process-definition/key/bench-one-task/start" --body "$START_BODY"
done
for c in $CONNS; do pgbench_run "pgbench-tpcb (synchronous_commit off)" "$c"; done
synchronous_commit on
fi # not QUICK
stop_app "$BARE_PID"

# ---------------------------------------------------------------- Flowdesk, history full (as shipped until 2026-12-03)
FORM_BODY='{"data":{"subject":"Outlook keeps asking for my password #{n}","description":"Since this morning, every few minutes; benchmark ticket {n}.","impact":"MEDIUM","urgency":"MEDIUM"}}'
TICKET_BODY='{"type":"INCIDENT","subject":"Mail client keeps asking for the password #{n}","description":"Benchmark ticket {n}.","impact":"MEDIUM","urgency":"MEDIUM"}'

start_flowdesk() { # start_flowdesk NAME DATABASE ARGS...; sets FD and FD_PID
  local port; port="$(free_port)"
  FLOWDESK_DB_URL="$JDBC/$2" FLOWDESK_DB_USER=bench FLOWDESK_DB_PASSWORD="" FLOWDESK_PORT="$port" \
    start_app "$1" "$FLOWDESK_JAR" "$WORK/$2.log" --spring.profiles.active=demo "${@:3}"
  FD_PID=$APP_PID
  FD="http://127.0.0.1:$port"
  wait_http "$FD/actuator/health" "$FD_PID" "$WORK/$2.log"
  curl -sf -u admin:demo -o /dev/null -F deployment-name=bench-one-task -F deploy-changed-only=true \
    -F "one-task.bpmn=@$BENCH/bare-camunda/src/main/resources/one-task.bpmn" "$FD/engine-rest/deployment/create" \
    || die "Flowdesk refused to deploy the benchmark's one-task process over /engine-rest"
}

if [ "$QUICK" != 1 ]; then
# shipped config says history-level auto (audit in a new database); full is pinned here to keep the comparison
start_flowdesk "Flowdesk (history full)" flowdesk --camunda.bpm.history-level=full
warm "ticket via form" --method POST --url "$FD/api/forms/report-incident/submissions" --user alice:demo --body "$FORM_BODY"
if [ "${BENCH_JFR:-0}" = 1 ]; then
  jcmd "$FD_PID" JFR.start name=bench settings=profile >/dev/null || die "could not start a JFR recording"
fi
sql_mark flowdesk "SELECT count(*) FROM ticket"
for c in $CONNS; do
  load form-submission "$c" --method POST --url "$FD/api/forms/report-incident/submissions" --user alice:demo --body "$FORM_BODY"
done
sql_per_op "form ticket" flowdesk "SELECT count(*) FROM ticket"
if [ "${BENCH_JFR:-0}" = 1 ]; then
  jcmd "$FD_PID" JFR.stop name=bench filename="$WORK/flowdesk-form.jfr" >/dev/null || die "could not save the JFR recording"
fi
for c in $CONNS; do
  load api-tickets "$c" --method POST --url "$FD/api/tickets" --user bob:demo --body "$TICKET_BODY"
done
sql_mark flowdesk "SELECT count(*) FROM act_hi_procinst"
for c in $CONNS; do
  load flowdesk-engine-rest-start "$c" --method POST --url "$FD/engine-rest/process-definition/key/bench-one-task/start" \
    --user admin:demo --body "$START_BODY"
done
sql_per_op "Flowdesk /engine-rest start" flowdesk "SELECT count(*) FROM act_hi_procinst"
for c in $CONNS; do load "me (HTTP Basic)" "$c" --url "$FD/api/me" --user bob:demo; done
for c in $CONNS; do load "me (session cookie)" "$c" --url "$FD/api/me" --session "$FD" --login bob:demo; done
INBOX_TOTAL="$(curl -sf -u bob:demo "$FD/api/tasks?size=1" | sed -n 's/.*"total":\([0-9]*\).*/\1/p')"
TICKETS_TOTAL="$(curl -sf -u bob:demo "$FD/api/tickets?size=1" | sed -n 's/.*"total":\([0-9]*\).*/\1/p')"
for c in $CONNS; do load "inbox GET /api/tasks" "$c" --url "$FD/api/tasks" --user bob:demo; done
for c in $CONNS; do load claim-complete "$c" --kind claim-complete --method POST --url "$FD/api/tasks" --user bob:demo; done
synchronous_commit off
for c in $CONNS; do
  load "form-submission (synchronous_commit off)" "$c" --method POST --url "$FD/api/forms/report-incident/submissions" \
    --user alice:demo --body "$FORM_BODY"
done
synchronous_commit on
stop_app "$FD_PID"
fi # not QUICK

# ---------------------------------------------------------------- Flowdesk, history audit
start_flowdesk "Flowdesk (history audit)" flowdesk_audit --camunda.bpm.history-level=audit
warm "ticket via form" --method POST --url "$FD/api/forms/report-incident/submissions" --user alice:demo --body "$FORM_BODY"
if [ "$QUICK" = 1 ]; then
  jcmd "$FD_PID" JFR.start name=bench settings=profile >/dev/null || die "could not start a JFR recording"
  sql_mark flowdesk_audit "SELECT count(*) FROM ticket"
fi
for c in $CONNS; do
  load "form-submission (history audit)" "$c" --method POST --url "$FD/api/forms/report-incident/submissions" \
    --user alice:demo --body "$FORM_BODY"
done
if [ "$QUICK" = 1 ]; then
  sql_per_op "form ticket (history audit)" flowdesk_audit "SELECT count(*) FROM ticket"
  jcmd "$FD_PID" JFR.stop name=bench filename="$WORK/flowdesk-form.jfr" >/dev/null || die "could not save the JFR recording"
  for c in $CONNS; do load claim-complete "$c" --kind claim-complete --method POST --url "$FD/api/tasks" --user bob:demo; done
fi
# p99 at half the peak rate (issue 14's goal: at most 50 ms): an open-loop run at half the best closed-loop
# throughput of the shipped configuration, latency counted from each request's scheduled start
PEAK="$(awk -F'\t' '$1 == "form-submission (history audit)" && $5 > max {max = $5} END {print max + 0}' "$RESULTS")"
HALF="$(awk -v p="$PEAK" 'BEGIN {printf "%.1f", p / 2}')"
if awk -v h="$HALF" 'BEGIN {exit !(h > 0)}'; then
  load "form-submission (history audit) at half peak, open loop" 16 --rate "$HALF" --method POST \
    --url "$FD/api/forms/report-incident/submissions" --user alice:demo --body "$FORM_BODY"
fi
for c in $CONNS; do
  load "flowdesk-engine-rest-start (history audit)" "$c" --method POST \
    --url "$FD/engine-rest/process-definition/key/bench-one-task/start" --user admin:demo --body "$START_BODY"
done
stop_app "$FD_PID"

# ---------------------------------------------------------------- report
{
  echo "load_after=$(cut -d' ' -f1-3 /proc/loadavg)"
  echo "notes=Measured $MEASURE s per run after $WARMUP s of warm-up. When the inbox was measured, bob's inbox held ${INBOX_TOTAL:-?} open tasks and he could see ${TICKETS_TOTAL:-?} tickets. From pg_stat_statements (BEGIN/COMMIT included): ${SQL_NOTES:-no figures}."
} >>"$WORK/meta.properties"
if [ "${BENCH_NO_DOCS:-0}" = 1 ]; then
  java -cp "$WORK/classes" Bench report "$RESULTS" "$WORK/meta.properties" "$WORK/benchmarks.md" "$WORK/benchmark-http.svg"
else
  java -cp "$WORK/classes" Bench report "$RESULTS" "$WORK/meta.properties" "$ROOT/docs/benchmarks.md" "$ROOT/docs/benchmark-http.svg"
  log "wrote docs/benchmarks.md (section \"Over HTTP on PostgreSQL\") and docs/benchmark-http.svg"
fi

if [ -f "$WORK/sql-per-operation.txt" ]; then
  log "SQL statements per operation (calls, time, statement)"
  cat "$WORK/sql-per-operation.txt" >&2
fi

if [ -f "$WORK/flowdesk-form.jfr" ]; then
  set +o pipefail # head closes the pipe early; that is not a failure
  log "JFR: hottest frames of Flowdesk during the form-ticket runs (top of stack, then anywhere on the stack)"
  jfr print --stack-depth 200 --events jdk.ExecutionSample "$WORK/flowdesk-form.jfr" >"$WORK/samples.txt"
  awk '/stackTrace = \[/ {getline; sub(/^ +/, ""); sub(/ +line:.*/, ""); print}' "$WORK/samples.txt" \
    | sort | uniq -c | sort -rn | head -15 >&2
  total="$(grep -c 'jdk.ExecutionSample' "$WORK/samples.txt" || true)"
  echo "samples: $total; share of samples with a frame of ..." >&2
  for pattern in 'PasswordEncryptor|Sha512|PasswordEncoder' 'org[.]drools|org[.]kie' 'org[.]hibernate' 'org[.]postgresql' \
      'camunda[.]bpm[.]engine[.]impl[.]history' 'org[.]apache[.]ibatis' 'com[.]fasterxml[.]jackson' 'dev[.]flowdesk[.]forms' \
      'dev[.]flowdesk[.]rules' 'org[.]springframework[.]security' 'org[.]apache[.]velocity'; do
    n="$(awk -v p="$pattern" '/jdk.ExecutionSample/ {if (hit) c++; hit=0} $0 ~ p {hit=1} END {if (hit) c++; print c+0}' "$WORK/samples.txt")"
    printf '   %-55s %5.1f%%\n' "$pattern" "$(awk -v n="$n" -v t="$total" 'BEGIN{print t ? 100*n/t : 0}')" >&2
  done
  cp "$WORK/flowdesk-form.jfr" "$ROOT/engine/target/flowdesk-form.jfr" 2>/dev/null && log "profile kept in engine/target/flowdesk-form.jfr"
fi
