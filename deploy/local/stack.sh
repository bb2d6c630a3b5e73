# stack up / down / status / logs over the services defined in services/*.sh.
SERVICES=(kafka timescaledb elasticsearch s3 redis prometheus alertmanager jobmanager taskmanager)
HOST_PACKAGES=(curl kcat unzip prometheus prometheus-alertmanager)

svc_pid() {
  if declare -F "${1}_pid" >/dev/null; then "${1}_pid"; else service_pid "$1"; fi
}

svc_timeout() { case "$1" in elasticsearch) echo 120 ;; taskmanager) echo 90 ;; *) echo 60 ;; esac; }

stack_preflight() {
  command -v java >/dev/null || die "java is not installed. Fix: apt-get install openjdk-17-jdk-headless."
  command -v mvn >/dev/null || die "mvn is not installed. Fix: apt-get install maven."
  local extra=()
  grep -q '^VERSION_CODENAME=trixie' /etc/os-release || extra+=(debootstrap)
  apt_install "${HOST_PACKAGES[@]}" "${extra[@]}"
}

# Provisioning is idempotent and cached under .vigil/; TimescaleDB's first-time chroot build is the
# slow part, so it runs beside the others.
stack_provision() {
  local pg_pid="" pg_log="$LOG_DIR/provision-timescaledb.log"
  if [ -z "$(svc_pid timescaledb || true)" ]; then
    ( timescaledb_provision ) >"$pg_log" 2>&1 & pg_pid=$!
  fi
  local s
  for s in kafka elasticsearch s3 redis prometheus alertmanager jobmanager; do
    [ -n "$(svc_pid "$s" || true)" ] || "${s}_provision"
  done
  if [ -n "$pg_pid" ]; then
    wait "$pg_pid" || { cat "$pg_log" >&2; exit 1; }
  fi
}

# Starts one stopped service (its ports must be free).
svc_launch() {
  local s="$1" p
  for p in $("${s}_ports"); do require_port_free "$s" "${p%%:*}" "${p##*:}"; done
  "${s}_start"
}

# Waits until a service is healthy, then runs its post-start step (e.g. Kafka's SCRAM user).
svc_await() {
  local s="$1"
  wait_healthy "$s" "$(svc_timeout "$s")" \
    || die "$s did not become healthy on port $("${s}_port"); read $(logfile "$s")$( [ "$s" = jobmanager ] || [ "$s" = taskmanager ] && echo " and $(flink_log_file "$s")")"
  if declare -F "${s}_ready" >/dev/null; then "${s}_ready"; fi
}

# Orderly stop of a running service.
svc_halt() {
  local s="$1" pid="$2"
  if declare -F "${s}_stop" >/dev/null; then "${s}_stop"; else stop_pid "$s" "$pid"; fi
}

# Each service's data readable by its own user only (Elasticsearch's by vigil-es, the rest by the user
# running the stack). TimescaleDB's is left to PostgreSQL, which keeps its data directory at 0700 itself
# and, natively on Debian 13, runs as postgres below a folder of ours it must pass through.
stack_protect_data() {
  local d
  for d in kafka flink prometheus s3 redis alertmanager elasticsearch search-matrix; do
    [ -d "$DATA_DIR/$d" ] && chmod 700 "$DATA_DIR/$d"
  done
  return 0
}

stack_up() {
  ensure_dirs
  local t0=$SECONDS started=() s
  stack_preflight
  stack_provision
  for s in "${SERVICES[@]}"; do
    [ -n "$(svc_pid "$s" || true)" ] && continue
    svc_launch "$s"
    started+=("$s")
  done
  for s in "${SERVICES[@]}"; do svc_await "$s"; done
  stack_protect_data
  stack_write_env
  info "stack up in $((SECONDS - t0)) s (started: ${started[*]:-none, all were running})"
}

stack_write_env() {
  local s
  { for s in "${SERVICES[@]}"; do declare -F "${s}_env" >/dev/null && "${s}_env"; done; } >"$STACK_ENV.tmp"
  mv "$STACK_ENV.tmp" "$STACK_ENV"
}

stack_env() { [ -f "$STACK_ENV" ] || die "the stack has not been started; run ./vigil stack up"; cat "$STACK_ENV"; }

stack_down() {
  ensure_dirs
  local i s pid
  # the hot tier's read API, when ./vigil demo started it
  pid="$(service_pid hot-api || true)"
  [ -n "$pid" ] && stop_pid hot-api "$pid" && info "stopped hot-api (pid $pid)"
  for ((i = ${#SERVICES[@]} - 1; i >= 0; i--)); do
    s="${SERVICES[$i]}"
    pid="$(svc_pid "$s" || true)"
    if [ -n "$pid" ]; then
      svc_halt "$s" "$pid"
      info "stopped $s (pid $pid)"
    else
      rm -f "$(pidfile "$s")"
      [ "$s" = timescaledb ] && pg_chroot_unmount
    fi
  done
  return 0
}

# One service on its own: operators restart a single piece; the reliability tests drive outages and crashes with it.
require_service() {
  local s="$1" verbs="${2:-start|stop|kill}"
  [ -n "$s" ] || die "usage: ./vigil stack $verbs SERVICE (one of: ${SERVICES[*]})"
  printf '%s\n' "${SERVICES[@]}" | grep -x "$s" >/dev/null || die "unknown service '$s'; allowed: ${SERVICES[*]}"
}

service_start() {
  local s="$1"
  require_service "$s"
  ensure_dirs
  [ -n "$(svc_pid "$s" || true)" ] || svc_launch "$s"
  svc_await "$s"
  info "$s is up"
}

# stop: orderly shutdown; kill: SIGKILL, as a crash would (no shutdown hooks, no flush).
service_stop() {
  local s="$1" signal="$2" pid
  require_service "$s"
  pid="$(svc_pid "$s" || true)"
  [ -n "$pid" ] || { info "$s is not running"; return 0; }
  if [ "$signal" = KILL ]; then
    kill -KILL "$pid"
    while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
    rm -f "$(pidfile "$s")"
  else
    svc_halt "$s" "$pid"
  fi
  info "$s stopped (pid $pid, $signal)"
}

stack_status() {
  ensure_dirs
  local s pid health bad=0
  printf '%-14s %-6s %-8s %s\n' SERVICE PORT PID HEALTH
  for s in "${SERVICES[@]}"; do
    pid="$(svc_pid "$s" || true)"
    if [ -z "$pid" ]; then health=stopped; bad=1
    elif "${s}_healthy"; then health=healthy
    else health=unhealthy; bad=1; fi
    printf '%-14s %-6s %-8s %s\n' "$s" "$("${s}_port")" "${pid:--}" "$health"
  done
  return $bad
}

stack_logs() {
  local s="$1"
  require_service "$s" logs
  local files=("$(logfile "$s")")
  case "$s" in
    elasticsearch) files+=("$ES_DIR/logs/vigil.log") ;;
    timescaledb) files+=("$(pg_host_path "$PG_STATE/postgres.log")") ;;
    jobmanager|taskmanager) files+=("$(flink_log_file "$s")") ;;
  esac
  local f
  for f in "${files[@]}"; do
    [ -f "$f" ] || continue
    echo "==> $f <=="
    tail -n "${VIGIL_LOG_LINES:-100}" "$f"
  done
}
