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

  # Topics first: a job whose input topic does not exist yet fails at start-up and restarts.
  java -cp "$VIGIL_ROOT/workload/target/classes:$(cat "$VIGIL_HOME/workload.classpath")" dev.vigil.workload.WorkloadMain \
    --bootstrap "$VIGIL_KAFKA_BOOTSTRAP" --topic-prefix "$TOPIC_PREFIX" --topics-only true
  demo_submit_jobs

  # The cross-service journey runs live: its services' events, start-up lines included, carry the wall clock, while the
  # workload's request times end 3 minutes before it starts. Started before the workload, the NestJS example would move
  # the watermark past the whole workload (every event late); called more than detection.silence.after (5 min) of
  # event time after the workload's last requests, it would move the watermark past every service the workload stops
  # (each a Silence alert). So it is built first and started and called as soon as the workload is published.
  demo_payments_build
  info "producing the synthetic workload: $DEMO_REQUESTS requests over the last $DEMO_MINUTES minutes of event time;"
  info "the inventory service reports through the OpenTelemetry SDK (OTLP topics) instead of Vigil's contract"
  local produced_from=$SECONDS
  java -cp "$VIGIL_ROOT/workload/target/classes:$(cat "$VIGIL_HOME/workload.classpath")" dev.vigil.workload.WorkloadMain \
    --bootstrap "$VIGIL_KAFKA_BOOTSTRAP" --requests "$DEMO_REQUESTS" --minutes "$DEMO_MINUTES" --topic-prefix "$TOPIC_PREFIX" \
    --otlp-service inventory --run-tag "$(printf '%x' "$(date +%s)")" | sed 's/^/  /'
  demo_payments_start
  demo_journey
  # the workload's last requests are 180 s older than its start
  if [ $((SECONDS - produced_from + 180)) -gt 300 ]; then
    info "the cross-service requests came $((SECONDS - produced_from + 180)) s of event time after the workload's last requests,"
    info "over detection.silence.after (300 s): expect Silence alerts for the services the workload stopped"
  fi
  info "waiting ${VIGIL_DEMO_SETTLE_SECONDS:-25} s for windows to close and sinks to flush (checkpoint interval 10 s)"
  sleep "${VIGIL_DEMO_SETTLE_SECONDS:-25}"
  demo_report
  if [ "${VIGIL_DEMO_ALERT_LIFECYCLE:-1}" = 1 ]; then demo_alert_lifecycle; fi
}

# The NestJS payments example (examples/nestjs-payments), which publishes over TLS + SCRAM like a deployed service.
demo_payments_build() {
  info "building the NestJS payments example (@vigil/nestjs) for a request across Java and Node"
  # npm ci again only when the lock changed since the last install
  (cd "$VIGIL_ROOT" && { [ node_modules/.package-lock.json -nt package-lock.json ] || npm ci --no-audit --no-fund; } \
    && npm run build -w clients/nestjs && npm run build -w examples/nestjs-payments) \
    >"$LOG_DIR/demo-node.log" 2>&1 || die "building the NestJS example failed; read $LOG_DIR/demo-node.log"
}

# Starts the payments example in the background. Sets DEMO_PAYMENTS_PID and DEMO_PAYMENTS_URL.
demo_payments_start() {
  local log="$LOG_DIR/demo-payments.log" i
  DEMO_PAYMENTS_URL=""
  # named apart from the workload's simulated payments service
  VIGIL_SERVICE=payments-nestjs PORT=0 VIGIL_TOPIC_PREFIX="$TOPIC_PREFIX" VIGIL_KAFKA_BOOTSTRAP="$VIGIL_KAFKA_SASL_BOOTSTRAP" VIGIL_KAFKA_SECURITY=sasl_ssl \
    VIGIL_KAFKA_SASL_USER="$VIGIL_KAFKA_SASL_USER" VIGIL_KAFKA_SASL_PASSWORD_FILE="$VIGIL_KAFKA_SASL_PASSWORD_FILE" \
    VIGIL_KAFKA_CA_FILE="$SECRETS_DIR/tls/ca.crt" node "$VIGIL_ROOT/examples/nestjs-payments/dist/main.js" </dev/null >"$log" 2>&1 &
  DEMO_PAYMENTS_PID=$!
  for i in $(seq 1 60); do
    DEMO_PAYMENTS_URL="$(sed -n 's/^payments listening on //p' "$log")"
    [ -n "$DEMO_PAYMENTS_URL" ] && return
    kill -0 "$DEMO_PAYMENTS_PID" 2>/dev/null || die "the payments example stopped; read $log"
    sleep 0.5
  done
  demo_payments_stop
  die "the payments example did not start within 30 s; read $log"
}

