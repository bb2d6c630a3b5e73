# Flink 1.20 standalone session cluster assembled from Maven jars (flink-dist is not on Maven Central):
# a JobManager and a TaskManager as separate processes, REST and web UI on 127.0.0.1.
FLINK_VERSION=1.20.1
FLINK_PORT="${VIGIL_FLINK_PORT:-8081}"
FLINK_RPC_PORT="${VIGIL_FLINK_RPC_PORT:-6123}"
FLINK_BLOB_PORT="${VIGIL_FLINK_BLOB_PORT:-6124}"
FLINK_TM_RPC_PORT="${VIGIL_FLINK_TM_RPC_PORT:-6125}"
FLINK_TM_DATA_PORT="${VIGIL_FLINK_TM_DATA_PORT:-6126}"
FLINK_SLOTS="${VIGIL_FLINK_SLOTS:-12}"
FLINK_TM_MEMORY="${VIGIL_FLINK_TM_MEMORY:-4096m}"
# Prometheus reporter (loopback only): the JobManager on this port, the TaskManager on the next.
FLINK_METRICS_PORT="${VIGIL_FLINK_METRICS_PORT:-9249}"
FLINK_DIR="$DATA_DIR/flink"
# The stack's secrets a job reads at run time (credentials by file, never in the job graph).
FLINK_JOB_SECRETS="pg-password redis-password kafka-sasl-password masking-key alert-signing-key tls-truststore-password"

flink_cp() { cat "$VIGIL_HOME/flink.classpath"; }

# JobManager and TaskManager run as one system user (vigil-flink) when root starts the stack: they run
# producers' data through user code, and a job must reach none of root's files but the ones it is given.
flink_user() { service_user flink; }
flink_log_file() { echo "$FLINK_DIR/log/$1.flink.log"; }

# Lets Flink's user read the job secrets that exist (group read-only; the stack's owner keeps them; the
# secrets folders become traversable by that group, not listable). Run at each start, when every service
# has been provisioned (TimescaleDB's, with its password, in parallel with the others), and again by
# whatever creates a job secret later.
flink_share() {
  local user f; user="$(flink_user)"
  [ -n "$user" ] || return 0
  chgrp "$user" "$SECRETS_DIR" "$TLS_DIR" && chmod 710 "$SECRETS_DIR" "$TLS_DIR"
  # what it may read in tls/: the CA certificate, the trust store and its own key store (its password is in its config)
  chmod 600 "$TLS_DIR/ca.p12" "$TLS_DIR/kafka-broker.p12" "$TLS_DIR/elasticsearch-node.p12" 2>/dev/null
  for f in $FLINK_JOB_SECRETS; do [ -f "$SECRETS_DIR/$f" ] && chgrp "$user" "$SECRETS_DIR/$f" && chmod 640 "$SECRETS_DIR/$f"; done
  return 0
}

# The servers' class path, from their own copy of the jars.
flink_server_cp() { own_jars "$FLINK_DIR/lib" "$(flink_cp)"; }

