# Elasticsearch 7.17 from the integ-test zip (no X-Pack), run as a non-root system user.
ES_VERSION=7.17.29
ES_PORT="${VIGIL_ES_PORT:-9200}"
ES_TRANSPORT_PORT="${VIGIL_ES_TRANSPORT_PORT:-9300}"
ES_USER=vigil-es

es_dirs() {
  ES_DIR="$(state_dir_for_user "$ES_USER" "$DATA_DIR/elasticsearch")"
  ES_HOME="$ES_DIR/elasticsearch-$ES_VERSION"
}
if id -u "$ES_USER" >/dev/null 2>&1; then es_dirs; else ES_DIR="$DATA_DIR/elasticsearch"; ES_HOME="$ES_DIR/elasticsearch-$ES_VERSION"; fi

elasticsearch_port() { echo "$ES_PORT"; }
elasticsearch_ports() { echo "$ES_PORT:VIGIL_ES_PORT $ES_TRANSPORT_PORT:VIGIL_ES_TRANSPORT_PORT"; }

elasticsearch_provision() {
  mvn_copy "org.elasticsearch.distribution.integ-test-zip:elasticsearch:$ES_VERSION:zip" "elasticsearch-$ES_VERSION.zip"
  id -u "$ES_USER" >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin "$ES_USER" \
    || die "elasticsearch: cannot create system user $ES_USER (needs root)."
  es_dirs
  if [ ! -x "$ES_HOME/bin/elasticsearch" ]; then
    apt_install unzip
    mkdir -p "$ES_DIR"
    unzip -q -o "$DL_DIR/elasticsearch-$ES_VERSION.zip" -d "$ES_DIR" || die "elasticsearch: cannot unpack the zip."
  fi
  mkdir -p "$ES_DIR/data" "$ES_DIR/logs"
  # ES writes its keystore and temp files next to its config.
  cat >"$ES_HOME/config/jvm.options.d/vigil.options" <<OPTS
-Xms512m
-Xmx512m
OPTS
  chown -R "$ES_USER" "$ES_DIR"
}

elasticsearch_start() {
  local log; log="$(logfile elasticsearch)"
  touch "$log"
  # -d daemonises; stdin/stdout/stderr are redirected or the caller hangs. JAVA_HOME: ES 7 fails on Java 25.
  (cd "$ES_DIR" && ES_JAVA_HOME="${VIGIL_ES_JAVA_HOME:-/usr/lib/jvm/java-17-openjdk-amd64}" \
    runuser -u "$ES_USER" -- "$ES_HOME/bin/elasticsearch" -d -p "$ES_DIR/es.pid" \
      -E cluster.name=vigil -E node.name=vigil-local -E discovery.type=single-node \
      -E network.host=127.0.0.1 -E http.port="$ES_PORT" -E transport.port="$ES_TRANSPORT_PORT" \
      -E path.data="$ES_DIR/data" -E path.logs="$ES_DIR/logs" -E action.auto_create_index=true \
      -E cluster.routing.allocation.disk.threshold_enabled=false \
      </dev/null >>"$log" 2>&1) || die "elasticsearch failed to start; read $log and $ES_DIR/logs/vigil.log"
}

# Once healthy (so its pid file is written), the stack's run/ folder gets a copy, where every service's pid is
# found; the stack itself reads ES's own file (below).
elasticsearch_ready() {
  cp "$ES_DIR/es.pid" "$(pidfile elasticsearch)"
}

# ES's own pid file, which it writes once its JVM is up (on a busy machine 15 s and more after -d returns) and
# removes when it exits. A copy taken at start missed a late one: the stack then lost track of a running ES
# (`stack down` left it, the next `stack up` found its port taken). Its command line names its home, which may
# live outside .vigil/.
elasticsearch_pid() {
  local pid; pid="$(head -n1 "$ES_DIR/es.pid" 2>/dev/null)" || return 1
  cmdline_has "$pid" "$ES_HOME" && echo "$pid"
}

elasticsearch_healthy() {
  curl -fsS --max-time 2 "http://127.0.0.1:$ES_PORT/_cluster/health" 2>/dev/null | grep -E '"status":"(green|yellow)"' >/dev/null
}

elasticsearch_env() {
  echo "VIGIL_ES_URL=http://127.0.0.1:$ES_PORT"
  # for the security tests, which start a second node with TLS and authentication from the same distribution
  echo "VIGIL_ES_HOME=$ES_HOME"
  echo "VIGIL_ES_USER=$ES_USER"
  echo "VIGIL_ES_JAVA_HOME=${VIGIL_ES_JAVA_HOME:-/usr/lib/jvm/java-17-openjdk-amd64}"
  echo "VIGIL_TLS_DIR=$TLS_DIR"
  echo "VIGIL_TLS_KEYSTORE_PASSWORD_FILE=$SECRETS_DIR/tls-keystore-password"
}