# Nest's shutdown hooks send what the library still holds.
demo_payments_stop() {
  kill -TERM "$DEMO_PAYMENTS_PID" 2>/dev/null || true
  wait "$DEMO_PAYMENTS_PID" 2>/dev/null || true
}

# Requests across a Java and a Node service, each publishing through its Vigil library: the storefront (Java) calls
# the payments example started by demo_payments_start. Sets DEMO_JOURNEY_ID, shown with the hot tier.
demo_journey() {
  local ids
  ids="$(java -cp "$VIGIL_ROOT/workload/target/classes:$(cat "$VIGIL_HOME/workload.classpath")" \
    dev.vigil.workload.journey.CrossServiceJourney --bootstrap "$VIGIL_KAFKA_BOOTSTRAP" --payments-url "$DEMO_PAYMENTS_URL" \
    --topic-prefix "$TOPIC_PREFIX" --requests 3)" || { demo_payments_stop; die "the cross-service requests failed"; }
  demo_payments_stop
  # the first line without a pipe: head leaving before echo's last write made the demo fail now and then (SIGPIPE, 141)
  DEMO_JOURNEY_ID="${ids%%$'\n'*}"
  info "a request across Java and Node, sent: $(echo "$ids" | tr '\n' ' ')(the last one's payment times out)"
}

# The demo's job config: the local stack's endpoints, credentials by file.
demo_config() {
  local dir="$VIGIL_HOME/demo"
  mkdir -p "$dir"
  secret masking-key >/dev/null
  # Every job signs its alerts with this key; the alerting job accepts no others.
  [ -s "$SECRETS_DIR/alert-signing-key" ] || (umask 077; head -c 48 /dev/urandom | base64 -w0 >"$SECRETS_DIR/alert-signing-key")
  flink_share # the jobs read both keys on the cluster
  cat >"$dir/vigil.yaml" <<YAML
# Generated by ./vigil demo for the local stack; see docs/configuration.md for every option.
kafka:
  bootstrap-servers: $VIGIL_KAFKA_BOOTSTRAP
  topic-prefix: $TOPIC_PREFIX
  starting-offsets: committed
  # OTLP as an OpenTelemetry Collector's Kafka exporter writes it; every job reads the topics of its signals.
  topic-formats: ["otlp-logs=otlp-proto:logs", "otlp-spans=otlp-json:traces", "otlp-metrics=otlp-proto:metrics"]
masking:
  hmac-key-file: $SECRETS_DIR/masking-key
sampling:
  rates: [":debug=0.2"]
timescaledb:
  url: $VIGIL_PG_URL
  username: $VIGIL_PG_USER
  password-file: $VIGIL_PG_PASSWORD_FILE
elasticsearch:
  hosts: [$VIGIL_ES_URL]
s3:
  archive-path: s3://$VIGIL_S3_BUCKET/archive
# The hot tier: the kept logs and errors of the last hour in Redis Streams (./vigil tail).
redis:
  uri: $VIGIL_REDIS_URI
  password-file: $VIGIL_REDIS_PASSWORD_FILE
# The workload's users go from signup to purchase in 90 s; conversion is decided 'within' after each window.
funnels: ["name=checkout;steps=signup>checkout_started>purchase;within=2min;by=country"]
alerting:
  signing-key-file: $SECRETS_DIR/alert-signing-key
  alertmanager-url: $VIGIL_ALERTMANAGER_URL
  teams: [payments=payments, checkout=payments, search=search, gateway=platform, inventory=platform, support-agent=ai, shop=growth]
  # Short enough to watch in a demo: escalation after 60 s, resolution 150 s after the last report.
  escalation: ["warning>critical;after=60s;rate-factor=2"]
  resend-interval: 10s
  resolve-after: 150s
checkpoint:
  interval: 10s
  storage: file://$DATA_DIR/flink/checkpoints
parallelism: 2
YAML
  echo "$dir/vigil.yaml"
}