flink_provision() {
  tls_provision
  mvn_classpath "$VIGIL_ROOT/deploy/local/flink/pom.xml" "$VIGIL_HOME/flink.classpath"
  # Filesystems and reporters are plugins with their own class loader, as in a real distribution.
  mvn_copy "org.apache.flink:flink-s3-fs-hadoop:$FLINK_VERSION" "flink-s3-fs-hadoop-$FLINK_VERSION.jar"
  mkdir -p "$FLINK_DIR/conf" "$FLINK_DIR/plugins/s3-fs-hadoop" "$FLINK_DIR/tmp" "$FLINK_DIR/web-upload" "$FLINK_DIR/rocksdb-logs"
  cp "$DL_DIR/flink-s3-fs-hadoop-$FLINK_VERSION.jar" "$FLINK_DIR/plugins/s3-fs-hadoop/"
  # The Prometheus reporter as a plugin: Flink's, plus Vigil's factory that binds it to 127.0.0.1.
  mvn_copy "org.apache.flink:flink-metrics-prometheus:$FLINK_VERSION" "flink-metrics-prometheus-$FLINK_VERSION.jar"
  local reporter="$VIGIL_ROOT/deploy/local/flink/prometheus-reporter"
  if [ ! -f "$DL_DIR/vigil-prometheus-reporter.jar" ] || [ -n "$(find "$reporter/src" "$reporter/pom.xml" -newer "$DL_DIR/vigil-prometheus-reporter.jar" -type f -print -quit)" ]; then
    mvn -B -q -f "$reporter/pom.xml" package >>"$LOG_DIR/maven.log" 2>&1 \
      || die "could not build the Prometheus reporter plugin; see $LOG_DIR/maven.log."
    cp "$reporter/target/vigil-prometheus-reporter-1.jar" "$DL_DIR/vigil-prometheus-reporter.jar"
  fi
  mkdir -p "$FLINK_DIR/plugins/prometheus"
  cp "$DL_DIR/flink-metrics-prometheus-$FLINK_VERSION.jar" "$DL_DIR/vigil-prometheus-reporter.jar" "$FLINK_DIR/plugins/prometheus/"
  sed -e "s#@REST_PORT@#$FLINK_PORT#" -e "s#@RPC_PORT@#$FLINK_RPC_PORT#" -e "s#@BLOB_PORT@#$FLINK_BLOB_PORT#" \
      -e "s#@TM_RPC_PORT@#$FLINK_TM_RPC_PORT#" -e "s#@TM_DATA_PORT@#$FLINK_TM_DATA_PORT#" \
      -e "s#@QUERY_PORTS@#$((FLINK_TM_DATA_PORT + 1))-$((FLINK_TM_DATA_PORT + 3))#" \
      -e "s#@SLOTS@#$FLINK_SLOTS#" -e "s#@TM_MEMORY@#$FLINK_TM_MEMORY#" -e "s#@DATA@#$FLINK_DIR#g" \
      -e "s#@S3_ENDPOINT@#http://127.0.0.1:$S3_PORT#" -e "s#@TLS@#$TLS_DIR#g" \
      "$VIGIL_ROOT/deploy/local/conf/flink-config.yaml" >"$FLINK_DIR/conf/config.yaml"
  # s3 credentials and key store passwords reach Flink through its config file, never the command line.
  { echo "s3.access-key: $(secret s3-access-key)"; echo "s3.secret-key: $(secret s3-secret-key)"
    local kind ks ts; ks="$(secret tls-keystore-password)"; ts="$(secret tls-truststore-password)"
    for kind in rest internal; do
      echo "security.ssl.$kind.keystore-password: $ks"; echo "security.ssl.$kind.key-password: $ks"
      echo "security.ssl.$kind.truststore-password: $ts"
    done; } >>"$FLINK_DIR/conf/config.yaml"
  chmod 600 "$FLINK_DIR/conf/config.yaml"
  cp "$VIGIL_ROOT/deploy/local/conf/log4j-flink.properties" "$FLINK_DIR/conf/log4j.properties"
  cp "$VIGIL_ROOT/deploy/local/conf/log4j-cli.properties" "$FLINK_DIR/conf/log4j-cli.properties"
  mkdir -p "$FLINK_DIR/log"
  flink_server_cp >/dev/null
  own_service_dir "$(flink_user)" "$FLINK_DIR"
}

# JVM flags and memory settings exactly as Flink's own start scripts compute them.
flink_resource_params() {
  local kind="$1" out
  out="$(java -cp "$(flink_cp)" org.apache.flink.runtime.util.bash.BashJavaUtils "$kind" --configDir "$FLINK_DIR/conf" 2>&1)" \
    || die "flink: cannot compute memory settings: $(echo "$out" | tail -n 3)"
  echo "$out" | grep '^BASH_JAVA_UTILS_EXEC_RESULT:' | sed 's/^BASH_JAVA_UTILS_EXEC_RESULT://'
}

flink_java() {
  local svc="$1" main="$2" kind="$3" params jvm dyn opens cp
  shift 3
  cp="$(flink_server_cp)"
  flink_share
  params="$(flink_resource_params "$kind")"
  jvm="$(echo "$params" | sed -n 1p)"; dyn="$(echo "$params" | sed -n 2p)"
  opens="$(sed -n 's/^env.java.opts.all: //p' "$FLINK_DIR/conf/config.yaml")"
  # shellcheck disable=SC2086 # word splitting of Flink's computed flags is intended
  FLINK_PLUGINS_DIR="$FLINK_DIR/plugins" FLINK_CONF_DIR="$FLINK_DIR/conf" spawn_as "$(flink_user)" "$svc" java $jvm $opens \
    -Dvigil.service="$svc" -Dlog.file="$(flink_log_file "$svc")" \
    -Dlog4j.configuration="file:$FLINK_DIR/conf/log4j.properties" \
    -Dlog4j.configurationFile="file:$FLINK_DIR/conf/log4j.properties" \
    -cp "$cp" "$main" --configDir "$FLINK_DIR/conf" $dyn "$@"
}

