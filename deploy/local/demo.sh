# ./vigil demo: the stack, the build, the topics, every Vigil job that exists, a synthetic workload,
# then what landed where. Grows as jobs land: it submits every jobs/*/target/vigil-*-job.jar.
DEMO_REQUESTS="${VIGIL_DEMO_REQUESTS:-20000}"
DEMO_MINUTES="${VIGIL_DEMO_MINUTES:-30}"
TOPIC_PREFIX="${VIGIL_TOPIC_PREFIX:-vigil.}"

demo_run() {
  stack_up
  set -a; . "$STACK_ENV"; set +a
  info "building Vigil (mvn -DskipTests install)"
  (cd "$VIGIL_ROOT" && mvn -B -q install -DskipTests) >"$LOG_DIR/demo-build.log" 2>&1 \
    || die "the build failed; read $LOG_DIR/demo-build.log"
  (cd "$VIGIL_ROOT" && mvn -B -q -pl workload "$MVN_DEP:build-classpath" -Dmdep.outputFile="$VIGIL_HOME/workload.classpath") \
    >>"$LOG_DIR/demo-build.log" 2>&1 || die "cannot resolve the workload classpath; read $LOG_DIR/demo-build.log"

  demo_submit_jobs

  info "producing the synthetic workload: $DEMO_REQUESTS requests over the last $DEMO_MINUTES minutes of event time"
  java -cp "$VIGIL_ROOT/workload/target/classes:$(cat "$VIGIL_HOME/workload.classpath")" dev.vigil.workload.WorkloadMain \
    --bootstrap "$VIGIL_KAFKA_BOOTSTRAP" --requests "$DEMO_REQUESTS" --minutes "$DEMO_MINUTES" --topic-prefix "$TOPIC_PREFIX" \
    | sed 's/^/  /'
  demo_report
}

demo_submit_jobs() {
  local jars=() jar
  for jar in "$VIGIL_ROOT"/jobs/*/target/vigil-*-job.jar; do [ -f "$jar" ] && jars+=("$jar"); done
  if [ ${#jars[@]} -eq 0 ]; then
    info "no Vigil job jars exist yet (they land with the job issues); the workload still goes to Kafka"
    return 0
  fi
  for jar in "${jars[@]}"; do
    local id
    id="$(curl -fsS -X POST -F "jarfile=@$jar" "$VIGIL_FLINK_URL/jars/upload" | sed -n 's/.*"filename":"[^"]*\/\([^"]*\)".*/\1/p')"
    [ -n "$id" ] || die "uploading $jar to Flink failed"
    curl -fsS -X POST -H 'Content-Type: application/json' -d '{}' "$VIGIL_FLINK_URL/jars/$id/run" >/dev/null \
      || die "starting $(basename "$jar") failed; read $LOG_DIR/jobmanager.flink.log"
    info "submitted $(basename "$jar")"
  done
}

topic_count() {
  kcat -b "$VIGIL_KAFKA_BOOTSTRAP" -C -t "$1" -e -q -f 'x\n' 2>/dev/null | wc -l
}

demo_report() {
  echo
  echo "== Kafka topics (records) =="
  local t
  for t in agent-logs business-events performance-metrics errors dead-letters alerts; do
    printf '  %-32s %s\n' "$TOPIC_PREFIX$t" "$(topic_count "$TOPIC_PREFIX$t")"
  done
  echo "== Flink jobs =="
  curl -fsS "$VIGIL_FLINK_URL/jobs/overview" | tr '{' '\n' | sed -n 's/.*"name":"\([^"]*\)".*"state":"\([^"]*\)".*/  \1: \2/p' | grep -v '^  vigil-smoke' || true
  echo "== TimescaleDB (rows per table) =="
  PGPASSWORD="$(cat "$VIGIL_PG_PASSWORD_FILE")" psql -h 127.0.0.1 -p "$PG_PORT" -U vigil -d vigil -tA -F ' ' -c \
    "select 'public.' || relname, n_live_tup from pg_stat_user_tables where schemaname = 'public' order by relname" 2>/dev/null \
    | sed 's/^/  /' | grep . || echo "  (no tables yet)"
  echo "== Elasticsearch (documents per index) =="
  curl -fsS "$VIGIL_ES_URL/_cat/indices/vigil-*?h=index,docs.count&s=index" 2>/dev/null | sed 's/^/  /' | grep . || echo "  (no vigil indices yet)"
  echo "== S3 archive (objects in s3://$S3_BUCKET) =="
  echo "  $(s3_curl "http://127.0.0.1:$S3_PORT/$S3_BUCKET?list-type=2" 2>/dev/null | grep -o '<Key>' | wc -l) objects"
  echo "== Alertmanager (active alerts) =="
  echo "  $(curl -fsS "$VIGIL_ALERTMANAGER_URL/api/v2/alerts?active=true" | grep -o '"fingerprint"' | wc -l) alerts"
  echo
  echo "Open: Flink UI $VIGIL_FLINK_URL  |  Prometheus $VIGIL_PROMETHEUS_URL  |  Alertmanager $VIGIL_ALERTMANAGER_URL"
}