# Submits each job whose jar exists. A job still running from an earlier demo is cancelled and submitted afresh: the
# new workload covers the last minutes of event time again, which that job's watermark has already passed (the earlier
# demo ended with requests at the current time), so it would count nearly every new event as late. A fresh job reads
# from its committed offsets, i.e. only the new records, with watermarks and detector state of its own.
demo_submit_jobs() {
  local config; config="$(demo_config)"
  local jar job ids found=0
  for jar in "$VIGIL_ROOT"/jobs/*/target/vigil-*-job.jar; do
    [ -f "$jar" ] || continue
    found=1
    job="$(basename "$jar" -job.jar)"           # vigil-agent-logs
    ids="$(demo_running_jobs "$job")"
    if [ -n "$ids" ]; then
      # shellcheck disable=SC2086 # one argument per job ID
      demo_cancel_jobs "$job" $ids
      info "cancelled $job from an earlier demo (its watermark is past the new workload's event time)"
    fi
    flink_submit "$jar" -- --config "$config" >/dev/null
    info "submitted $job"
  done
  [ $found -eq 1 ] || info "no Vigil job jars were built"
}

# IDs of the jobs named $1 that are running or about to.
demo_running_jobs() {
  flink_curl "$VIGIL_FLINK_URL/jobs/overview" | python3 -c '
import json, sys
print(" ".join(j["jid"] for j in json.load(sys.stdin)["jobs"]
               if j["name"] == sys.argv[1] and j["state"] in ("RUNNING", "CREATED", "INITIALIZING", "RESTARTING")))' "$1"
}

# Cancels the jobs named $1 with IDs $2...; waits until none of them runs (their offsets are committed at checkpoints).
demo_cancel_jobs() {
  local job="$1" id i; shift
  for id in "$@"; do flink_curl -X PATCH "$VIGIL_FLINK_URL/jobs/$id?mode=cancel" >/dev/null; done
  for i in $(seq 1 60); do
    [ -z "$(demo_running_jobs "$job")" ] && return 0
    sleep 1
  done
  die "$job did not stop within 60 s of being cancelled; see the Flink UI at $VIGIL_FLINK_URL"
}

# The hot tier: stream lengths, the newest events as ./vigil tail shows them, and one request across services.
demo_hot_tier() {
  echo "== Hot tier (Redis Streams at $VIGIL_REDIS_URI) =="
  local svc cid best="" best_n=0 n
  for svc in $(redis_cli zrange vigil:services 0 -1 2>/dev/null); do
    printf '  %-32s %s events\n' "vigil:logs:$svc" "$(redis_cli xlen "vigil:logs:$svc")"
  done
  echo "  newest events (./vigil tail --limit 6):"
  "$VIGIL_ROOT/vigil" tail --limit 6 --no-color 2>&1 | cut -c1-150 | sed 's/^/    /'
  # a request that crossed the most services among a sample of those in the hot tier, counting only the events
  # their streams still keep (a capped stream trims its oldest entries; the request's list keeps its references)
  local firsts stream
  firsts="$(for stream in $(redis_cli --scan --pattern 'vigil:logs:*' 2>/dev/null); do
    echo "$stream $(redis_cli xrange "$stream" - + COUNT 1 | head -n 1)"
  done)"
  for cid in $(redis_cli --scan --pattern 'vigil:request:*' 2>/dev/null | head -n 300 | sed 's/^vigil:request://'); do
    # the list's elements are "<stream key> <entry ID>": one stream per service; an entry ID is "<ms>-<seq>"
    n="$(redis_cli lrange "vigil:request:$cid" 0 -1 | awk -v firsts="$firsts" '
      BEGIN { k = split(firsts, line, "\n"); for (i = 1; i <= k; i++) { split(line[i], f, " "); oldest[f[1]] = f[2] } }
      function kept(id, first,  a, b) {
        split(id, a, "-"); split(first, b, "-")
        return a[1] + 0 > b[1] + 0 || (a[1] + 0 == b[1] + 0 && a[2] + 0 >= b[2] + 0)
      }
      ($1 in oldest) && kept($2, oldest[$1]) { services[$1] = 1 }
      END { n = 0; for (s in services) n++; print n }')"
    if [ "$n" -gt "$best_n" ]; then best_n="$n"; best="$cid"; fi
  done
  if [ -n "$best" ]; then
    echo "  one request across $best_n services (./vigil tail --correlation-id $best):"
    "$VIGIL_ROOT/vigil" tail --correlation-id "$best" --no-color 2>&1 | cut -c1-150 | sed 's/^/    /'
  fi
  if [ -n "${DEMO_JOURNEY_ID:-}" ]; then
    echo "  one request across Java (storefront) and NestJS (payments-nestjs) (./vigil tail --correlation-id $DEMO_JOURNEY_ID):"
    "$VIGIL_ROOT/vigil" tail --correlation-id "$DEMO_JOURNEY_ID" --no-color 2>&1 | cut -c1-150 | sed 's/^/    /'
  fi
  # the read API and its page, left running (./vigil stack down stops it)
  if [ -z "$(service_pid hot-api || true)" ]; then
    # shellcheck disable=SC2046 # the command is a word list
    spawn hot-api $(hot_api_command)
  fi
  echo "  page (live tail, request waterfall): http://127.0.0.1:8088/#token=\$(cat $SECRETS_DIR/hot-api-token)"
  [ -n "$best" ] && echo "  this request: curl -H \"Authorization: Bearer \$(cat $SECRETS_DIR/hot-api-token)\" http://127.0.0.1:8088/requests/$best"
  return 0
}

topic_count() {
  kcat -b "$VIGIL_KAFKA_BOOTSTRAP" -C -t "$1" -e -q -f 'x\n' 2>/dev/null | wc -l
}

# Active alerts in Alertmanager per alertname, service and severity, with one summary each.
demo_alerts() {
  curl -fsS "$VIGIL_ALERTMANAGER_URL/api/v2/alerts?active=true" | python3 -c '
import json, sys
alerts = json.load(sys.stdin)
if not alerts:
    print("  (none active)")
groups = {}
for a in alerts:
    l = a["labels"]
    groups.setdefault((l.get("alertname"), l.get("service"), l.get("severity"), l.get("team")), []).append(a)
for (name, service, severity, team), group in sorted(groups.items()):
    print("  %-18s %-14s %-9s team=%-9s x%-4d e.g. %s" % (name, service, severity, team, len(group),
          group[0]["annotations"].get("summary", "")[:80]))
'
}

# The injected incidents as alerts: firing, escalated after 60 s (or at twice the rate), resolved once the detectors
# stop reporting them. The report before this takes a minute or more, so by now some have escalated or resolved.
demo_alert_lifecycle() {
  echo "== Alert lifecycle (escalation after 60 s or at twice the rate, resolution 150 s after the last report) =="
  local active; active="$(curl -fsS "$VIGIL_ALERTMANAGER_URL/api/v2/alerts?active=true")"
  if [ "$active" = "[]" ]; then
    echo "  every incident above has resolved already: no detector reported it for 150 s"
    return 0
  fi
  if [[ "$active" == *'"severity":"warning"'* ]]; then # no pipe: grep -q leaving early would fail it (pipefail)
    info "waiting 60 s for the warnings to escalate"
    sleep 60
    demo_alerts
  else
    echo "  no warning left to escalate; active now:"
    demo_alerts
  fi
  info "waiting up to 240 s for the incidents to resolve (the workload has ended, so no detector reports them again)"
  local i start=$SECONDS
  for i in $(seq 1 48); do
    [ "$(curl -fsS "$VIGIL_ALERTMANAGER_URL/api/v2/alerts?active=true")" = "[]" ] && break
    sleep 5
  done
  if [ "$(curl -fsS "$VIGIL_ALERTMANAGER_URL/api/v2/alerts?active=true")" = "[]" ]; then
    echo "  all resolved, $((SECONDS - start)) s into the wait"
  else
    demo_alerts
  fi
}

demo_report() {
  echo
  echo "== Kafka topics (records) =="
  local t
  for t in agent-logs business-events performance-metrics errors otlp-logs otlp-spans otlp-metrics dead-letters alerts; do
    printf '  %-32s %s\n' "$TOPIC_PREFIX$t" "$(topic_count "$TOPIC_PREFIX$t")"
  done
  echo "== Flink jobs =="
  flink_curl "$VIGIL_FLINK_URL/jobs/overview" | tr '{' '\n' | sed -n 's/.*"name":"\([^"]*\)".*"state":"\([^"]*\)".*/  \1: \2/p' \
    | grep -E '^  vigil-' | grep -v 'vigil-smoke' | sort | uniq -c | sed 's/^ *\([0-9]*\) \(.*\)/\2 (x\1)/' || true
  echo "== TimescaleDB (rows per table) =="
  local psql_cmd=(psql -h 127.0.0.1 -p "$PG_PORT" -U vigil -d vigil -tA)
  local tables table
  tables="$(PGPASSWORD="$(cat "$VIGIL_PG_PASSWORD_FILE")" "${psql_cmd[@]}" -c \
    "select tablename from pg_tables where schemaname = 'public' and tablename <> 'vigil_schema_history' order by 1" 2>/dev/null)"
  [ -n "$tables" ] || echo "  (no tables yet)"
  for table in $tables; do
    printf '  %-32s %s\n' "$table" "$(PGPASSWORD="$(cat "$VIGIL_PG_PASSWORD_FILE")" "${psql_cmd[@]}" -c "select count(*) from $table")"
  done
  echo "== Elasticsearch (documents per index) =="
  # _count, not _cat's docs.count: that one also counts the nested documents of each event's attributes
  local index indices
  indices="$(curl -fsS "$VIGIL_ES_URL/_cat/indices/vigil-*?h=index&s=index" 2>/dev/null || true)"
  [ -n "$indices" ] || echo "  (no vigil indices yet)"
  for index in $indices; do
    printf '  %-30s %s\n' "$index" "$(curl -fsS "$VIGIL_ES_URL/$index/_count" 2>/dev/null \
      | python3 -c 'import json, sys; print(json.load(sys.stdin)["count"])' 2>/dev/null || echo '?')"
  done
  echo "== S3 archive (objects under s3://$S3_BUCKET/archive/) =="
  echo "  $(s3_curl "http://127.0.0.1:$S3_PORT/$S3_BUCKET?list-type=2&prefix=archive%2F" 2>/dev/null | grep -o '<Key>' | wc -l) objects"
  echo "== Alertmanager (active alerts) =="
  demo_alerts
  demo_hot_tier
  echo
  echo "== Prometheus (the jobs' metrics, scraped from Flink's reporter on $VIGIL_FLINK_METRICS_URLS) =="
  local q
  q="$(python3 -c 'import urllib.parse,sys; print(urllib.parse.quote(sys.argv[1]))' \
    'sum by (job_name) (rate(flink_taskmanager_job_task_operator_vigil_processed[1m]))')"
  echo "  events processed per second per job: $VIGIL_PROMETHEUS_URL/graph?g0.expr=$q&g0.tab=0"
  echo "  pipeline-health rules and alerts:    $VIGIL_PROMETHEUS_URL/alerts"
  echo "  $(curl -fsS "$VIGIL_PROMETHEUS_URL/api/v1/query?query=count(%7B__name__%3D~%22flink_.*vigil.*%22%7D)" \
    | python3 -c 'import json,sys; r=json.load(sys.stdin)["data"]["result"]; print((r[0]["value"][1] if r else "0") + " Vigil series in Prometheus now")')"
  echo
  echo "Open: Flink UI $VIGIL_FLINK_URL (client certificate .vigil/secrets/tls/flink.p12)  |  Prometheus $VIGIL_PROMETHEUS_URL  |  Alertmanager $VIGIL_ALERTMANAGER_URL"
}
