#!/usr/bin/env bash
# A Flink 2.2.0 session cluster on this machine as separate JVMs: one JobManager
# (StandaloneSessionClusterEntrypoint) and N TaskManagers (TaskManagerRunner), started from the
# lib/ and plugins/ that the flink-lib module assembles from Maven artifacts (flink-dist is not on
# Maven Central), the way Flink's bin/jobmanager.sh and bin/taskmanager.sh start them (memory
# flags from BashJavaUtils). Every process binds to localhost; each exports its metrics for
# Prometheus on its own port. Also runs Flink's command-line client (CliFrontend) against it.
#
#   scripts/standalone-cluster.sh start [TASKMANAGERS]   start a JM and TASKMANAGERS TMs (default 2)
#   scripts/standalone-cluster.sh add-taskmanager        start one more TM
#   scripts/standalone-cluster.sh stop                   stop every process of the cluster
#   scripts/standalone-cluster.sh status                 processes, REST URL, metrics URLs
#   scripts/standalone-cluster.sh flink ARGS...          bin/flink: run, stop, cancel, list, ...
#
# Example (the thin job jar, as ClusterITCase submits it):
#   scripts/standalone-cluster.sh start
#   scripts/standalone-cluster.sh flink run -d flink-job/target/codeanatomy-job.jar \
#     --kafka localhost:9092 --delta-root /data/cpg --checkpoint-dir file:///data/checkpoints \
#     --parallelism 2 --state-backend rocksdb
#   scripts/standalone-cluster.sh flink stop --savepointPath file:///data/savepoints JOB_ID
#   scripts/standalone-cluster.sh flink run -d -s SAVEPOINT flink-job/target/codeanatomy-job.jar ...
#
# Environment: CLUSTER_DIR (conf, logs, pids, tmp; default flink-lib/target/cluster), REST_PORT
# (8081), RPC_PORT (6123), PROM_PORT (9249: the JM; TM i gets PROM_PORT+i), SLOTS (task slots per
# TM, 1), TM_MEMORY (taskmanager.memory.process.size, 2g), JM_MEMORY (1g), JAVA (java binary).
# Builds flink-lib (and the job jar) with Maven on first use.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
flink_home="$root/flink-lib/target/flink"
dir="${CLUSTER_DIR:-$root/flink-lib/target/cluster}"
java_bin="${JAVA:-java}"
rest_port="${REST_PORT:-8081}"
rpc_port="${RPC_PORT:-6123}"
prom_port="${PROM_PORT:-9249}"
# What Flink's client needs opened on JDK 17 (the list of bin/codeanatomy).
add_opens=(
  --add-opens=java.base/java.lang=ALL-UNNAMED
  --add-opens=java.base/java.lang.invoke=ALL-UNNAMED
  --add-opens=java.base/java.lang.reflect=ALL-UNNAMED
  --add-opens=java.base/java.io=ALL-UNNAMED
  --add-opens=java.base/java.net=ALL-UNNAMED
  --add-opens=java.base/java.nio=ALL-UNNAMED
  --add-opens=java.base/java.util=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED
  --add-opens=java.base/sun.nio.cs=ALL-UNNAMED
  --add-opens=java.base/sun.security.action=ALL-UNNAMED
  --add-opens=java.base/sun.util.calendar=ALL-UNNAMED
)

die() {
  echo "standalone-cluster: $*" >&2
  exit 1
}

ensure_lib() {
  if [[ ! -d "$flink_home/lib" ]]; then
    echo "standalone-cluster: assembling $flink_home (first use)..." >&2
    (cd "$root" && mvn -B -q -DskipTests -Dspotless.check.skip=true package -pl flink-lib >&2)
  fi
}