jobmanager_port() { echo "$FLINK_PORT"; }
jobmanager_ports() { echo "$FLINK_PORT:VIGIL_FLINK_PORT $FLINK_RPC_PORT:VIGIL_FLINK_RPC_PORT $FLINK_BLOB_PORT:VIGIL_FLINK_BLOB_PORT $FLINK_METRICS_PORT:VIGIL_FLINK_METRICS_PORT"; }
jobmanager_provision() { flink_provision; }
jobmanager_start() {
  flink_java jobmanager org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint GET_JM_RESOURCE_PARAMS \
    -D "metrics.reporter.prom.port=$FLINK_METRICS_PORT"
}
# Flink's REST API with the stack's client certificate (mutual TLS), for ./vigil's own calls.
flink_curl() { curl -fsS --max-time 10 --cacert "$TLS_DIR/ca.crt" --cert "$TLS_DIR/flink.pem" "$@"; }

# Submits a job jar through Flink's CLI (uploads are off), detached; prints the job ID.
#   flink_submit JAR [CLI OPTIONS, e.g. --class C, --fromSavepoint P] -- PROGRAM ARGS...
# The CLI runs the job's main() here, so a broken config fails before anything starts.
flink_submit() {
  local jar="$1" cli=() out opens; shift
  while [ $# -gt 0 ] && [ "$1" != "--" ]; do cli+=("$1"); shift; done
  [ "${1:-}" = "--" ] && shift
  [ -f "$jar" ] || die "no job jar at $jar. Fix: build it with 'mvn -q install -DskipTests'."
  opens="$(sed -n 's/^env.java.opts.all: //p' "$FLINK_DIR/conf/config.yaml")"
  # shellcheck disable=SC2086 # word splitting of Flink's JVM flags is intended
  out="$(FLINK_CONF_DIR="$FLINK_DIR/conf" FLINK_PLUGINS_DIR="$FLINK_DIR/plugins" java $opens -Dlog4j.configurationFile="file:$FLINK_DIR/conf/log4j-cli.properties" \
    -cp "$(flink_cp)" org.apache.flink.client.cli.CliFrontend run --detached "${cli[@]}" "$jar" "$@" 2>&1)" \
    || die "submitting $(basename "$jar") failed: $(echo "$out" | grep -v '^[[:space:]]*at ' | tail -n 8)"
  out="$(echo "$out" | sed -n 's/.*Job has been submitted with JobID \([0-9a-f]\{32\}\).*/\1/p' | tail -n 1)"
  [ -n "$out" ] || die "Flink's CLI did not report a job ID for $(basename "$jar")"
  echo "$out"
}

jobmanager_healthy() { flink_curl -o /dev/null --max-time 2 "https://127.0.0.1:$FLINK_PORT/config" 2>/dev/null; }
jobmanager_env() {
  echo "VIGIL_FLINK_URL=https://127.0.0.1:$FLINK_PORT"
  echo "VIGIL_FLINK_CLIENT_KEYSTORE=$TLS_DIR/flink.p12"
  echo "VIGIL_FLINK_CLIENT_KEYSTORE_PASSWORD_FILE=$SECRETS_DIR/tls-keystore-password"
  echo "VIGIL_FLINK_METRICS_URLS=http://127.0.0.1:$FLINK_METRICS_PORT/metrics,http://127.0.0.1:$((FLINK_METRICS_PORT + 1))/metrics"
}

taskmanager_port() { echo "$FLINK_TM_RPC_PORT"; }
taskmanager_ports() { echo "$FLINK_TM_RPC_PORT:VIGIL_FLINK_TM_RPC_PORT $FLINK_TM_DATA_PORT:VIGIL_FLINK_TM_DATA_PORT $((FLINK_METRICS_PORT + 1)):VIGIL_FLINK_METRICS_PORT+1"; }
taskmanager_provision() { flink_provision; }
taskmanager_start() {
  # its own metric query port range, so it never races the JobManager for one
  flink_java taskmanager org.apache.flink.runtime.taskexecutor.TaskManagerRunner GET_TM_RESOURCE_PARAMS \
    -D "metrics.internal.query-service.port=$((FLINK_TM_DATA_PORT + 4))-$((FLINK_TM_DATA_PORT + 6))" \
    -D "metrics.reporter.prom.port=$((FLINK_METRICS_PORT + 1))"
}
# Healthy once the TaskManager has registered its slots with the JobManager.
taskmanager_healthy() {
  flink_curl --max-time 2 "https://127.0.0.1:$FLINK_PORT/overview" 2>/dev/null | grep -E '"taskmanagers":[1-9]' >/dev/null
}