classpath() {
  local cp="" jar
  for jar in "$flink_home"/lib/*.jar; do cp="${cp:+$cp:}$jar"; done
  echo "$cp"
}

write_conf() {
  mkdir -p "$dir/conf" "$dir/log" "$dir/pid" "$dir/tmp"
  cat >"$dir/conf/config.yaml" <<EOF
# Written by scripts/standalone-cluster.sh; the keys of Flink 2.2's config.yaml.
jobmanager.rpc.address: localhost
jobmanager.rpc.port: $rpc_port
jobmanager.bind-host: localhost
jobmanager.memory.process.size: ${JM_MEMORY:-1g}
taskmanager.bind-host: localhost
taskmanager.host: localhost
taskmanager.numberOfTaskSlots: ${SLOTS:-1}
taskmanager.memory.process.size: ${TM_MEMORY:-2g}
taskmanager.memory.managed.size: 256m
taskmanager.memory.jvm-metaspace.size: 512m
rest.address: localhost
rest.bind-address: localhost
rest.port: $rest_port
io.tmp.dirs: $dir/tmp
pekko.ask.timeout: 60 s
heartbeat.interval: 3000
heartbeat.timeout: 60000
metrics.reporter.prom.factory.class: org.apache.flink.metrics.prometheus.PrometheusReporterFactory
metrics.reporter.prom.port: $prom_port
EOF
  cat >"$dir/conf/log4j.properties" <<'EOF'
rootLogger.level = INFO
rootLogger.appenderRef.file.ref = MainAppender
appender.main.name = MainAppender
appender.main.type = File
appender.main.append = true
appender.main.fileName = ${sys:log.file}
appender.main.layout.type = PatternLayout
appender.main.layout.pattern = %d{yyyy-MM-dd HH:mm:ss,SSS} %-5p %-60c %x - %m%n
logger.kafka.name = org.apache.kafka
logger.kafka.level = WARN
EOF
  cp "$dir/conf/log4j.properties" "$dir/conf/log4j-cli.properties"
}

# The lines BashJavaUtils prints after its BASH_JAVA_UTILS_EXEC_RESULT: marker, as bin/config.sh
# reads them: JVM flags, then -D memory settings.
memory_params() {
  "$java_bin" -cp "$(classpath)" -Dlog4j.configurationFile="file:$dir/conf/log4j.properties" \
    -Dlog.file="$dir/log/bash-java-utils.log" \
    org.apache.flink.runtime.util.bash.BashJavaUtils "$1" --configDir "$dir/conf" \
    | sed -n 's/^BASH_JAVA_UTILS_EXEC_RESULT://p'
}

# start_process NAME PROM_PORT CLASS: a JVM in the background, its pid in pid/NAME.pid.
start_process() {
  local name="$1" port="$2" class="$3" params jvm dyn
  params="$(memory_params "$4")"
  jvm="$(sed -n 1p <<<"$params")"
  dyn="$(sed -n 2p <<<"$params")"
  [[ -n "$jvm" ]] || die "BashJavaUtils $4 printed no memory settings (see $dir/log/bash-java-utils.log)"
  # shellcheck disable=SC2086
  FLINK_CONF_DIR="$dir/conf" FLINK_PLUGINS_DIR="$flink_home/plugins" nohup "$java_bin" $jvm \
    "${add_opens[@]}" -Djava.io.tmpdir="$dir/tmp" \
    -Dlog.file="$dir/log/$name.log" -Dlog4j.configurationFile="file:$dir/conf/log4j.properties" \
    -cp "$(classpath)" "$class" --configDir "$dir/conf" \
    -D metrics.reporter.prom.port="$port" $dyn \
    >"$dir/log/$name.out" 2>&1 </dev/null &
  echo $! >"$dir/pid/$name.pid"
  echo "started $name (pid $!, metrics http://127.0.0.1:$port/metrics, log $dir/log/$name.log)"
}

next_tm() {
  local i=1
  while [[ -f "$dir/pid/taskmanager-$i.pid" ]]; do i=$((i + 1)); done
  echo "$i"
}

add_taskmanager() {
  local i
  i="$(next_tm)"
  start_process "taskmanager-$i" "$((prom_port + i))" \
    org.apache.flink.runtime.taskexecutor.TaskManagerRunner GET_TM_RESOURCE_PARAMS
}

stop_all() {
  local f pid
  shopt -s nullglob
  for f in "$dir"/pid/*.pid; do
    pid="$(cat "$f")"
    if kill "$pid" 2>/dev/null; then
      echo "stopping $(basename "$f" .pid) (pid $pid)"
      for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
      kill -9 "$pid" 2>/dev/null || true
    fi
    rm -f "$f"
  done
}

status() {
  local f pid
  shopt -s nullglob
  for f in "$dir"/pid/*.pid; do
    pid="$(cat "$f")"
    if kill -0 "$pid" 2>/dev/null; then state=running; else state=dead; fi
    echo "$(basename "$f" .pid) pid $pid $state"
  done
  echo "REST: http://localhost:$rest_port"
}

cmd="${1:-}"
[[ $# -gt 0 ]] && shift
case "$cmd" in
  start)
    n="${1:-2}"
    [[ "$n" =~ ^[1-9][0-9]*$ ]] || die "TASKMANAGERS must be a positive number, not '$n'"
    ensure_lib
    if compgen -G "$dir/pid/*.pid" >/dev/null; then
      die "a cluster under $dir looks running (pid files in $dir/pid); stop it first"
    fi
    write_conf
    start_process jobmanager "$prom_port" \
      org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint GET_JM_RESOURCE_PARAMS
    for _ in $(seq "$n"); do add_taskmanager; done
    for _ in $(seq 120); do
      if curl -sf "http://localhost:$rest_port/overview" 2>/dev/null | grep -q "\"taskmanagers\":$n,"; then
        echo "REST: http://localhost:$rest_port"
        exit 0
      fi
      sleep 0.5
    done
    die "the REST endpoint did not report $n TaskManagers in 60 s; see $dir/log/jobmanager.log"
    ;;
  add-taskmanager)
    [[ -f "$dir/conf/config.yaml" ]] || die "no cluster under $dir; run start first"
    add_taskmanager
    ;;
  stop) stop_all ;;
  status) status ;;
  flink)
    ensure_lib
    [[ -f "$dir/conf/config.yaml" ]] || die "no cluster under $dir; run start first"
    FLINK_CONF_DIR="$dir/conf" exec "$java_bin" "${add_opens[@]}" \
      -Dlog.file="$dir/log/client.log" \
      -Dlog4j.configurationFile="file:$dir/conf/log4j-cli.properties" \
      -cp "$(classpath)" org.apache.flink.client.cli.CliFrontend "$@"
    ;;
  *)
    sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//' >&2
    exit 2
    ;;
esac
